package org.perfregression.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.perfregression.check.Direction;
import org.perfregression.data.SubsectionKey;
import org.perfregression.stats.SampleStatistics;

/**
 * The change points of a history: per machine and subsection, the runs where the level changed.
 *
 * <p>A run's level of a subsection is its fastest fork's drift-corrected log level: a fork in a slow
 * JIT mode or a slow phase of the machine only ever slows down, so the faster of a run's forks is
 * the steadier reading. Measured on histories built from the accessor suite's real forks (two per
 * run, a 12 % step in 10 subsections, five histories): the fastest fork found 6-9 of the 10 steps
 * within two runs, the mean of both forks 6-8. Before the
 * search, each run's shift is taken out: the median, over all of the run's subsections, of their
 * level minus their usual level (their median over the machine's runs). A run on a slow day moves
 * every subsection about alike, and a change of the code moves a few; measured on the accessor
 * suite, the run's shift was the larger part of a subsection's run-to-run spread. The shifts
 * themselves form one more series per machine, {@link #SUITE}: a change that moved the whole suite
 * is found there.
 *
 * <p>Incremental, as Apache Otava: change points already found stay; a series that gained runs is
 * searched again only from its last change point on. A series whose earlier runs changed (a run
 * recorded with an earlier time than the last examined) is searched again whole.
 */
public final class HistoryChanges {

    /** The benchmark name of each machine's series of run shifts. */
    public static final String SUITE = "(suite)";

    /** The section and subsection of each machine's series of run shifts. */
    public static final SubsectionKey SUITE_KEY = new SubsectionKey("all subsections", "run shift");

    /** A subsection's level moved for good at a run. */
    public record Change(String machine, String benchmark, SubsectionKey key, String commit, long runId, Instant time,
            double changePct, double lowPct, double highPct, double p, boolean regression) {
    }

    private HistoryChanges() {
    }

    /**
     * The series the search runs on, as read from a store: per machine and subsection the runs that
     * measured it, in order, and its level in each with the run's shift taken out (log scale), and
     * per machine the series of run shifts ({@link #SUITE}).
     *
     * @param runs every run, in order
     * @param ids per series, the ids of its runs in order
     * @param values per series, its level in each of those runs
     * @param units per series, its unit (null for the run shifts)
     */
    public record Histories(List<HistoryStore.StoredRun> runs, Map<HistoryStore.Series, long[]> ids,
            Map<HistoryStore.Series, double[]> values, Map<HistoryStore.Series, String> units) {
    }

    /** The series of {@code store}, as {@link #analyse} searches them. */
    public static Histories histories(HistoryStore store) {
        List<HistoryStore.StoredRun> runs = store.runs();
        Map<Long, HistoryStore.StoredRun> byId = new HashMap<>();
        Map<Long, Integer> position = new HashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            byId.put(runs.get(i).id(), runs.get(i));
            position.put(runs.get(i).id(), i);
        }
        // Each series as its level per run position (NaN where the run did not measure it): arrays,
        // not maps, so that a history of 1,000 runs x 282 subsections is read in well under a second.
        Map<HistoryStore.Series, double[]> byPosition = new LinkedHashMap<>();
        Map<HistoryStore.Series, String> units = new HashMap<>();
        for (HistoryStore.Level level : store.levels()) {
            HistoryStore.Series series = new HistoryStore.Series(byId.get(level.runId()).machine(), level.benchmark(),
                    level.key());
            byPosition.computeIfAbsent(series, k -> {
                double[] empty = new double[runs.size()];
                Arrays.fill(empty, Double.NaN);
                return empty;
            })[position.get(level.runId())] = level.level();
            units.putIfAbsent(series, level.unit());
        }
        Map<HistoryStore.Series, long[]> ids = new LinkedHashMap<>();
        Map<HistoryStore.Series, double[]> values = new LinkedHashMap<>();
        Map<String, double[]> shifts = runShifts(byPosition, units, runs.size());
        byPosition.forEach((series, levels) -> {
            double sign = sign(units.get(series));
            double[] shift = shifts.get(series.machine());
            int[] measured = java.util.stream.IntStream.range(0, levels.length).filter(i -> !Double.isNaN(levels[i]))
                    .toArray();
            ids.put(series, Arrays.stream(measured).mapToLong(i -> runs.get(i).id()).toArray());
            values.put(series, Arrays.stream(measured).mapToDouble(i -> levels[i] - sign * shift[i]).toArray());
        });
        shifts.forEach((machine, shift) -> {
            int[] measured = java.util.stream.IntStream.range(0, shift.length).filter(i -> !Double.isNaN(shift[i]))
                    .toArray();
            if (measured.length > 0) {
                HistoryStore.Series suite = new HistoryStore.Series(machine, SUITE, SUITE_KEY);
                ids.put(suite, Arrays.stream(measured).mapToLong(i -> runs.get(i).id()).toArray());
                values.put(suite, Arrays.stream(measured).mapToDouble(i -> shift[i]).toArray());
            }
        });
        return new Histories(runs, ids, values, units);
    }

    /** Finds the change points of {@code store}'s runs not yet examined, saves them, and returns all. */
    public static List<Change> analyse(HistoryStore store, ChangePointDetector detector) {
        return analyse(store, detector, histories(store));
    }

    /** {@link #analyse} of series already read with {@link #histories}. */
    public static List<Change> analyse(HistoryStore store, ChangePointDetector detector, Histories histories) {
        Map<Long, HistoryStore.StoredRun> byId = new HashMap<>();
        histories.runs().forEach(r -> byId.put(r.id(), r));
        Map<HistoryStore.Series, long[]> ids = histories.ids();
        Map<HistoryStore.Series, double[]> values = histories.values();
        Map<HistoryStore.Series, String> units = histories.units();

        HistoryStore.Analysis before = store.analysis();
        Map<HistoryStore.Series, List<HistoryStore.StoredChange>> stored = new HashMap<>();
        before.changes().forEach(c -> stored.computeIfAbsent(c.series(), s -> new ArrayList<>()).add(c));
        Map<HistoryStore.Series, HistoryStore.SeriesState> examined = new HashMap<>();
        Map<HistoryStore.Series, List<Long>> replaced = new HashMap<>();
        List<HistoryStore.StoredChange> found = new ArrayList<>();
        List<HistoryStore.StoredChange> all = new ArrayList<>();
        ids.forEach((series, order) -> {
            List<HistoryStore.StoredChange> kept = new ArrayList<>(stored.getOrDefault(series, List.of()));
            HistoryStore.SeriesState state = before.examined().get(series);
            boolean prefixUnchanged = state != null && state.runs() <= order.length && state.runs() > 0
                    && order[state.runs() - 1] == state.lastRunId();
            if (prefixUnchanged && state.runs() == order.length) {
                all.addAll(kept);
                return;
            }
            int from = 0;
            if (prefixUnchanged) {
                for (HistoryStore.StoredChange c : kept) {
                    int at = indexOf(order, c.runId());
                    from = Math.max(from, at);
                }
            } else {
                replaced.put(series, kept.stream().map(HistoryStore.StoredChange::runId).toList());
                kept.clear();
            }
            // From the last change point on: the detector cannot find that one again (a new level needs
            // minSegment runs on both sides of it), only the ones after it.
            for (ChangePointDetector.Change c : detector.detect(values.get(series), from)) {
                HistoryStore.StoredChange change = new HistoryStore.StoredChange(series, order[c.index()],
                        c.changePct(), c.lowPct(), c.highPct(), c.p());
                found.add(change);
                kept.add(change);
            }
            all.addAll(kept);
            examined.put(series, new HistoryStore.SeriesState(order.length, order[order.length - 1]));
        });
        if (!examined.isEmpty()) {
            store.saveAnalysis(examined, replaced, found);
        }
        List<Change> changes = new ArrayList<>();
        for (HistoryStore.StoredChange c : all) {
            HistoryStore.StoredRun run = byId.get(c.runId());
            Direction direction = Direction.ofUnit(units.get(c.series()));
            boolean slower = direction == Direction.HIGHER_IS_BETTER ? c.changePct() < 0 : c.changePct() > 0;
            changes.add(new Change(c.series().machine(), c.series().benchmark(), c.series().key(), run.commit(), run.id(),
                    run.time(), c.changePct(), c.lowPct(), c.highPct(), c.p(), slower));
        }
        changes.sort(Comparator.comparing(Change::time).thenComparing(Change::machine).thenComparing(Change::benchmark)
                .thenComparing(c -> c.key().section()).thenComparing(c -> c.key().subsection()));
        return changes;
    }

    private static int indexOf(long[] order, long id) {
        for (int i = 0; i < order.length; i++) {
            if (order[i] == id) {
                return i;
            }
        }
        return 0;
    }

    /** +1 where lower is better, -1 where higher is: a slow run shifts time up and throughput down. */
    private static double sign(String unit) {
        return Direction.ofUnit(unit) == Direction.HIGHER_IS_BETTER ? -1 : 1;
    }

    /**
     * Per machine, each run position's shift (slower positive): the median over the run's
     * subsections of their level minus their usual level (their median over the machine's runs);
     * 0 for a run of fewer than {@link #MIN_SUBSECTIONS_FOR_SHIFT} subsections, NaN for a position
     * that is not the machine's run.
     */
    private static Map<String, double[]> runShifts(Map<HistoryStore.Series, double[]> byPosition,
            Map<HistoryStore.Series, String> units, int runs) {
        Map<String, List<double[]>> residuals = new HashMap<>();
        byPosition.forEach((series, levels) -> {
            double center = SampleStatistics.median(Arrays.stream(levels).filter(v -> !Double.isNaN(v)).toArray());
            double sign = sign(units.get(series));
            residuals.computeIfAbsent(series.machine(), m -> new ArrayList<>())
                    .add(Arrays.stream(levels).map(v -> sign * (v - center)).toArray());
        });
        Map<String, double[]> shifts = new HashMap<>();
        residuals.forEach((machine, list) -> {
            double[] shift = new double[runs];
            double[] column = new double[list.size()];
            for (int r = 0; r < runs; r++) {
                int n = 0;
                for (double[] series : list) {
                    if (!Double.isNaN(series[r])) {
                        column[n++] = series[r];
                    }
                }
                // One subsection's own move is not a run's shift: too few subsections, and none is taken out.
                shift[r] = n == 0 ? Double.NaN : n < MIN_SUBSECTIONS_FOR_SHIFT ? 0
                        : SampleStatistics.median(Arrays.copyOf(column, n));
            }
            shifts.put(machine, shift);
        });
        return shifts;
    }

    /** Fewer subsections in a run than this, and its shift is not estimated. */
    public static final int MIN_SUBSECTIONS_FOR_SHIFT = 5;
}
