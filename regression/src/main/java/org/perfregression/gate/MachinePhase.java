package org.perfregression.gate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.perfregression.check.Direction;
import org.perfregression.data.SubsectionKey;
import org.perfregression.stats.SampleStatistics;

/**
 * The machine's phases that the calibration kernel does not see, read from the suite's own forks.
 *
 * <p>Measured on the project's shared machine (docs/gate.md): for a minute or two at a time, 30 to
 * 100 % of the forks measured then ran 15-40 % slower than their subsection's usual level, while the
 * calibration kernel beside them did not slow down and the median of a whole pass moved by 1-2 %.
 * In a regeneration, a fifth of all forks fell into such phases (pass 3: 28-30 % of its forks); in an
 * unchanged run, 25-second windows had median residuals of +7 to +21 %. A subsection whose two forks
 * both fell into phases looked 20-40 % slower, and fresh forks measured in the same run could not tell.
 *
 * <p>Forks of an interleaved run are measured in random order, so the forks around one fork's time
 * belong to many other subsections: the median of their residuals (each fork's level minus its
 * subsection's reference level) is the machine's phase at that time, whatever any one subsection's
 * code does. Each fork's level is corrected by that phase minus the run's usual phase (the densest,
 * the half-sample mode of Bickel and Fruehwirth, 2006), so
 * the correction takes out time variation only: a change of the code is constant over the run and
 * stays, and so does the shift of the whole run, which the gate judges on its own. The correction is
 * folded into the fork's calibration times (the machine's speed at that moment), so every later step
 * reads it through {@link ForkedSamples#levels}.
 *
 * <p>Within a phase, though, a fork runs either as usual or 20-60 % slower (measured in the accessor
 * suite's runs of 2026-12-03: forks of one 10-second stretch at -1, +44, +28, +1, -7, +33 %), and no
 * correction of its level fits both. So a fork measured in a phase is also <em>set aside</em>: when
 * {@link #SLOWED_NEIGHBOURS} or more of the {@link #PHASE_NEIGHBOURS} forks nearest in time, of other
 * subsections, ran {@link #SLOWED} above their own subsections' other forks, while each subsection
 * keeps at least half its forks; the harness measures such forks again
 * ({@code harness.PhaseRetakes}). On the baselines of 2026-12-03 05:10 this set aside 10 % of the forks
 * and took the median fork-to-fork SD of the constructor from 4.3 to 1.9 %.
 *
 * <p>On the committed baselines of 2026-12-01 the correction took the median fork-to-fork SD from 10.5 / 9.8 / 9.7 / 6.3 / 16.4 %
 * to 8.9 / 5.9 / 6.6 / 3.4 / 14.7 % (constructor, the two {@code get_noc_addr}, the page walks).
 * Drift correction must be on and the forks must carry calibration times and start times; a side with
 * fewer than {@link #MIN_FORKS} such forks is left as it is (too few neighbours to see a phase).
 */
public final class MachinePhase {

    /** How many forks around a fork's time tell the phase: about 20 seconds of the accessor suite. */
    public static final int NEIGHBOURS = 24;

    /** Fewer forks on a side than this, and a phase cannot be told from the subsections' own noise. */
    public static final int MIN_FORKS = 3 * NEIGHBOURS;

    /** Fewer witnesses than this among confirmation forks, and their phase is not estimated. */
    public static final int MIN_WITNESSES = 12;

    /**
     * How many forks nearest in time (of other subsections) say whether a fork was measured in a
     * phase: about ten seconds of the accessor suite.
     */
    public static final int PHASE_NEIGHBOURS = 12;

    /**
     * A fork ran slowed when its level lies this far (15 %) above the median of its own subsection's
     * other forks on its side: a phase slows the forks it hits by 15-60 %.
     */
    public static final double SLOWED = Math.log(1.15);

    /**
     * A fork with this many slowed forks among its {@link #PHASE_NEIGHBOURS} was measured in a phase.
     * Outside phases 1-4 % of the forks run that slow, so by chance about 0.5 % of forks are marked.
     */
    public static final int SLOWED_NEIGHBOURS = 3;

    private final List<Map<SubsectionKey, ForkedSamples>> corrected;
    private final double usual;
    private final boolean applied;
    private final int setAside;
    private final int forks;

    private MachinePhase(List<Map<SubsectionKey, ForkedSamples>> corrected, double usual, boolean applied,
            int setAside, int forks) {
        this.corrected = corrected;
        this.usual = usual;
        this.applied = applied;
        this.setAside = setAside;
        this.forks = forks;
    }

    /**
     * One side of a suite with each fork's level corrected for the machine's phase at its time, the
     * phase read from all of the side's forks.
     *
     * @param side per benchmark, its subsections' forks of one measurement
     * @param layouts per benchmark, when each of those forks started (forks of {@code confirmation} kind, in order)
     * @param confirmation whether {@code side} holds the confirmation forks of the layouts
     * @param reference per benchmark, the forks whose median level is each subsection's reference; null
     *     for {@code side} itself (a side measured without a change against itself, e.g. baselines)
     * @param directions per benchmark, which way is better: a slow phase raises a time's level and
     *     lowers a throughput's (whose calibration is {@link ForkedSamples#forHigherIsBetter inverted})
     */
    public static MachinePhase of(List<Map<SubsectionKey, ForkedSamples>> side, List<ForkLayout> layouts,
            boolean confirmation, List<Map<SubsectionKey, ForkedSamples>> reference, List<Direction> directions) {
        List<Timed> forks = timed(side, layouts, confirmation, reference, directions);
        if (forks.size() < MIN_FORKS) {
            return new MachinePhase(side, 0, false, 0, forks.size());
        }
        double[] phase = phases(forks, forks, NEIGHBOURS);
        // The run's usual phase is the densest one (the half-sample mode), not the median: phases only
        // slow forks down, and one that covered half the run would move the median by half its size.
        double usual = halfSampleMode(phase);
        boolean[] aside = setAside(forks, slowedAround(forks));
        return new MachinePhase(apply(side, forks, phase, usual, aside), usual, true, count(aside), forks.size());
    }

    /**
     * How many forks of each subsection (per benchmark) were measured in a phase, before any is set
     * aside: what a harness measures again. Empty maps when the side has too few forks to tell.
     */
    public static List<Map<SubsectionKey, Integer>> inPhase(List<Map<SubsectionKey, ForkedSamples>> side,
            List<ForkLayout> layouts, List<Direction> directions) {
        List<Timed> forks = timed(side, layouts, false, null, directions);
        List<Map<SubsectionKey, Integer>> counts = new ArrayList<>();
        side.forEach(b -> counts.add(new LinkedHashMap<>()));
        if (forks.size() < MIN_FORKS) {
            return counts;
        }
        int[] slowed = slowedAround(forks);
        for (int i = 0; i < forks.size(); i++) {
            if (slowed[i] >= SLOWED_NEIGHBOURS) {
                counts.get(forks.get(i).benchmark()).merge(forks.get(i).key(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * Confirmation forks corrected for the machine's phase at their time, read from the forks of
     * {@code witnesses} only: subsections re-measured beside the flagged ones although nothing
     * flagged them. A flagged subsection's fresh forks cannot tell the phase themselves (they were
     * chosen for being slow, and a real change would be taken for a phase).
     *
     * @param first the first measurement's correction, whose usual phase the confirmation is measured
     *     against; when it was not {@linkplain #applied applied} (too few forks), neither is this one
     * @param witnesses which subsections (per benchmark) are witnesses
     */
    public static MachinePhase ofConfirmation(List<Map<SubsectionKey, ForkedSamples>> side, List<ForkLayout> layouts,
            List<Map<SubsectionKey, ForkedSamples>> reference, List<Direction> directions, MachinePhase first,
            List<java.util.Set<SubsectionKey>> witnesses) {
        List<Timed> forks = timed(side, layouts, true, reference, directions);
        List<Timed> witnessing = forks.stream().filter(t -> witnesses.get(t.benchmark()).contains(t.key())).toList();
        if (!first.applied || witnessing.size() < MIN_WITNESSES) {
            return new MachinePhase(side, first.usual, false, 0, forks.size());
        }
        int neighbours = Math.min(NEIGHBOURS, witnessing.size() / 2);
        // Whether a fork ran slowed is read against its own subsection's other fresh forks, so the
        // flagged subsections' forks can tell a phase too: a real change moves all of them alike.
        boolean[] aside = forks.size() >= 2 * PHASE_NEIGHBOURS ? setAside(forks, slowedAround(forks))
                : new boolean[forks.size()];
        return new MachinePhase(apply(side, forks, phases(forks, witnessing, neighbours), first.usual, aside),
                first.usual, true, count(aside), forks.size());
    }

    /** Whether the side was corrected: enough forks with calibration and start times. */
    public boolean applied() {
        return applied;
    }

    /** The side, corrected where it could be. */
    public List<Map<SubsectionKey, ForkedSamples>> corrected() {
        return corrected;
    }

    /** How many forks were set aside as measured in a phase ({@link #SLOWED_NEIGHBOURS}). */
    public int setAside() {
        return setAside;
    }

    /** How many forks the side had with calibration and start times. */
    public int forks() {
        return forks;
    }

    /** The run's usual phase (its shift as the forks saw it outside phases), a log ratio; 0 when not corrected. */
    public double usual() {
        return usual;
    }

    private static List<Timed> timed(List<Map<SubsectionKey, ForkedSamples>> side, List<ForkLayout> layouts,
            boolean confirmation, List<Map<SubsectionKey, ForkedSamples>> reference, List<Direction> directions) {
        List<Timed> forks = new ArrayList<>();
        for (int b = 0; b < side.size(); b++) {
            double cost = directions.get(b) == Direction.HIGHER_IS_BETTER ? -1 : 1;
            for (Map.Entry<SubsectionKey, ForkedSamples> e : side.get(b).entrySet()) {
                ForkedSamples forked = e.getValue();
                List<MeasuredFork> measured = layouts.get(b).forks().getOrDefault(e.getKey(), List.of()).stream()
                        .filter(f -> f.confirmation() == confirmation).toList();
                ForkedSamples ref = reference == null ? forked : reference.get(b).get(e.getKey());
                if (!forked.hasSpeeds() || ref == null || !ref.hasSpeeds() || measured.size() != forked.forkCount()) {
                    continue;
                }
                double level = SampleStatistics.median(ref.levels(true));
                double[] levels = forked.levels(true);
                for (int f = 0; f < levels.length; f++) {
                    long started = measured.get(f).startedMillis();
                    if (started > 0) {
                        forks.add(new Timed(b, e.getKey(), f, started, cost * (levels[f] - level), cost));
                    }
                }
            }
        }
        forks.sort(Comparator.comparingLong(Timed::started));
        return forks;
    }

    /**
     * The half-sample mode (Bickel and Fruehwirth, 2006): the sorted values' shortest half, again and
     * again, down to two or three; robust to a minority and to a long tail on one side.
     */
    static double halfSampleMode(double[] values) {
        double[] x = values.clone();
        Arrays.sort(x);
        int from = 0;
        int n = x.length;
        while (n > 3) {
            int half = (n + 1) / 2;
            int best = from;
            for (int i = from; i + half - 1 < from + n; i++) {
                if (x[i + half - 1] - x[i] < x[best + half - 1] - x[best]) {
                    best = i;
                }
            }
            from = best;
            n = half;
        }
        if (n == 3) {
            return x[from + 1] - x[from] < x[from + 2] - x[from + 1] ? (x[from] + x[from + 1]) / 2
                    : x[from + 2] - x[from + 1] < x[from + 1] - x[from] ? (x[from + 1] + x[from + 2]) / 2 : x[from + 1];
        }
        return n == 2 ? (x[from] + x[from + 1]) / 2 : x[from];
    }

    /** Each fork's phase: the median residual of the {@code neighbours} witnesses nearest in time, itself left out. */
    private static double[] phases(List<Timed> forks, List<Timed> witnesses, int neighbours) {
        long[] times = witnesses.stream().mapToLong(Timed::started).toArray();
        double[] phase = new double[forks.size()];
        for (int i = 0; i < forks.size(); i++) {
            Timed fork = forks.get(i);
            int at = Arrays.binarySearch(times, fork.started());
            int centre = at >= 0 ? at : -at - 1;
            int from = Math.max(0, Math.min(centre - neighbours / 2, times.length - neighbours - 1));
            double[] around = new double[neighbours + 1];
            int n = 0;
            for (int j = from; j < Math.min(times.length, from + neighbours + 1) && n < neighbours; j++) {
                if (witnesses.get(j) != fork) {
                    around[n++] = witnesses.get(j).residual();
                }
            }
            phase[i] = SampleStatistics.median(Arrays.copyOf(around, n));
        }
        return phase;
    }

    /**
     * For each fork, how many of the {@link #PHASE_NEIGHBOURS} forks nearest in time, of other
     * subsections, ran {@link #SLOWED}. Whether a fork ran slowed is read against its own
     * subsection's other forks on the same side, not against a reference: a change of the code moves
     * all of a subsection's forks alike and marks none, a phase moves the forks measured in it. The
     * fork's own level does not enter its count, so setting it aside cannot favour any verdict.
     */
    private static int[] slowedAround(List<Timed> forks) {
        Map<SubsectionRef, List<Integer>> bySubsection = bySubsection(forks);
        boolean[] slowed = new boolean[forks.size()];
        boolean[] telling = new boolean[forks.size()];
        for (List<Integer> own : bySubsection.values()) {
            for (int i : own) {
                double[] others = own.stream().filter(j -> j != i).mapToDouble(j -> forks.get(j).residual()).toArray();
                telling[i] = others.length > 0;
                slowed[i] = telling[i] && forks.get(i).residual() - SampleStatistics.median(others) > SLOWED;
            }
        }
        int[] count = new int[forks.size()];
        for (int i = 0; i < forks.size(); i++) {
            SubsectionRef self = SubsectionRef.of(forks.get(i));
            int before = i - 1;
            int after = i + 1;
            for (int seen = 0; seen < PHASE_NEIGHBOURS && (before >= 0 || after < forks.size()); ) {
                boolean takeBefore = after >= forks.size() || before >= 0
                        && forks.get(i).started() - forks.get(before).started()
                        <= forks.get(after).started() - forks.get(i).started();
                int j = takeBefore ? before-- : after++;
                if (telling[j] && !SubsectionRef.of(forks.get(j)).equals(self)) {
                    seen++;
                    count[i] += slowed[j] ? 1 : 0;
                }
            }
        }
        return count;
    }

    /**
     * The forks set aside: those measured in a phase, while each subsection keeps at least half of
     * its forks (those whose neighbours were slowed least), so that no subsection loses its test.
     */
    private static boolean[] setAside(List<Timed> forks, int[] slowed) {
        Map<SubsectionRef, List<Integer>> bySubsection = bySubsection(forks);
        boolean[] aside = new boolean[forks.size()];
        for (List<Integer> own : bySubsection.values()) {
            own.stream().filter(i -> slowed[i] >= SLOWED_NEIGHBOURS)
                    .sorted(Comparator.comparingInt((Integer i) -> slowed[i]).reversed())
                    .limit(own.size() / 2)
                    .forEach(i -> aside[i] = true);
        }
        return aside;
    }

    private static List<Map<SubsectionKey, ForkedSamples>> apply(List<Map<SubsectionKey, ForkedSamples>> side,
            List<Timed> forks, double[] phase, double usual, boolean[] aside) {
        Map<Integer, Map<SubsectionKey, double[]>> offsets = new LinkedHashMap<>();
        Map<Integer, Map<SubsectionKey, boolean[]>> dropped = new LinkedHashMap<>();
        for (int i = 0; i < forks.size(); i++) {
            Timed t = forks.get(i);
            int count = side.get(t.benchmark()).get(t.key()).forkCount();
            offsets.computeIfAbsent(t.benchmark(), b -> new LinkedHashMap<>())
                    .computeIfAbsent(t.key(), k -> new double[count])[t.fork()] = t.cost() * (phase[i] - usual);
            dropped.computeIfAbsent(t.benchmark(), b -> new LinkedHashMap<>())
                    .computeIfAbsent(t.key(), k -> new boolean[count])[t.fork()] = aside[i];
        }
        List<Map<SubsectionKey, ForkedSamples>> corrected = new ArrayList<>();
        for (int b = 0; b < side.size(); b++) {
            Map<SubsectionKey, double[]> own = offsets.getOrDefault(b, Map.of());
            Map<SubsectionKey, boolean[]> drop = dropped.getOrDefault(b, Map.of());
            Map<SubsectionKey, ForkedSamples> benchmark = new LinkedHashMap<>();
            side.get(b).forEach((key, forked) -> benchmark.put(key,
                    own.containsKey(key) ? forked.withPhase(own.get(key)).without(drop.get(key)) : forked));
            corrected.add(benchmark);
        }
        return corrected;
    }

    /** The indices of {@code forks} by subsection. */
    private static Map<SubsectionRef, List<Integer>> bySubsection(List<Timed> forks) {
        Map<SubsectionRef, List<Integer>> bySubsection = new LinkedHashMap<>();
        for (int i = 0; i < forks.size(); i++) {
            bySubsection.computeIfAbsent(SubsectionRef.of(forks.get(i)), k -> new ArrayList<>()).add(i);
        }
        return bySubsection;
    }

    private static int count(boolean[] marks) {
        int n = 0;
        for (boolean m : marks) {
            n += m ? 1 : 0;
        }
        return n;
    }

    /** One subsection of one benchmark. */
    private record SubsectionRef(int benchmark, SubsectionKey key) {
        static SubsectionRef of(Timed t) {
            return new SubsectionRef(t.benchmark(), t.key());
        }
    }

    /**
     * One fork: which benchmark, subsection and fork it is, when it started, how much more it cost than
     * the reference (its level minus the reference's, times {@code cost}: -1 where higher is better).
     */
    private record Timed(int benchmark, SubsectionKey key, int fork, long started, double residual, double cost) {
    }
}
