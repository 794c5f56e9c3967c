package org.perfregression.runner;

import org.perfregression.harness.BaselineCoverage;
import org.perfregression.analysis.SuiteKey;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A results folder as the main job leaves it ({@code jmh-result.json}, optionally {@code plan.json}),
 * written without running JMH: for tests of what the job does with files, not of measuring.
 *
 * @param keys the combinations that have results
 * @param forks forks per combination
 * @param iterations samples per fork
 * @param scale every sample is multiplied by this (1.2: 20 % slower)
 * @param unit JMH's score unit, e.g. {@code ns/op}
 * @param jdkVersion the JDK JMH reports, e.g. {@code 17.0.15}
 * @param plan the combinations the run set out to measure, or null for no {@code plan.json}
 * @param busyPct how much slower the calibration kernel ran in 60 % of its timings (other work on the
 *     machine: its median moves, its 10th percentile does not); 0 for an idle machine
 */
record SyntheticRun(List<SuiteKey> keys, int forks, int iterations, double scale, String unit, String jdkVersion,
        List<SuiteKey> plan, double busyPct) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The whole suite, 6 forks of 25 samples (a valid baseline run), on this JVM, with its plan. */
    static SyntheticRun wholeSuite() {
        List<SuiteKey> all = BaselineCoverage.wholeSuite(BenchmarksMain.ACCESSOR);
        return new SyntheticRun(all, 6, 25, 1.0, "ns/op", Runtime.version().toString(), all, 0);
    }

    SyntheticRun only(List<SuiteKey> measured) {
        return new SyntheticRun(measured, forks, iterations, scale, unit, jdkVersion, measured, busyPct);
    }

    SyntheticRun scaled(double factor) {
        return new SyntheticRun(keys, forks, iterations, factor, unit, jdkVersion, plan, busyPct);
    }

    SyntheticRun samples(int forksEach, int iterationsEach) {
        return new SyntheticRun(keys, forksEach, iterationsEach, scale, unit, jdkVersion, plan, busyPct);
    }

    SyntheticRun in(String scoreUnit) {
        return new SyntheticRun(keys, forks, iterations, scale, scoreUnit, jdkVersion, plan, busyPct);
    }

    SyntheticRun on(String jdk) {
        return new SyntheticRun(keys, forks, iterations, scale, unit, jdk, plan, busyPct);
    }

    SyntheticRun planned(List<SuiteKey> planned) {
        return new SyntheticRun(keys, forks, iterations, scale, unit, jdkVersion, planned, busyPct);
    }

    SyntheticRun busy(double pct) {
        return new SyntheticRun(keys, forks, iterations, scale, unit, jdkVersion, plan, pct);
    }

    /** Writes the folder {@code dir} and returns it. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(Double.hashCode(scale)); // another run, other noise
        List<Map<String, Object>> results = new ArrayList<>();
        for (SuiteKey key : keys) {
            double typical = 50 + Math.floorMod(key.toString().hashCode(), 200);
            List<List<Double>> raw = new ArrayList<>();
            List<List<Double>> calibration = new ArrayList<>();
            for (int f = 0; f < forks; f++) {
                List<Double> fork = new ArrayList<>();
                List<Double> speed = new ArrayList<>();
                for (int i = 0; i < iterations; i++) {
                    fork.add(typical * scale * (1 + 0.01 * random.nextGaussian()));
                    double slowed = random.nextDouble() < 0.6 ? 1 + busyPct / 100 : 1;
                    speed.add(10.0 * slowed * (1 + 0.005 * random.nextGaussian()));
                }
                raw.add(fork);
                calibration.add(speed);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("jmhVersion", "1.37");
            result.put("benchmark", "org.perfregression.suite.AccessorBenchmarks." + key.benchmark());
            result.put("mode", "avgt");
            result.put("threads", 1);
            result.put("forks", forks);
            result.put("jdkVersion", jdkVersion);
            result.put("vmName", "OpenJDK 64-Bit Server VM");
            result.put("vmVersion", jdkVersion);
            result.put("warmupIterations", 10);
            result.put("measurementIterations", iterations);
            result.put("params", Map.of("rank", key.key().section().substring("rank_".length()),
                    "config", key.key().subsection()));
            result.put("primaryMetric", Map.of("score", typical * scale, "scoreUnit", unit, "rawData", raw));
            result.put("secondaryMetrics", Map.of("calibration", Map.of("score", 10.0, "scoreUnit", "ns/op",
                    "rawData", calibration)));
            results.add(result);
        }
        Files.writeString(dir.resolve("jmh-result.json"), JSON.writeValueAsString(results));
        if (plan != null) {
            List<Map<String, String>> entries = plan.stream().map(k -> Map.of("benchmark", k.benchmark(),
                    "section", k.key().section(), "subsection", k.key().subsection())).toList();
            Files.writeString(dir.resolve("plan.json"), JSON.writeValueAsString(entries));
        }
        return dir;
    }
}
