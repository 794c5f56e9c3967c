package org.perfregression.allocation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.perfregression.check.Direction;
import org.perfregression.check.Verdict;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.Confirmation;
import org.perfregression.gate.ForkGate;
import org.perfregression.gate.ForkModes;
import org.perfregression.gate.GateOutcome;
import org.perfregression.gate.GateResult;
import org.perfregression.gate.Prior;
import org.perfregression.gate.RunEffect;
import org.perfregression.stats.GapClusters;
import org.perfregression.stats.SampleStatistics;

/**
 * Bytes allocated per operation, compared exactly. Unlike time, allocation does not depend on the
 * machine's speed: the same code allocates the same bytes run after run, except where the JIT's
 * escape analysis removes an allocation in some forks and not in others (a fork-to-fork split, e.g.
 * 0 B/op in two forks and 24 B/op in four). So there is no statistical test: each fork is one figure
 * (its median over iterations), and a subsection regresses when <em>every</em> current fork allocates
 * more than the <em>most</em> any baseline fork allocated, by more than the tolerance (the larger of
 * {@link #absoluteBytes()} and {@link #relativePct()} of it); it improves when every current fork
 * allocates less than the least any baseline fork did, by as much. A split between the sides' forks
 * is therefore never a verdict, and one more allocation on every call always is. Where no current
 * fork allocates as any baseline fork did (each beyond the tolerance outside the baseline's range),
 * some above and some below, the side most of them lie on decides: one fork in an escape-analysis
 * mode the baseline never showed no longer hides a rise in the others; as many on each side is
 * {@linkplain #unsettled unsettled}, and fresh forks settle it. Where the
 * baseline's forks fall into two or more modes of two forks or more each (of one or more where the
 * figures are exact), a current fork is judged against the mode nearest to it instead: a rise
 * smaller than the distance between the modes is then seen in whichever mode a fork lands.
 *
 * <p>The result is a {@link GateOutcome}, so that every report shows allocation as it shows the
 * gate's time verdicts (unit {@code B/op}): the change is that of the median fork, the interval spans
 * the smallest to the largest current fork against the baseline's median; there is no p-value, and
 * the detectable change is the tolerance.
 *
 * <p>Immutable; configure with the {@code with...} methods.
 */
public final class AllocationCheck {

    /** The unit of every allocation comparison. */
    public static final String UNIT = "B/op";

    private static final AllocationCheck DEFAULTS = new AllocationCheck(ForkModes.ALLOCATION_BYTES,
            ForkModes.ALLOCATION_PCT, false);

    private final double absoluteBytes;
    private final double relativePct;
    private final boolean exact;

    private AllocationCheck(double absoluteBytes, double relativePct, boolean exact) {
        if (!(absoluteBytes >= 0) || Double.isInfinite(absoluteBytes) || !(relativePct >= 0) || Double.isInfinite(relativePct)) {
            throw new IllegalArgumentException("allocation tolerances must be finite and >= 0, got " + absoluteBytes
                    + " B/op and " + relativePct + " %");
        }
        this.absoluteBytes = absoluteBytes;
        this.relativePct = relativePct;
        this.exact = exact;
    }

    /**
     * 8 bytes (half the smallest object a 64-bit JVM allocates, so that one more object per operation
     * always counts) or 2 %, whichever is larger: JMH's figure has rounding noise far below a byte for
     * code that allocates nothing, and amortized growth (a list that resizes now and then) moves it by
     * a few percent at most.
     */
    public static AllocationCheck withDefaults() {
        return DEFAULTS;
    }

    public AllocationCheck withAbsoluteBytes(double bytes) {
        return new AllocationCheck(bytes, relativePct, exact);
    }

    public AllocationCheck withRelativePct(double pct) {
        return new AllocationCheck(absoluteBytes, pct, exact);
    }

    /**
     * Whether the figures are exact ({@link org.perfregression.gate.AllocationScope#exact}): then a
     * single baseline fork beyond a gap is a mode of its own. Measured: a page walk's baseline with
     * five forks at 173 B/op and one at 123.3, and 16 bytes more per operation in the current forks
     * (139.6 and 189.6): judged against the range, 139.6 lay inside it and the rise was missed.
     * Figures that move with the time per operation keep the rule that a mode needs two forks.
     */
    public AllocationCheck withExactFigures(boolean exactFigures) {
        return new AllocationCheck(absoluteBytes, relativePct, exactFigures);
    }

    public double absoluteBytes() {
        return absoluteBytes;
    }

    public double relativePct() {
        return relativePct;
    }

    /** The tolerance around {@code bytes}: the larger of the absolute and the relative one. */
    public double tolerance(double bytes) {
        return Math.max(absoluteBytes, bytes * relativePct / 100);
    }

    /**
     * Compares every subsection both sides measured, in baseline order.
     *
     * @param baseline each subsection's baseline forks' bytes per operation
     * @param current each subsection's current forks' bytes per operation, fresh forks included
     *     ({@link org.perfregression.gate.ForkLayout#allocations})
     * @param slowdown each subsection's time per operation, current over baseline (1 where unknown):
     *     see {@link #compare(SubsectionKey, double[], double[], double)}
     * @param gate the gate whose settings the outcome carries (reports show them)
     */
    public GateOutcome compare(Map<SubsectionKey, double[]> baseline, Map<SubsectionKey, double[]> current,
            Map<SubsectionKey, Double> slowdown, ForkGate gate) {
        List<GateResult> results = new ArrayList<>();
        baseline.forEach((key, b) -> {
            double[] c = current.get(key);
            if (c != null && b.length > 0 && c.length > 0) {
                results.add(compare(key, b, c, slowdown.getOrDefault(key, 1.0)));
            }
        });
        return new GateOutcome(results, Prior.NONE, gate, Direction.LOWER_IS_BETTER, false, RunEffect.NONE, Double.NaN,
                null);
    }

    /**
     * Less than one object per operation: a baseline under this may be nothing but the harness's share,
     * a fixed amount per iteration spread over its operations. JMH's {@code gc.alloc.rate.norm} counts
     * what its own thread and the profilers allocate (5-9 KB per iteration: under 0.1 B/op for 10 ns
     * operations, about 1 B/op for 5 us operations in 50 ms iterations, ten times more when such an
     * operation gets ten times slower, measured on the plugin's sample); the benchmark threads' figure
     * only JMH's result objects, about 0.5 KB per iteration (7 B/op for a 43 us operation in 3 ms).
     */
    public static final double HARNESS_SHARE_BYTES = 16;

    /**
     * One subsection (see the class comment). A baseline under {@link #HARNESS_SHARE_BYTES} is first
     * scaled by how much slower (or faster) an operation got, as the harness's fixed share per
     * iteration would be, so that a slower operation is not an allocation regression too.
     *
     * @param slowdown the time per operation, current over baseline (1 where unknown)
     */
    public GateResult compare(SubsectionKey key, double[] baseline, double[] current, double slowdown) {
        double baseMedian = SampleStatistics.median(baseline);
        double most = Arrays.stream(baseline).max().orElseThrow();
        double least = Arrays.stream(baseline).min().orElseThrow();
        double currentLeast = Arrays.stream(current).min().orElseThrow();
        double currentMost = Arrays.stream(current).max().orElseThrow();
        double currentMedian = SampleStatistics.median(current);
        boolean scaled = most < HARNESS_SHARE_BYTES && slowdown > 0 && Double.isFinite(slowdown) && slowdown != 1;
        double mostHere = scaled ? most * Math.max(1, slowdown) : most;
        double leastHere = scaled ? least * Math.min(1, slowdown) : least;
        Verdict verdict;
        String message;
        String forks = String.format(Locale.ROOT, "current forks %s B/op, baseline forks %s B/op", range(currentLeast,
                currentMost), range(least, most)) + (scaled ? String.format(Locale.ROOT, ", %s at this speed (%.2fx the "
                        + "time per operation)", range(leastHere, mostHere), slowdown) : "");
        List<double[]> modes = scaled ? List.of() : modes(baseline);
        if (modes.size() > 1) {
            return betweenModes(key, baseline, current, modes);
        }
        Placement placement = place(List.of(new double[] {leastHere, mostHere}), current);
        if (currentLeast > mostHere + tolerance(mostHere)) {
            verdict = Verdict.REGRESSION;
            message = String.format(Locale.ROOT, "Allocation regression: %+.1f B/op (%s); every current fork allocates "
                    + "more than any baseline fork, beyond the %.1f B/op tolerance", currentMedian - baseMedian, forks,
                    tolerance(mostHere));
        } else if (currentMost < leastHere - tolerance(leastHere)) {
            verdict = Verdict.IMPROVEMENT;
            message = String.format(Locale.ROOT, "Allocation improvement: %+.1f B/op (%s); every current fork allocates "
                    + "less than any baseline fork, beyond the %.1f B/op tolerance", currentMedian - baseMedian, forks,
                    tolerance(leastHere));
        } else if (placement.verdict() != Verdict.NO_CHANGE) {
            verdict = placement.verdict();
            message = String.format(Locale.ROOT, "Allocation %s: %+.1f B/op (%s); %s", verdict == Verdict.REGRESSION
                    ? "regression" : "improvement", currentMedian - baseMedian, forks, placement.describe());
        } else {
            verdict = Verdict.NO_CHANGE;
            message = String.format(Locale.ROOT, "No allocation change: %+.1f B/op (%s)%s", currentMedian - baseMedian,
                    forks, placement.unsettled() ? "; " + placement.describe() : "");
        }
        return new GateResult(key, verdict, pct(currentMedian, baseMedian), pct(currentMedian, baseMedian),
                pct(currentLeast, baseMedian), pct(currentMost, baseMedian), Double.NaN, Double.NaN,
                pct(baseMedian + tolerance(mostHere), baseMedian), baseline.length, current.length, false,
                Confirmation.EXACT, Double.NaN, message);
    }

    /**
     * The baseline's escape-analysis modes: its fork figures sorted and cut where two neighbours lie
     * more than the tolerance apart, each mode as {least, most}; empty unless there are at least two
     * and each holds two forks or more (a fork alone beyond a gap may be noise, not a mode), or one
     * or more where the figures are {@linkplain #withExactFigures exact}.
     */
    List<double[]> modes(double[] baseline) {
        return GapClusters.of(baseline, this::tolerance, exact ? 1 : 2);
    }

    /**
     * A baseline in two or more modes: each current fork is judged against the mode nearest to it.
     * A regression when every current fork lies in no mode (beyond the tolerance of each) and above its
     * nearest mode; an improvement in the mirror case; otherwise none. So a rise smaller than the
     * distance between the modes is seen in whichever mode a fork lands (measured: a page walk's
     * baseline forks at 123.5 and 173.0 B/op, 16 bytes more in each), while forks in the baseline's
     * modes, in any mix, are no verdict.
     */
    private GateResult betweenModes(SubsectionKey key, double[] baseline, double[] current, List<double[]> modes) {
        double baseMedian = SampleStatistics.median(baseline);
        Placement placement = place(modes, current);
        double[] deltas = placement.deltas();
        int above = placement.above();
        int below = placement.below();
        double delta = SampleStatistics.median(deltas);
        String modeList = String.join(", ", modes.stream().map(m -> range(m[0], m[1])).toList());
        String forks = String.format(Locale.ROOT, "current forks %s B/op, baseline forks in modes %s B/op",
                String.join(", ", Arrays.stream(current).mapToObj(v -> String.format(Locale.ROOT, "%.1f", v)).toList()),
                modeList);
        Verdict verdict;
        String message;
        if (above == current.length) {
            verdict = Verdict.REGRESSION;
            message = String.format(Locale.ROOT, "Allocation regression: %+.1f B/op against the nearest mode (%s); every "
                    + "current fork lies above the baseline's mode nearest to it, beyond the tolerance", delta, forks);
        } else if (below == current.length) {
            verdict = Verdict.IMPROVEMENT;
            message = String.format(Locale.ROOT, "Allocation improvement: %+.1f B/op against the nearest mode (%s); every "
                    + "current fork lies below the baseline's mode nearest to it, beyond the tolerance", delta, forks);
        } else if (placement.verdict() != Verdict.NO_CHANGE) {
            verdict = placement.verdict();
            message = String.format(Locale.ROOT, "Allocation %s: %+.1f B/op against the nearest mode (%s); %s",
                    verdict == Verdict.REGRESSION ? "regression" : "improvement", delta, forks, placement.describe());
        } else {
            verdict = Verdict.NO_CHANGE;
            message = String.format(Locale.ROOT, "No allocation change: %+.1f B/op against the nearest mode (%s)%s", delta,
                    forks, placement.unsettled() ? "; " + placement.describe() : "");
        }
        double least = Arrays.stream(deltas).min().orElseThrow();
        double most = Arrays.stream(deltas).max().orElseThrow();
        return new GateResult(key, verdict, pct(baseMedian + delta, baseMedian), pct(baseMedian + delta, baseMedian),
                pct(baseMedian + least, baseMedian), pct(baseMedian + most, baseMedian), Double.NaN, Double.NaN,
                pct(baseMedian + tolerance(baseMedian), baseMedian), baseline.length, current.length, false,
                Confirmation.EXACT, Double.NaN, message);
    }

    /**
     * The subsections whose current forks all lie outside the baseline's modes (its range, where it
     * has one), as many above as below: the allocation changed, or forks took escape-analysis modes
     * the baseline never showed, and these forks cannot tell which. Measured (alloc21, 16 bytes more
     * per operation): a constructor subsection's six baseline forks at 184 B/op, its two current
     * forks at 200 and at 152, a mode of its own. Fresh forks settle it: in the baseline's modes
     * they take the doubt away, outside them they make a majority.
     */
    public List<SubsectionKey> unsettled(Map<SubsectionKey, double[]> baseline, Map<SubsectionKey, double[]> current) {
        List<SubsectionKey> unsettled = new ArrayList<>();
        baseline.forEach((key, b) -> {
            double[] c = current.get(key);
            if (c != null && b.length > 0 && c.length > 0) {
                List<double[]> modes = modes(b);
                if (modes.size() < 2) {
                    modes = List.of(new double[] {Arrays.stream(b).min().orElseThrow(), Arrays.stream(b).max().orElseThrow()});
                }
                if (place(modes, c).unsettled()) {
                    unsettled.add(key);
                }
            }
        });
        return unsettled;
    }

    /**
     * Where each current fork lies against {@code modes} (each {least, most}): its offset from the
     * nearest, and whether that is above or below it beyond the tolerance.
     */
    private Placement place(List<double[]> modes, double[] current) {
        double[] deltas = new double[current.length];
        int above = 0;
        int below = 0;
        for (int i = 0; i < current.length; i++) {
            double c = current[i];
            double[] nearest = modes.get(0);
            for (double[] m : modes) {
                if (Math.abs(offset(c, m)) < Math.abs(offset(c, nearest))) {
                    nearest = m;
                }
            }
            deltas[i] = offset(c, nearest);
            double tolerance = tolerance(deltas[i] > 0 ? nearest[1] : nearest[0]);
            above += deltas[i] > tolerance ? 1 : 0;
            below += deltas[i] < -tolerance ? 1 : 0;
        }
        return new Placement(deltas, above, below);
    }

    /**
     * The current forks against the baseline's modes. Escape analysis only ever settles into modes,
     * so a fork in none of them is a change or a mode the baseline did not show; one in a mode
     * shows no change. With every fork outside, the side most of them lie on decides; as many on
     * each side decide nothing. Where some lie inside, only every fork beyond on one side is a verdict.
     */
    private record Placement(double[] deltas, int above, int below) {

        boolean noneInside() {
            return above + below == deltas.length;
        }

        Verdict verdict() {
            if (!noneInside() || above == below) {
                return Verdict.NO_CHANGE;
            }
            return above > below ? Verdict.REGRESSION : Verdict.IMPROVEMENT;
        }

        boolean unsettled() {
            return noneInside() && above == below;
        }

        String describe() {
            return String.format(Locale.ROOT, "no current fork allocates as a baseline fork did: %d above, %d below "
                    + "(escape-analysis modes the baseline did not show, or a change)", above, below);
        }
    }

    /** How far {@code value} lies above (+) or below (-) the mode {least, most}: 0 inside it. */
    private static double offset(double value, double[] mode) {
        return value > mode[1] ? value - mode[1] : value < mode[0] ? value - mode[0] : 0;
    }

    /**
     * The change in %, NaN from a baseline under one byte per operation: code that allocates nothing
     * measures a few millionths of a byte (JMH's figure over millions of operations), and a percentage
     * of that means nothing; the message has the bytes.
     */
    private static double pct(double current, double baseline) {
        return baseline >= 1 ? 100 * (current - baseline) / baseline : Double.NaN;
    }

    private static String range(double low, double high) {
        return low == high ? String.format(Locale.ROOT, "%.1f", low) : String.format(Locale.ROOT, "%.1f-%.1f", low, high);
    }
}
