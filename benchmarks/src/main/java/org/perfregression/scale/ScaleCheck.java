package org.perfregression.scale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.perfregression.check.CheckResult;
import org.perfregression.check.RegressionCheck;
import org.perfregression.data.PerformanceData;
import org.perfregression.report.JsonReport;
import org.perfregression.report.ReportInput;
import org.perfregression.report.ReportSuite;

/**
 * The scale target: comparing 10,000 subsections x 1,000 samples per side must take at most 3x the
 * time of merely parsing both files with Jackson, with a peak heap of at most 3x the samples' size
 * as doubles. Run by {@code scripts/scale-check.sh}, one step per JVM so that each measures only
 * itself:
 *
 * <pre>
 * generate DIR   write DIR/baseline.json and DIR/current.json
 * parse DIR      stream every token of both files with Jackson, reading each number as a double
 * compare DIR    load both as PerformanceData, check every subsection, write the JSON report
 * </pre>
 *
 * Each timed step runs {@link #ROUNDS} times and reports the best, in milliseconds.
 */
public final class ScaleCheck {

    static final int SECTIONS = 100;
    static final int SUBSECTIONS_PER_SECTION = 100;
    static final int SAMPLES = 1000;
    static final int ROUNDS = 3;

    private ScaleCheck() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ScaleCheck generate|parse|compare DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "generate" -> generate(dir);
            case "parse" -> time("parse", () -> parse(dir.resolve("baseline.json")) + parse(dir.resolve("current.json")));
            case "compare" -> time("compare", () -> compare(dir));
            default -> {
                System.err.println("unknown step " + args[0]);
                System.exit(2);
            }
        }
    }

    private static void generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        write(dir.resolve("baseline.json"), 1.0, 1);
        write(dir.resolve("current.json"), 1.01, 2);
        System.out.printf("generated %d subsections x %d samples per side: %.0f MB of doubles per side, files %d + %d MB%n",
                SECTIONS * SUBSECTIONS_PER_SECTION, SAMPLES, SECTIONS * SUBSECTIONS_PER_SECTION * SAMPLES * 8 / 1e6,
                Files.size(dir.resolve("baseline.json")) >> 20, Files.size(dir.resolve("current.json")) >> 20);
    }

    /** Cycle-count-like data: integers around a per-subsection median, many ties. */
    private static void write(Path file, double factor, long seed) throws IOException {
        Random random = new Random(seed);
        PerformanceData.Builder builder = PerformanceData.builder();
        for (int s = 0; s < SECTIONS; s++) {
            for (int u = 0; u < SUBSECTIONS_PER_SECTION; u++) {
                double median = 100 + s * 10 + u;
                double[] samples = new double[SAMPLES];
                for (int i = 0; i < SAMPLES; i++) {
                    samples[i] = Math.rint(median * factor + random.nextGaussian() * median * 0.01);
                }
                builder.add("section_" + s, "subsection_" + u, samples);
            }
        }
        builder.build().toJsonFile(file);
    }

    private static long parse(Path file) throws IOException {
        long numbers = 0;
        try (JsonParser parser = new JsonFactory().createParser(file.toFile())) {
            JsonToken token;
            double sink = 0;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    sink += parser.getDoubleValue();
                    numbers++;
                }
            }
            if (sink == 42) {
                System.out.print("");
            }
        }
        return numbers;
    }

    private static long compare(Path dir) throws IOException {
        PerformanceData baseline = PerformanceData.fromJsonFile(dir.resolve("baseline.json"));
        PerformanceData current = PerformanceData.fromJsonFile(dir.resolve("current.json"));
        CheckResult result = RegressionCheck.check(baseline, current);
        new JsonReport().write(ReportSuite.of(new ReportInput("scale", null, result, baseline, current, "baseline.json",
                "current.json", java.util.List.of(), null)), Writer.nullWriter());
        return result.summary().regressions();
    }

    interface Step {
        long run() throws IOException;
    }

    private static void time(String name, Step step) throws IOException {
        long best = Long.MAX_VALUE;
        long answer = 0;
        for (int round = 0; round < ROUNDS; round++) {
            System.gc();
            long start = System.nanoTime();
            answer = step.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%s: best of %d %d ms (result %d), peak heap pool usage %d MB, max heap %d MB%n", name, ROUNDS,
                best / 1_000_000, answer, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
}
