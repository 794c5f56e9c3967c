package org.perfregression.scale;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkLayout;
import org.perfregression.gate.MeasuredFork;
import org.perfregression.history.ChangePointDetector;
import org.perfregression.history.HistoryBaseline;
import org.perfregression.history.HistoryChanges;
import org.perfregression.history.HistoryStore;
import org.perfregression.history.RecordedRun;
import org.perfregression.history.RecordedSubsection;
import org.perfregression.input.Baselines;
import org.perfregression.input.Dataset;
import org.perfregression.platform.Platform;

/**
 * The history's scale targets: with 1,000 runs x 282 subsections recorded, {@code history changes}
 * in at most 10 seconds, and appending one run (recording it and searching what it can change) in at
 * most 1 second. Run by {@code scripts/history-scale.sh}:
 *
 * <pre>
 * generate DB   record 1,000 runs of 282 subsections, two forks each (a 12 % step at run 700 in 10)
 * changes DB    the first search of the whole history
 * append DB     record one more run and search again (only what it can change)
 * baseline DB   this machine's baselines from its last 5 runs (--baseline history), change points first
 * </pre>
 */
public final class HistoryScale {

    static final int RUNS = 1000;
    static final int SUBSECTIONS = 282;

    private HistoryScale() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: HistoryScale generate|changes|append|baseline DB");
            System.exit(2);
        }
        String db = args[1];
        Random random = new Random(42);
        long start = System.nanoTime();
        try (HistoryStore store = HistoryStore.open(db)) {
            switch (args[0]) {
                case "generate" -> {
                    for (int i = 0; i < RUNS; i++) {
                        store.record(run(i, random));
                    }
                    report("recorded " + RUNS + " runs", start);
                }
                case "changes" -> {
                    List<HistoryChanges.Change> changes = HistoryChanges.analyse(store, ChangePointDetector.withDefaults());
                    report("history changes: " + changes.size() + " change points", start);
                }
                case "baseline" -> {
                    Baselines baselines = HistoryBaseline.load(store, MACHINE, HistoryBaseline.DEFAULT_MAX_RUNS);
                    report("baseline from the history: " + baselines.where().replaceAll("#[0-9, #]+", "...")
                            + ", " + baselines.datasets().size() + " benchmarks", start);
                }
                case "append" -> {
                    int next = store.runs().size();
                    store.record(run(next, random));
                    long recorded = System.nanoTime();
                    List<HistoryChanges.Change> changes = HistoryChanges.analyse(store, ChangePointDetector.withDefaults());
                    report("append: recorded run " + (next + 1) + " in " + (recorded - start) / 1_000_000 + " ms, then "
                            + changes.size() + " change points", start);
                }
                default -> {
                    System.err.println("unknown step " + args[0]);
                    System.exit(2);
                }
            }
        }
    }

    private static void report(String what, long start) {
        System.out.println(what + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /**
     * Run {@code i}: each subsection's two forks with 8 % noise, the run shifted by 3 %; with the
     * samples a main job keeps (25 per fork, each with its calibration time), so that the store has
     * a real run's size.
     */
    static RecordedRun run(int i, Random random) {
        List<RecordedSubsection> subsections = new ArrayList<>();
        Map<String, PerformanceData.Builder> data = new LinkedHashMap<>();
        Map<String, Map<SubsectionKey, List<MeasuredFork>>> layouts = new LinkedHashMap<>();
        Instant time = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * i);
        double shift = random.nextGaussian() * 0.03;
        for (int s = 0; s < SUBSECTIONS; s++) {
            double level = Math.log(1000 + 37 * s) + shift + (s < 10 && i >= 700 ? Math.log(1.12) : 0);
            String benchmark = "benchmark_" + s / 60;
            SubsectionKey key = new SubsectionKey("rank_" + s % 7, "config_" + s);
            List<RecordedSubsection.Fork> forks = new ArrayList<>();
            double[] samples = new double[2 * SAMPLES];
            List<MeasuredFork> measured = new ArrayList<>();
            for (int f = 0; f < 2; f++) {
                double l = level + random.nextGaussian() * 0.08;
                forks.add(new RecordedSubsection.Fork(l, l, Math.log(3400), Double.NaN));
                double[] speeds = new double[SAMPLES];
                for (int k = 0; k < SAMPLES; k++) {
                    speeds[k] = 3400 * (1 + random.nextGaussian() * 0.01);
                    samples[f * SAMPLES + k] = Math.exp(l) * (1 + random.nextGaussian() * 0.02);
                }
                measured.add(new MeasuredFork(SAMPLES, time.toEpochMilli() + 1000L * (2 * s + f), f + 1, false, speeds,
                        1.0, 48));
            }
            subsections.add(new RecordedSubsection(benchmark, key, "ns/op", 2 * SAMPLES, Math.exp(level), forks));
            data.computeIfAbsent(benchmark, b -> PerformanceData.builder()).add(key.section(), key.subsection(), samples);
            layouts.computeIfAbsent(benchmark, b -> new LinkedHashMap<>()).put(key, measured);
        }
        Map<String, Dataset> datasets = new LinkedHashMap<>();
        data.forEach((benchmark, builder) -> datasets.put(benchmark, new Dataset(builder.build(), "ns/op",
                Platform.current(), "scale", new ForkLayout(layouts.get(benchmark)))));
        return new RecordedRun(String.format("%040x", i), "main", time, MACHINE, 3400, "scale", subsections, datasets);
    }

    static final String MACHINE = "linux-amd64-2cpu-jdk17";
    static final int SAMPLES = 25;
}
