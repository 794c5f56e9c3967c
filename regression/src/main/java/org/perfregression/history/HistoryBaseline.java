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
        if (maxRuns < 1) {
            throw new IllegalArgumentException("a baseline needs at least one run, got " + maxRuns);
        }
        String own = judged == null ? null : RunRecorder.sourceOf(judged);
        List<HistoryStore.StoredRun> runs = store.runsWithData(machine).stream()
                .filter(r -> own == null || !own.equals(r.source())).toList();
        if (runs.isEmpty()) {
            return null;
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
        Map<String, Picked> picked = new LinkedHashMap<>();
        List<Long> used = new ArrayList<>();
        for (HistoryStore.StoredRun run : runs.subList(0, Math.min(runs.size(), 4 * maxRuns))) {
            boolean any = false;
            for (Map.Entry<String, Dataset> entry : store.datasets(run.id()).entrySet()) {
                Dataset dataset = entry.getValue();
                Picked into = picked.computeIfAbsent(entry.getKey(), b -> new Picked(dataset));
                if (dataset.forks() == null || !java.util.Objects.equals(dataset.unit(), into.first.unit())) {
                    continue;
                }
                for (SubsectionKey key : dataset.data().keys()) {
                    java.time.Instant since = lastChange.get(new HistoryStore.Series(machine, entry.getKey(), key));
                    if (into.runs(key) < maxRuns && (since == null || !run.time().isBefore(since))) {
                        any |= into.add(key, dataset);
                    }
                }
            }
            if (any) {
                used.add(run.id());
            }
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
        return new Baselines(describe(store, machine, used), datasets, null, datasets.values().iterator().next().platform(),
                speeds.length == 0 ? null : MachineSpeed.of(speeds), List.of(), null);
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
        private final Map<SubsectionKey, Integer> runs = new HashMap<>();

        Picked(Dataset first) {
            this.first = first;
        }

        int runs(SubsectionKey key) {
            return runs.getOrDefault(key, 0);
        }

        boolean isEmpty() {
            return samples.isEmpty();
        }

        /** Adds the first measurement's forks of {@code key} in {@code dataset}; false when it has none. */
        boolean add(SubsectionKey key, Dataset dataset) {
            List<MeasuredFork> layout = dataset.forks().forks().get(key);
            double[] all = dataset.data().samples(key).toArray();
            if (layout == null || layout.stream().mapToInt(MeasuredFork::samples).sum() != all.length) {
                throw new InvalidInputException(dataset.source() + ": " + key + " has " + all.length
                        + " samples but its stored fork layout does not describe them");
            }
            boolean added = false;
            int at = 0;
            for (MeasuredFork fork : layout) {
                if (!fork.confirmation()) {
                    double[] slice = Arrays.copyOfRange(all, at, at + fork.samples());
                    samples.computeIfAbsent(key, k -> new ArrayList<>()).add(slice);
                    forks.computeIfAbsent(key, k -> new ArrayList<>()).add(fork);
                    added = true;
                }
                at += fork.samples();
            }
            if (added) {
                runs.merge(key, 1, Integer::sum);
            }
            return added;
        }

        Dataset dataset(String source) {
            PerformanceData.Builder data = PerformanceData.builder();
            samples.forEach((key, list) -> data.add(key.section(), key.subsection(),
                    list.stream().flatMapToDouble(Arrays::stream).toArray()));
            return new Dataset(data.build(), first.unit(), first.platform(), source, new ForkLayout(forks));
        }
    }
}
