package org.perfregression.platform;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.perfregression.stats.SampleStatistics;

/**
 * How fast a machine runs the calibration kernel: a measured identity, not a name. The 10th
 * percentile of the kernel's times is the machine's undisturbed speed (slow phases of a shared
 * machine move the median, rarely the fast end), so two machines whose 10th percentiles differ by
 * more than a tolerance measure differently and their timings are not comparable.
 *
 * @param p10Ns 10th percentile of the kernel's time, ns per round
 * @param medianNs median of the kernel's time
 * @param count how many kernel timings it summarises
 */
public record MachineSpeed(double p10Ns, double medianNs, int count) {

    public static MachineSpeed of(double[] calibrationNs) {
        if (calibrationNs.length == 0) {
            throw new IllegalArgumentException("no calibration times");
        }
        double[] sorted = calibrationNs.clone();
        Arrays.sort(sorted);
        return new MachineSpeed(sorted[(int) Math.floor(0.1 * (sorted.length - 1))],
                SampleStatistics.medianOfSorted(sorted), sorted.length);
    }

    /** How much slower (positive) or faster (negative) this machine is than {@code baseline}, in %. */
    public double differencePct(MachineSpeed baseline) {
        return (p10Ns / baseline.p10Ns - 1) * 100;
    }

    /** E.g. {@code 36.1% faster} or {@code 4.0% slower}. */
    public String describeAgainst(MachineSpeed baseline) {
        double pct = differencePct(baseline);
        double faster = (baseline.p10Ns / p10Ns - 1) * 100;
        return pct >= 0 ? String.format(Locale.ROOT, "%.1f%% slower", pct)
                : String.format(Locale.ROOT, "%.1f%% faster", faster);
    }

    /**
     * How far the kernel's median lies above its 10th percentile, in %: how much other work on the
     * machine slowed it while it was measured. 0.1 % on an idle 2-core machine of this kind, 8 %
     * in an hour whose neighbours were busy, when the same suite took 23 % longer than idle.
     */
    public double contentionPct() {
        return (medianNs / p10Ns - 1) * 100;
    }

    /**
     * A note when the machine was busier or quieter here than when {@code baseline} was measured by
     * more than {@link #CONTENTION_NOTE_POINTS} points of {@link #contentionPct()}, else null. The
     * 10th percentile that the machine check compares does not move with the neighbours' load; the
     * benchmarks do, and more than the kernel's median (measured: the suite 23 % slower where the
     * median moved 8 %), so a whole suite can shift without any change of its code.
     */
    public String contentionAgainst(MachineSpeed baseline) {
        double difference = contentionPct() - baseline.contentionPct();
        if (!(Math.abs(difference) > CONTENTION_NOTE_POINTS)) {
            return null;
        }
        return String.format(Locale.ROOT, "the machine was %s than when the baselines were made: the calibration "
                + "kernel's median lay %.1f%% above its 10th percentile in this run, %.1f%% then; other work on the "
                + "machine slows the benchmarks more than the kernel, so a shift of the whole suite may be the "
                + "machine's, not the code's (measure both sides side by side with ab)",
                difference > 0 ? "busier" : "quieter", contentionPct(), baseline.contentionPct());
    }

    /**
     * Whether this run was busier than {@code baseline}'s by more than {@link #CONTENTION_NOTE_POINTS}:
     * then a regression may be the neighbours', and the run is not comparable with its baselines.
     */
    public boolean busierThan(MachineSpeed baseline) {
        return contentionPct() - baseline.contentionPct() > CONTENTION_NOTE_POINTS;
    }

    /**
     * How many points of {@link #contentionPct()} apart a run and its baselines get a note, and the
     * most that baselines may carry. Idle machines of this kind measure 0.1-1.2 %, the same
     * machine in a busy hour 6-8 %.
     */
    public static final double CONTENTION_NOTE_POINTS = 3.0;

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("p10_ns", p10Ns);
        map.put("median_ns", medianNs);
        map.put("count", count);
        return map;
    }

    /** From {@link #toMap}'s form; null when a field is missing or not a positive number. */
    public static MachineSpeed fromMap(Map<?, ?> map) {
        if (map == null || !(map.get("p10_ns") instanceof Number p10) || !(map.get("median_ns") instanceof Number median)
                || !(p10.doubleValue() > 0) || !(median.doubleValue() > 0)) {
            return null;
        }
        return new MachineSpeed(p10.doubleValue(), median.doubleValue(),
                map.get("count") instanceof Number n ? n.intValue() : 0);
    }
}
