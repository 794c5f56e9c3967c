package org.perfregression.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The current run in Bencher's metric format (BMF), for {@code bencher run --adapter json --file}:
 * one Bencher benchmark per subsection, named {@code benchmark/section/subsection}, with one measure
 * in Bencher's own units where it has one: {@code latency} in ns for time per operation,
 * {@code throughput} in operations per second, {@code allocation} for bytes per operation (the
 * {@code <benchmark>.alloc} comparisons, under their benchmark's name), otherwise the unit as a
 * measure. The value is the current samples' median, {@code lower_value} and {@code upper_value}
 * the median minus and plus their median absolute deviation. Verdicts are not exported: Bencher
 * applies its own thresholds.
 */
public final class BencherReport implements Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void write(ReportSuite suite, Appendable out) throws IOException {
        Map<String, Map<String, Map<String, Double>>> benchmarks = new LinkedHashMap<>();
        for (ReportInput input : suite.benchmarks()) {
            Measure measure = Measure.of(input.unit());
            String benchmark = CurrentLevel.benchmarkName(input);
            for (CurrentLevel level : CurrentLevel.of(input)) {
                Map<String, Double> metric = new LinkedHashMap<>();
                metric.put("value", level.median() * measure.factor());
                metric.put("lower_value", (level.median() - level.mad()) * measure.factor());
                metric.put("upper_value", (level.median() + level.mad()) * measure.factor());
                benchmarks.computeIfAbsent(benchmark + "/" + level.key().section() + "/" + level.key().subsection(),
                        k -> new LinkedHashMap<>()).put(measure.slug(), metric);
            }
        }
        out.append(JSON.writeValueAsString(benchmarks)).append('\n');
    }

    /** A Bencher measure and the factor from this toolkit's unit to Bencher's. */
    record Measure(String slug, double factor) {

        static Measure of(String unit) {
            if (unit == null) {
                return new Measure("value", 1);
            }
            if (unit.equals("B/op")) {
                return new Measure("allocation", 1);
            }
            if (unit.endsWith("/op")) {
                double ns = nanos(unit.substring(0, unit.length() - "/op".length()));
                if (ns > 0) {
                    return new Measure("latency", ns);
                }
            }
            if (unit.startsWith("ops/")) {
                double ns = nanos(unit.substring("ops/".length()));
                if (ns > 0) {
                    return new Measure("throughput", 1e9 / ns);
                }
            }
            return new Measure(unit.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"), 1);
        }

        /** Nanoseconds in one JMH time unit; 0 for anything else. */
        private static double nanos(String unit) {
            return switch (unit) {
                case "ns" -> 1;
                case "us" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "min" -> 60e9;
                default -> 0;
            };
        }
    }
}
