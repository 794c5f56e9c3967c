package org.perfregression.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkLayout;
import org.perfregression.gate.MeasuredFork;
import org.perfregression.input.Baselines;
import org.perfregression.input.Dataset;
import org.perfregression.platform.MachineSpeed;

/**
 * Baselines that roll forward: for each subsection, the forks of this machine's most recent recorded
 * runs since the subsection's last change point, at most {@code maxRuns} runs. A machine without
 * ground truth starts collecting with its first run; a change of level that the history has
 * accepted (a change point) stops being compared against the level before it.
 *
 * <p>Only the first measurement's forks of each run are taken (confirmation forks re-measured
 * subsections chosen for looking slow). Forks keep their start times, so that the gate reads each
 * recorded run's machine phase from that run's own forks ({@code gate.MachinePhase}: the forks
 * nearest in time are the same run's).
 */
public final class HistoryBaseline {

    /** Runs per subsection by default: 5 runs of the main job's 2 forks give 10 baseline forks. */
    public static final int DEFAULT_MAX_RUNS = 5;

    private HistoryBaseline() {
    }

    /**
     * The baselines of {@code machine} in {@code store}, after bringing its change points up to date;
     * null when the store has no run of that machine with its samples.
     */
    public static Baselines load(HistoryStore store, String machine, int maxRuns) {
        return load(store, machine, maxRuns, null);
    }

    /**
     * {@link #load}, leaving out the runs recorded from {@code judged} (the folder about to be judged,
     * when it is an earlier run analysed again): a run is never its own baseline.
     */
    public static Baselines load(HistoryStore store, String machine, int maxRuns, java.nio.file.Path judged) {
        List<RecentRun> recent = recentRuns(store, machine, maxRuns, judged);
        Map<String, Picked> picked = new LinkedHashMap<>();
        for (RecentRun run : recent) {
            run.datasets().forEach((benchmark, dataset) -> {
                Picked into = picked.computeIfAbsent(benchmark, b -> new Picked(dataset));
                dataset.data().keys().forEach(key -> into.add(key, dataset));
            });
        }
        Map<String, Dataset> datasets = new LinkedHashMap<>();
        picked.forEach((benchmark, p) -> {
            if (!p.isEmpty()) {
                datasets.put(benchmark, p.dataset(store.name() + " (" + benchmark + ")"));
            }
        });
        if (datasets.isEmpty()) {
            return null;
        }
        double[] speeds = datasets.values().stream().flatMapToDouble(d -> Arrays.stream(d.forks().speeds())).toArray();
        return new Baselines(describe(store, machine, recent.stream().map(RecentRun::id).toList()), datasets, null,
                datasets.values().iterator().next().platform(), speeds.length == 0 ? null : MachineSpeed.of(speeds),
                List.of(), null);
    }

    /** One recorded run as a baseline or a movement estimate reads it: its id and its benchmarks' data. */
    public record RecentRun(long id, Map<String, Dataset> datasets) {
    }

    /**
     * The recorded runs of {@code machine} that its baselines draw on, newest first, after bringing
     * the change points up to date: each subsection from at most {@code maxRuns} runs since its last
     * change point, each run's benchmarks cut to those subsections (forks whole, confirmation forks
     * included; readers take the first measurement). Runs recorded from {@code judged} are left out.
     */
    public static List<RecentRun> recentRuns(HistoryStore store, String machine, int maxRuns, java.nio.file.Path judged) {
        if (maxRuns < 1) {
            throw new IllegalArgumentException("a baseline needs at least one run, got " + maxRuns);
        }
        java.util.function.Predicate<HistoryStore.StoredRun> own = judged == null ? r -> false : RunRecorder.runOf(judged);
        List<HistoryStore.StoredRun> runs = store.runsWithData(machine).stream().filter(own.negate()).toList();
        if (runs.isEmpty()) {
            return List.of();
        }
        Map<Long, HistoryStore.StoredRun> byId = new HashMap<>();
        runs.forEach(r -> byId.put(r.id(), r));
        HistoryChanges.analyse(store, ChangePointDetector.withDefaults());
        Map<HistoryStore.Series, java.time.Instant> lastChange = new HashMap<>();
        for (HistoryStore.StoredChange change : store.analysis().changes()) {
            HistoryStore.StoredRun at = byId.get(change.runId());
            if (at != null && change.series().machine().equals(machine)) {
                lastChange.merge(change.series(), at.time(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        // Newest first; a subsection takes its runs from these until it has maxRuns. Reading more
        // runs than maxRuns covers runs that measured part of the suite.
        Map<HistoryStore.Series, Integer> taken = new HashMap<>();
        Map<String, String> units = new HashMap<>();
        List<RecentRun> recent = new ArrayList<>();
        for (HistoryStore.StoredRun run : runs.subList(0, Math.min(runs.size(), 4 * maxRuns))) {
            Map<String, Dataset> cut = new LinkedHashMap<>();
            for (Map.Entry<String, Dataset> entry : store.datasets(run.id()).entrySet()) {
                Dataset dataset = entry.getValue();
                // A benchmark's unit is its newest run's; runs in another unit measured something else.
                if (dataset.forks() == null
                        || !java.util.Objects.equals(units.computeIfAbsent(entry.getKey(), b -> dataset.unit()), dataset.unit())) {
                    continue;
                }
                java.util.Set<SubsectionKey> keys = new java.util.HashSet<>();
                for (SubsectionKey key : dataset.data().keys()) {
                    HistoryStore.Series series = new HistoryStore.Series(machine, entry.getKey(), key);
                    java.time.Instant since = lastChange.get(series);
                    if (taken.getOrDefault(series, 0) < maxRuns && (since == null || !run.time().isBefore(since))
                            && hasFirstMeasurement(dataset, key)) {
                        keys.add(key);
                        taken.merge(series, 1, Integer::sum);
                    }
                }
                if (!keys.isEmpty()) {
                    cut.put(entry.getKey(), new Dataset(dataset.data().select(keys::contains), dataset.unit(),
                            dataset.platform(), dataset.source(), dataset.forks().select(keys::contains)));
                }
            }
            if (!cut.isEmpty()) {
                recent.add(new RecentRun(run.id(), cut));
            }
        }
        return recent;
    }

    /** Whether {@code key} has forks of a first measurement in {@code dataset}, as its layout describes its samples. */
    private static boolean hasFirstMeasurement(Dataset dataset, SubsectionKey key) {
        List<MeasuredFork> layout = dataset.forks().forks().get(key);
        int samples = dataset.data().samples(key).toArray().length;
        if (layout == null || layout.stream().mapToInt(MeasuredFork::samples).sum() != samples) {
            throw new InvalidInputException(dataset.source() + ": " + key + " has " + samples
                    + " samples but its stored fork layout does not describe them");
        }
        return layout.stream().anyMatch(f -> !f.confirmation());
    }

    private static String describe(HistoryStore store, String machine, List<Long> runIds) {
        List<Long> sorted = runIds.stream().sorted().toList();
        return "the history " + store.name() + " (" + sorted.size() + " run" + (sorted.size() == 1 ? "" : "s")
                + " of " + machine + ": " + String.join(", ", sorted.stream().map(id -> "#" + id).toList()) + ")";
    }

    /** One benchmark's forks as they are picked, subsection by subsection, newest run first. */
    private static final class Picked {

        private final Dataset first;
        private final Map<SubsectionKey, List<double[]>> samples = new LinkedHashMap<>();
        private final Map<SubsectionKey, List<MeasuredFork>> forks = new LinkedHashMap<>();

        Picked(Dataset first) {
            this.first = first;
        }

        boolean isEmpty() {
            return samples.isEmpty();
        }

        /** Adds the first measurement's forks of {@code key} in {@code dataset} (its layout checked by {@link #recentRuns}). */
        void add(SubsectionKey key, Dataset dataset) {
            List<MeasuredFork> layout = dataset.forks().forks().get(key);
            double[] all = dataset.data().samples(key).toArray();
            int at = 0;
            for (MeasuredFork fork : layout) {
                if (!fork.confirmation()) {
                    double[] slice = Arrays.copyOfRange(all, at, at + fork.samples());
                    samples.computeIfAbsent(key, k -> new ArrayList<>()).add(slice);
                    forks.computeIfAbsent(key, k -> new ArrayList<>()).add(fork);
                }
                at += fork.samples();
            }
        }

        Dataset dataset(String source) {
            PerformanceData.Builder data = PerformanceData.builder();
            samples.forEach((key, list) -> data.add(key.section(), key.subsection(),
                    list.stream().flatMapToDouble(Arrays::stream).toArray()));
            return new Dataset(data.build(), first.unit(), first.platform(), source, new ForkLayout(forks));
        }
    }
}
