package org.perfregression.harness;

import org.perfregression.analysis.SuiteKey;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;

/**
 * What a regeneration must measure before it may replace the baselines: every combination of the
 * suite, each with at least {@link PerformanceData#RECOMMENDED_MIN_SAMPLES} samples. Checked before
 * the run from the plan and again after it from the results, so that a partial or short run never
 * silently replaces a full set. A partial update ({@code --partial}) is the user's explicit choice:
 * it may cover part of the suite, and too few samples are then a warning, not a refusal.
 */
public final class BaselineCoverage {

    private BaselineCoverage() {
    }

    /** Every combination of the whole suite, as a run without a regex or {@code -p} measures it. */
    public static List<SuiteKey> wholeSuite(Suite suite) {
        OptionsBuilder none = new OptionsBuilder();
        return SuiteRun.combinations(suite, suite.restrict(new OptionsBuilder(), none.build(), false).build()).stream()
                .map(Combination::key).toList();
    }

    /**
     * Fails unless {@code measured} covers the whole suite (with {@code partial}: anything goes).
     *
     * @param what what {@code measured} is, e.g. "this run would measure"
     */
    public static void requireWholeSuite(Suite suite, List<SuiteKey> measured, boolean partial, String what) {
        if (partial) {
            return;
        }
        Set<SuiteKey> have = Set.copyOf(measured);
        List<SuiteKey> all = wholeSuite(suite);
        List<String> missing = all.stream().filter(k -> !have.contains(k)).map(SuiteKey::toString).toList();
        if (!missing.isEmpty()) {
            throw new InvalidInputException(String.format(Locale.ROOT, "refusing to regenerate the baselines from a "
                    + "partial run: %s %d of the suite's %d combinations (missing: %s%s); run the whole suite (no "
                    + "benchmark regex, no -p), or pass --partial to replace only the measured subsections and keep "
                    + "the others", what, all.size() - missing.size(), all.size(),
                    String.join(", ", missing.subList(0, Math.min(3, missing.size()))),
                    missing.size() > 3 ? ", ... " + (missing.size() - 3) + " more" : ""));
        }
    }

    /**
     * Fails if a subsection of {@code byBenchmark} has fewer samples than a baseline needs; with
     * {@code partial} says so on {@code out} instead.
     */
    public static void requireEnoughSamples(Suite suite, Map<String, PerformanceData> byBenchmark, boolean partial,
            PrintStream out) {
        List<String> thin = new ArrayList<>();
        int fewest = Integer.MAX_VALUE;
        for (var entry : byBenchmark.entrySet()) {
            for (SubsectionKey key : entry.getValue().keys()) {
                int n = entry.getValue().samples(key).size();
                if (n < PerformanceData.RECOMMENDED_MIN_SAMPLES) {
                    thin.add(entry.getKey() + " " + key);
                    fewest = Math.min(fewest, n);
                }
            }
        }
        if (thin.isEmpty()) {
            return;
        }
        String problem = String.format(Locale.ROOT, "too few samples: %d subsection%s (%s%s) have as few as %d, a "
                    + "baseline needs at least %d (the default -f %d -i %d gives %d)", thin.size(),
                    thin.size() == 1 ? "" : "s", thin.get(0), thin.size() > 1 ? ", ..." : "", fewest,
                    PerformanceData.RECOMMENDED_MIN_SAMPLES, suite.baselineForks(), suite.measurementIterations(),
                    suite.baselineForks() * suite.measurementIterations());
        if (!partial) {
            throw new InvalidInputException("refusing to write baselines with " + problem + "; run with the default "
                    + "settings (or pass --partial to update only the measured subsections anyway)");
        }
        out.println("WARNING: --partial: writing baselines with " + problem);
    }

    /** The keys of what a run measured. */
    public static List<SuiteKey> keys(Map<String, PerformanceData> byBenchmark) {
        return byBenchmark.entrySet().stream()
                .flatMap(e -> e.getValue().keys().stream().map(k -> new SuiteKey(e.getKey(), k)))
                .collect(Collectors.toList());
    }
}
