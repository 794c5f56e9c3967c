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
