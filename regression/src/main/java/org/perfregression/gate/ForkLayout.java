package org.perfregression.gate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;

/**
 * Which fork each sample of a PerformanceData file came from, when, and the machine's speed then:
 * what the gate needs beyond the seed's format, kept in the data file's sidecar so that the data
 * file stays the seed's.
 *
 * @param forks per subsection, its forks in the order their samples are stored
 */
public record ForkLayout(Map<SubsectionKey, List<MeasuredFork>> forks) {

    /**
     * The JMH secondary metric that carries the calibration kernel's time beside each sample (the
     * accessor suite's profiler reports it; any JMH project may).
     */
    public static final String CALIBRATION_METRIC = "calibration";

    /** A result's calibration times per fork, or null. */
    public static List<double[]> calibration(org.perfregression.jmh.JmhResult result) {
        return secondary(result, CALIBRATION_METRIC);
    }

    /** The calibration time beside each sample of fork {@code f}, or null where the metric does not cover the fork. */
    public static double[] calibration(org.perfregression.jmh.JmhResult result, int f) {
        List<double[]> speeds = calibration(result);
        return speeds != null && f < speeds.size() && speeds.get(f).length == result.samples().get(f).length
                ? speeds.get(f) : null;
    }

    /** JMH's GC profiler's bytes allocated per operation, per iteration: the whole JVM's. */
    public static final String ALLOCATION_METRIC = "gc.alloc.rate.norm";

    /**
     * Whose bytes {@link #allocation} reads from {@code result}: the benchmark threads' where the
     * result has them (what the harness gates on), else the whole JVM's (JMH's GC profiler); null when
     * it has neither.
     */
    public static AllocationScope allocationScope(org.perfregression.jmh.JmhResult result) {
        for (AllocationScope scope : List.of(AllocationScope.BENCHMARK_THREADS, AllocationScope.WHOLE_JVM)) {
            if (secondary(result, scope.metric()) != null) {
                return scope;
            }
        }
        return null;
    }

    /**
     * Fork {@code f}'s bytes allocated per operation: the median over its iterations of the metric
     * {@link #allocationScope} names; NaN when the result has none for that fork.
     */
    public static double allocation(org.perfregression.jmh.JmhResult result, int f) {
        AllocationScope scope = allocationScope(result);
        List<double[]> values = scope == null ? null : secondary(result, scope.metric());
        if (values == null || f >= values.size() || values.get(f).length == 0) {
            return Double.NaN;
        }
        double median = org.perfregression.stats.SampleStatistics.median(values.get(f));
        return median >= 0 && Double.isFinite(median) ? median : Double.NaN;
    }

    /** A secondary metric's values per fork, or null: profilers' metrics may carry a leading middle dot. */
    private static List<double[]> secondary(org.perfregression.jmh.JmhResult result, String metric) {
        List<double[]> plain = result.secondary().get(metric);
        return plain != null ? plain : result.secondary().get("\u00b7" + metric);
    }

    /**
     * Per subsection, the bytes allocated per operation of each fork of the first measurement, then
     * of each fresh fork that measured it, for subsections whose every first-measurement fork measured
     * it, all counted in {@code scope}. Allocation is compared over every fork a side has: the JIT's escape analysis settles per JVM,
     * and a fresh fork in the other mode keeps the split from becoming a verdict (measured: an
     * unchanged run's two forks of a page walk at 159-162 B/op against baseline forks of 222-248, one
     * of its three fresh forks at 229).
     */
    public Map<SubsectionKey, double[]> allocations(AllocationScope scope) {
        Map<SubsectionKey, double[]> allocations = new LinkedHashMap<>();
        forks.forEach((key, list) -> {
            List<MeasuredFork> first = list.stream().filter(f -> !f.confirmation()).toList();
            if (!first.isEmpty() && first.stream().allMatch(f -> f.allocScope() == scope)) {
                // First the first measurement's forks, then the fresh ones (a stable sort keeps each in order).
                allocations.put(key, list.stream().sorted(java.util.Comparator.comparing(MeasuredFork::confirmation))
                        .filter(f -> f.allocScope() == scope).mapToDouble(MeasuredFork::allocBytesPerOp).toArray());
            }
        });
        return allocations;
    }

    /** The scopes of the allocation figures its first-measurement forks carry (empty when none has one). */
    public java.util.Set<AllocationScope> allocationScopes() {
        java.util.Set<AllocationScope> scopes = java.util.EnumSet.noneOf(AllocationScope.class);
        forks.values().forEach(list -> list.stream().filter(f -> !f.confirmation() && f.allocScope() != null)
                .forEach(f -> scopes.add(f.allocScope())));
        return scopes;
    }

    public ForkLayout {
        Map<SubsectionKey, List<MeasuredFork>> copy = new LinkedHashMap<>();
        forks.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        forks = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * The samples of {@code data} split into forks: the first measurement's forks, or only the
     * confirmation forks.
     *
     * @param source names the data in errors
     * @throws InvalidInputException if the layout does not match the data's sample counts
     */
    public Map<SubsectionKey, ForkedSamples> split(PerformanceData data, boolean confirmation, String source) {
        Map<SubsectionKey, ForkedSamples> split = new LinkedHashMap<>();
        for (SubsectionKey key : data.keys()) {
            List<MeasuredFork> layout = forks.get(key);
            double[] samples = data.samples(key).toArray();
            if (layout == null) {
                throw new InvalidInputException(source + ": the sidecar has no fork layout for " + key);
            }
            int total = layout.stream().mapToInt(MeasuredFork::samples).sum();
            if (total != samples.length) {
                throw new InvalidInputException(source + ": " + key + " has " + samples.length
                        + " samples but its fork layout describes " + total);
            }
            List<double[]> chosen = new ArrayList<>();
            List<double[]> speeds = new ArrayList<>();
            List<Double> allocations = new ArrayList<>();
            boolean allSpeeds = true;
            int at = 0;
            for (MeasuredFork fork : layout) {
                if (fork.confirmation() == confirmation) {
                    chosen.add(Arrays.copyOfRange(samples, at, at + fork.samples()));
                    speeds.add(fork.speeds());
                    // Only an exact figure tells modes apart: the whole JVM's grows with the time per operation.
                    allocations.add(fork.allocScope() != null && fork.allocScope().exact() ? fork.allocBytesPerOp()
                            : Double.NaN);
                    allSpeeds &= fork.speeds() != null;
                }
                at += fork.samples();
            }
            if (!chosen.isEmpty()) {
                split.put(key, new ForkedSamples(chosen, allSpeeds ? speeds : null,
                        allocations.stream().mapToDouble(Double::doubleValue).toArray()));
            } else if (!confirmation) {
                // Leaving it out would make the subsection vanish from the comparison without a word.
                throw new InvalidInputException(source + ": " + key + " has no forks of its first measurement (its "
                        + "sidecar marks all " + layout.size() + " as confirmation forks); nothing to compare it by");
            }
        }
        return split;
    }

    /**
     * {@link #split} for data where {@code direction} is better, as the gate reads it: where higher
     * is better, each fork's calibration is {@linkplain ForkedSamples#forHigherIsBetter inverted}.
     */
    public Map<SubsectionKey, ForkedSamples> split(PerformanceData data, boolean confirmation, String source,
            org.perfregression.check.Direction direction) {
        Map<SubsectionKey, ForkedSamples> split = split(data, confirmation, source);
        if (direction == org.perfregression.check.Direction.HIGHER_IS_BETTER) {
            split.replaceAll((key, forked) -> forked.forHigherIsBetter());
        }
        return split;
    }

    /** The samples of {@code data} from the first measurement's forks only, as PerformanceData (for the seed's rule). */
    public PerformanceData firstMeasurement(PerformanceData data, String source) {
        PerformanceData.Builder builder = PerformanceData.builder();
        split(data, false, source).forEach((key, forked) -> builder.add(key.section(), key.subsection(),
                forked.forks().stream().flatMapToDouble(Arrays::stream).toArray()));
        return builder.build();
    }

    /** Every calibration time of the first measurement's forks (not the confirmation's). */
    public double[] speeds() {
        return forks.values().stream().flatMap(List::stream)
                .filter(f -> !f.confirmation() && f.speeds() != null)
                .flatMapToDouble(f -> Arrays.stream(f.speeds())).toArray();
    }

    /** The layout of the subsections {@code keep} names. */
    public ForkLayout select(java.util.function.Predicate<SubsectionKey> keep) {
        Map<SubsectionKey, List<MeasuredFork>> kept = new LinkedHashMap<>();
        forks.forEach((k, v) -> {
            if (keep.test(k)) {
                kept.put(k, v);
            }
        });
        return new ForkLayout(kept);
    }
}
