package org.perfregression.analysis;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.perfregression.allocation.AllocationCheck;
import org.perfregression.check.CheckResult;
import org.perfregression.check.RegressionCheck;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.AllocationScope;
import org.perfregression.gate.ForkLayout;
import org.perfregression.gate.ForkedSamples;
import org.perfregression.gate.Acceptance;
import org.perfregression.gate.GateCheck;
import org.perfregression.gate.KernelCoefficient;
import org.perfregression.gate.GateOutcome;
import org.perfregression.gate.GateResult;
import org.perfregression.gate.MachinePhase;
import org.perfregression.gate.RunEffect;
import org.perfregression.gate.RunMovement;
import org.perfregression.input.Dataset;
import org.perfregression.report.ReportInput;
import org.perfregression.report.ReportSuite;

/**
 * The one comparison of a suite of benchmarks, used by every front end (the main job, {@code compare},
 * {@code ab}, the Maven plugin): the seed rule on every benchmark's first measurement, and with the
 * gate its steps on the whole suite at once.
 * <ol>
 * <li>the seed rule per benchmark, on the current side's first measurement (confirmation forks
 *     re-measure flags and must not count twice);
 * <li>with drift correction, each benchmark's calibration exponent fitted on both sides' forks
 *     ({@link KernelCoefficient}: how strongly it follows the kernel), and each side's forks corrected
 *     for the machine's phases that the calibration kernel missed, read from the suite's own forks around each fork's time ({@link MachinePhase});
 * <li>one run effect estimated over every benchmark's changes (the machine moved all of them about
 *     alike) and each benchmark's move against the rest of the suite ({@link org.perfregression.gate.BenchmarkMove}),
 *     or, for sides measured {@link #withInterleaved interleaved}, each benchmark judged side by side;
 * <li>with {@link #withRecordedRuns recorded runs}, each subsection's movement between them
 *     ({@link RunMovement}), against which it is judged where it exceeds the run's own spread;
 * <li>the first test per subsection; with a {@link MoreForks} step ({@link #withMoreForks}), looked at
 *     again after each round of more forks for the subsections in doubt, until none is or the budget ends;
 * <li>flags re-measured: by a {@link Remeasure} step when there is one (the largest changes relative
 *     to their MDC first, at most {@link #withConfirmMax}), else by the confirmation forks the current
 *     data already holds;
 * <li>the re-measured flags of every benchmark decided together at one false discovery rate;
 * <li>the absolute floor, and one {@link ReportInput} per benchmark;
 * <li>with the gate, each benchmark's allocation where both sides' forks recorded it, exactly
 *     ({@link AllocationCheck}), as a benchmark of its own named {@code <benchmark>.alloc}.
 * </ol>
 *
 * <p>Immutable; configure with the {@code with...} methods.
 */
public final class SuiteComparison {

    private final RegressionCheck seed;
    private final GateCheck gate;
    private final boolean interleaved;
    private final boolean measuredOnly;
    private final double minDelta;
    private final Remeasure remeasure;
    private final int confirmMax;
    private final List<Acceptance> acceptances;
    private final List<Threshold> thresholds;
    private final LocalDate today;
    private final List<Map<String, Dataset>> recordedRuns;
    private final MoreForks moreForks;
    private final AllocationCheck allocation = AllocationCheck.withDefaults();

    private SuiteComparison(RegressionCheck seed, GateCheck gate, boolean interleaved, boolean measuredOnly,
            double minDelta, Remeasure remeasure, int confirmMax, List<Acceptance> acceptances, LocalDate today,
            List<Threshold> thresholds, List<Map<String, Dataset>> recordedRuns, MoreForks moreForks) {
        this.moreForks = moreForks;
        this.recordedRuns = List.copyOf(recordedRuns);
        this.thresholds = List.copyOf(thresholds);
        this.acceptances = List.copyOf(acceptances);
        this.today = today;
        this.seed = seed;
        this.gate = gate;
        this.interleaved = interleaved;
        this.measuredOnly = measuredOnly;
        this.minDelta = minDelta;
        this.remeasure = remeasure;
        this.confirmMax = confirmMax;
    }

    /** The seed rule {@code seed} alone (its direction is each pair's). */
    public static SuiteComparison of(RegressionCheck seed) {
        return new SuiteComparison(seed, null, false, false, 0, null, 0, List.of(), null, List.of(), List.of(), null);
    }

    /** Decides with the fork-aware {@code gate} (its direction is each pair's); null for the seed rule alone. */
    public SuiteComparison withGate(GateCheck gate) {
        return new SuiteComparison(seed, gate, interleaved, measuredOnly, minDelta, remeasure, confirmMax, acceptances, today,
                thresholds, recordedRuns, moreForks);
    }

    /** Whether both sides were measured interleaved on one machine ({@code ab}): no run effect, side by side. */
    public SuiteComparison withInterleaved(boolean interleaved) {
        return new SuiteComparison(seed, gate, interleaved, measuredOnly, minDelta, remeasure, confirmMax, acceptances, today,
                thresholds, recordedRuns, moreForks);
    }

    /**
     * Whether to compare only what the current side measured (a partial run of a suite: a regex,
     * {@code -p}): the baseline is cut to the current side's subsections, the rest is not missing.
     */
    public SuiteComparison withMeasuredOnly(boolean measuredOnly) {
        return new SuiteComparison(seed, gate, interleaved, measuredOnly, minDelta, remeasure, confirmMax, acceptances, today,
                thresholds, recordedRuns, moreForks);
    }

    /** Whether only what the current side measured is compared ({@link #withMeasuredOnly}). */
    public boolean measuredOnly() {
        return measuredOnly;
    }

    /** Changes of the median smaller than {@code minDelta} (in the data's unit) are no verdict; 0 for none. */
    public SuiteComparison withMinDelta(double minDelta) {
        return new SuiteComparison(seed, gate, interleaved, measuredOnly, minDelta, remeasure, confirmMax, acceptances, today,
                thresholds, recordedRuns, moreForks);
    }

    /** Re-measures at most {@code max} of the first test's flags with {@code remeasure}; null for none. */
    public SuiteComparison withRemeasure(Remeasure remeasure, int max) {
        return new SuiteComparison(seed, gate, interleaved, measuredOnly, minDelta, remeasure, max, acceptances, today,
                thresholds, recordedRuns, moreForks);
    }

    /**
     * After the current side's planned forks, spends the rest of the front end's budget where the
     * first test is in doubt ({@link GateOutcome#inDoubt}): round by round, {@code moreForks} measures
     * one more fork of the most doubtful subsections, and the first test looks again at all of them,
     * until none is in doubt or the budget is spent. A subsection clearly unchanged, or already
     * flagged, gets no more. The looks are many, so the first test's flags are many more chances than
     * one; what keeps the run's error rate is confirmation: every flag is re-measured in fresh forks,
     * measured after the last look and tested alone, and the re-measured flags are decided together at
     * one false discovery rate ({@link GateCheck#decide}), which under no change anywhere bounds the
     * chance of any verdict by the confirmation significance however many flags there were. Null for
     * none (only with the gate, and not for sides measured side by side).
     */
    public SuiteComparison withMoreForks(MoreForks moreForks) {
        return new SuiteComparison(seed, gate, interleaved, measuredOnly, minDelta, remeasure, confirmMax, acceptances,
                today, thresholds, recordedRuns, moreForks);
    }

    /** At most this many rounds of {@link #withMoreForks}: a budget that never ends is a front end's mistake. */
    static final int MAX_DOUBT_ROUNDS = 200;

    /**
     * Benchmarks whose name a threshold's pattern finds are judged with its minimum change instead of
     * the gate's (the first that finds it); the rest with the gate's.
     */
    public SuiteComparison withThresholds(List<Threshold> thresholds) {
        return new SuiteComparison(seed, gate, interleaved, measuredOnly, minDelta, remeasure, confirmMax, acceptances,
                today, thresholds, recordedRuns, moreForks);
    }

    /** A minimum change of its own for the benchmarks whose name {@code pattern} finds. */
    public record Threshold(java.util.regex.Pattern pattern, double minChangePct) {

        public Threshold {
            if (!(minChangePct >= 0) || Double.isInfinite(minChangePct)) {
                throw new org.perfregression.data.InvalidInputException("the minimum change for " + pattern
                        + " must be a finite percentage >= 0, got " + minChangePct);
            }
        }

        /** Reads {@code REGEX=PCT} (the command line's {@code --min-change-for}). */
        public static Threshold parse(String spec) {
            int eq = spec.lastIndexOf('=');
            if (eq <= 0) {
                throw new org.perfregression.data.InvalidInputException("--min-change-for " + spec
                        + ": expected REGEX=PCT, e.g. 'lookup=10'");
            }
            java.util.regex.Pattern pattern;
            try {
                pattern = java.util.regex.Pattern.compile(spec.substring(0, eq));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new org.perfregression.data.InvalidInputException("--min-change-for " + spec
                        + ": not a regular expression (" + e.getDescription() + ")");
            }
            try {
                return new Threshold(pattern, Double.parseDouble(spec.substring(eq + 1)));
            } catch (NumberFormatException e) {
                throw new org.perfregression.data.InvalidInputException("--min-change-for " + spec + ": "
                        + spec.substring(eq + 1) + " is not a percentage");
            }
        }
    }

    /** The minimum change {@code benchmark} is judged with. */
    private double minChangePct(String benchmark) {
        return thresholds.stream().filter(t -> t.pattern().matcher(benchmark).find()).findFirst()
                .map(Threshold::minChangePct).orElse(gate.gate().minChangePct());
    }

    /**
     * Judges each subsection against its own movement from run to run, estimated from {@code runs}:
     * earlier runs of the same suite on this machine (a history), each a map from benchmark to its
     * data with its fork layout ({@link RunMovement}). Fewer than {@link RunMovement#MIN_RUNS} runs
     * of a subsection leave it judged as before.
     */
    public SuiteComparison withRecordedRuns(List<Map<String, Dataset>> runs) {
        return new SuiteComparison(seed, gate, interleaved, measuredOnly, minDelta, remeasure, confirmMax, acceptances,
                today, thresholds, runs, moreForks);
    }

    /**
     * Regressions that {@code accepted} names are reported but fail nothing until their acceptance
     * expires, judged on {@code today} (the gate's verdicts, time and allocation alike).
     */
    public SuiteComparison withAcceptances(List<Acceptance> accepted, LocalDate today) {
        return new SuiteComparison(seed, gate, interleaved, measuredOnly, minDelta, remeasure, confirmMax, accepted, today,
                thresholds, recordedRuns, moreForks);
    }

    /**
     * Compares every pair as one suite.
     *
     * @param notes lines every report must show
     * @param missing baseline benchmarks without current data: each fails the suite
     * @throws org.perfregression.data.InvalidInputException when the gate decides and a side does not
     *     know which fork each sample came from
     */
    public ReportSuite compare(List<BenchmarkPair> pairs, List<String> notes, List<String> missing)
            throws IOException {
        List<String> allNotes = new ArrayList<>(notes);
        Planned planned = null;
        if (gate != null && moreForks != null && !interleaved) {
            Resolved resolved = withDoubtResolved(pairs, allNotes);
            pairs = resolved.pairs();
            planned = resolved.planned();
        }
        List<PerformanceData> baselines = new ArrayList<>();
        List<PerformanceData> currents = new ArrayList<>();
        List<CheckResult> seeds = new ArrayList<>();
        for (BenchmarkPair pair : pairs) {
            PerformanceData current = firstMeasurement(pair.current());
            PerformanceData baseline = baselineData(pair);
            boolean wholeForks = gate != null && pair.baseline().forks() != null && pair.current().forks() != null;
            RegressionCheck check = seed.with(pair.direction()).withEqualSampleCounts(!wholeForks);
            seeds.add((measuredOnly ? check.withLenient(true) : check).compare(baseline, current));
            baselines.add(baseline);
            currents.add(current);
        }
        Gated gated = gate == null ? null : gates(pairs, baselines, allNotes, planned);
        List<GateOutcome> gates = gated == null ? null : gated.outcomes();
        List<ReportInput> inputs = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            BenchmarkPair pair = pairs.get(i);
            inputs.add(new ReportInput(pair.benchmark(), pair.unit(), seeds.get(i), baselines.get(i), currents.get(i),
                    pair.baseline().source(), pair.current().source(), pair.notes(),
                    gates == null ? null : gates.get(i).withFloor(minDelta, seeds.get(i).medianChange(),
                            seeds.get(i).baselineMedian()).withAccepted(pair.benchmark(), acceptances, today)));
            // Over every fork the current side has now, the fresh ones included (ForkLayout.allocations).
            ReportInput allocation = gate == null ? null : allocation(gated.pairs().get(i), seeds.get(i), allNotes);
            if (allocation != null) {
                inputs.add(allocation);
            }
        }
        return new ReportSuite(inputs, withAcceptanceNotes(inputs, allNotes), missing);
    }

    /** {@code notes} and a line per accepted regression, and per regression whose acceptance has expired. */
    private List<String> withAcceptanceNotes(List<ReportInput> inputs, List<String> notes) {
        List<String> all = new ArrayList<>(notes);
        for (ReportInput input : inputs) {
            if (input.gate() == null) {
                continue;
            }
            for (GateResult r : input.gate().results()) {
                if (r.verdict() != org.perfregression.check.Verdict.REGRESSION) {
                    continue;
                }
                String what = String.format(java.util.Locale.ROOT, "%s %s %+.1f%%", input.benchmark(), r.key(), r.changePct());
                List<Acceptance> naming = acceptances.stream().filter(a -> a.names(input.benchmark(), r.key())).toList();
                naming.stream().filter(a -> a.holdsOn(today)).findFirst().ifPresentOrElse(
                        a -> all.add("accepted regression, failing nothing: " + what + ", " + a.describe()),
                        () -> naming.stream().findFirst().ifPresent(a -> all.add("the acceptance of " + what
                                + " expired on " + a.until() + " (" + a.reason() + "): it fails again")));
            }
        }
        return all;
    }

    /** A benchmark's allocation comparison is reported as a benchmark of its own, named so. */
    public static final String ALLOCATION_SUFFIX = ReportInput.ALLOCATION_SUFFIX;

    /**
     * The allocation comparison of {@code pair} as a benchmark entry of its own (unit B/op), for the
     * subsections whose forks recorded their allocation on both sides, counted alike; null when there
     * are none. Where the baseline counted otherwise than the current run, {@code notes} says so.
     */
    private ReportInput allocation(BenchmarkPair pair, CheckResult time, List<String> notes) {
        AllocationFigures figures = allocationFigures(pair);
        if (figures == null) {
            return null;
        }
        if (figures.countedOtherwise() > 0) {
            notes.add(String.format(java.util.Locale.ROOT, "%s: allocation not compared in %d subsections: the "
                    + "baseline counted the bytes of %s, this run those of %s; regenerate the baselines to gate it",
                    pair.benchmark(), figures.countedOtherwise(), otherScope(figures.scope()).description(),
                    figures.scope().description()));
        }
        if (figures.baseline().isEmpty()) {
            return null;
        }
        Map<SubsectionKey, double[]> baseline = figures.baseline();
        Map<SubsectionKey, double[]> current = figures.current();
        PerformanceData baselineData = forkFigures(baseline);
        PerformanceData currentData = forkFigures(current);
        CheckResult seedResult = seed.with(org.perfregression.check.Direction.LOWER_IS_BETTER).withEqualSampleCounts(false)
                .withLenient(true).compare(baselineData, currentData);
        return new ReportInput(pair.benchmark() + ALLOCATION_SUFFIX, AllocationCheck.UNIT, seedResult, baselineData,
                currentData, pair.baseline().source(), pair.current().source(), List.of(),
                allocation.withExactFigures(figures.scope().exact())
                        .compare(baseline, current, slowdowns(time, pair.direction()), gate.gate())
                        .withAccepted(pair.benchmark() + ALLOCATION_SUFFIX, acceptances, today));
    }

    /**
     * Both sides' fork figures of the subsections that both measured, counted alike in {@code scope};
     * {@code countedOtherwise} subsections the baseline measured in the other scope.
     */
    private record AllocationFigures(Map<SubsectionKey, double[]> baseline, Map<SubsectionKey, double[]> current,
            AllocationScope scope, long countedOtherwise) {
    }

    /** The allocation figures {@link #allocation} compares (possibly none); null when the current side has none. */
    private static AllocationFigures allocationFigures(BenchmarkPair pair) {
        if (pair.baseline().forks() == null || pair.current().forks() == null
                || pair.current().forks().allocationScopes().size() != 1) {
            return null;
        }
        AllocationScope scope = pair.current().forks().allocationScopes().iterator().next();
        Map<SubsectionKey, double[]> current = pair.current().forks().allocations(scope);
        Map<SubsectionKey, double[]> baseline = new java.util.LinkedHashMap<>();
        pair.baseline().forks().allocations(scope).forEach((key, forks) -> {
            if (current.containsKey(key)) {
                baseline.put(key, forks);
            }
        });
        long otherwise = current.keySet().stream().filter(key -> !baseline.containsKey(key)
                && pair.baseline().forks().forks().getOrDefault(key, List.of()).stream()
                        .anyMatch(f -> f.allocScope() != null && f.allocScope() != scope)).count();
        current.keySet().retainAll(baseline.keySet());
        return new AllocationFigures(baseline, current, scope, otherwise);
    }

    private static AllocationScope otherScope(AllocationScope scope) {
        return scope == AllocationScope.WHOLE_JVM ? AllocationScope.BENCHMARK_THREADS : AllocationScope.WHOLE_JVM;
    }

    /** Each subsection's time per operation, current over baseline, from the medians (throughput inverted). */
    private static Map<SubsectionKey, Double> slowdowns(CheckResult time, org.perfregression.check.Direction direction) {
        Map<SubsectionKey, Double> slowdowns = new java.util.HashMap<>();
        for (org.perfregression.check.SubsectionResult r : time.results()) {
            double ratio = r.currentMedian() / r.baselineMedian();
            if (ratio > 0 && Double.isFinite(ratio)) {
                slowdowns.put(r.key(), direction == org.perfregression.check.Direction.HIGHER_IS_BETTER ? 1 / ratio : ratio);
            }
        }
        return slowdowns;
    }

    /** One sample per fork: its bytes per operation. */
    private static PerformanceData forkFigures(Map<SubsectionKey, double[]> figures) {
        PerformanceData.Builder builder = PerformanceData.builder();
        figures.forEach((key, forks) -> builder.add(key.section(), key.subsection(), forks));
        return builder.build();
    }

    /** The baseline side of {@code pair} as compared: cut to what the current side measured where only that is compared. */
    private PerformanceData baselineData(BenchmarkPair pair) {
        PerformanceData current = firstMeasurement(pair.current());
        return measuredOnly ? pair.baseline().data().select(k -> current.has(k.section(), k.subsection()))
                : pair.baseline().data();
    }

    /**
     * {@code pairs} with more first-measurement forks where the first test is in doubt, round by round
     * until none is or the budget is spent ({@link #withMoreForks}), and a note that says what was spent.
     */
    private Resolved withDoubtResolved(List<BenchmarkPair> pairs, List<String> notes) throws IOException {
        Doubt planned = null;
        for (int round = 0; ; round++) {
            Doubt doubt = doubt(pairs, planned == null ? null : planned.planned());
            planned = planned == null ? doubt : planned;
            Map<String, Dataset> fresh = doubt.ranked().isEmpty() || round == MAX_DOUBT_ROUNDS ? Map.of()
                    : moreForks.more(doubt.ranked());
            if (fresh.isEmpty()) {
                notes.add(doubtNote(planned, doubt, round));
                return new Resolved(pairs, planned.planned());
            }
            pairs = pairs.stream().map(p -> fresh.containsKey(p.benchmark()) ? p.withCurrent(fresh.get(p.benchmark())) : p)
                    .toList();
        }
    }

    /**
     * One look of the first test for {@link #withMoreForks}: the subsections in doubt, the most
     * doubtful of the whole suite first, and every subsection's current forks.
     */
    private record Doubt(List<SuiteKey> ranked, Map<SuiteKey, Integer> forks, Planned planned) {
    }

    /**
     * What the planned passes said of the whole run, where every subsection had the same forks: the
     * suite's shift and each subsection's change that each benchmark's move is estimated from. The
     * looks after more forks judge against these, not against estimates from the grown data: more
     * forks go to the subsections that looked slowest and pull them back, while those that looked
     * fastest keep their few, so the grown data would lean towards an improvement as a whole.
     */
    private record Planned(RunEffect run, List<List<double[]>> changes) {
    }

    /** The pairs with every fork measured, and what their planned passes said. */
    private record Resolved(List<BenchmarkPair> pairs, Planned planned) {
    }

    /** A look of the first test; {@code planned} null for the first, after the planned passes. */
    private Doubt doubt(List<BenchmarkPair> pairs, Planned planned) {
        FirstLook look = firstLook(pairs, pairs.stream().map(this::baselineData).toList(), new ArrayList<>(), planned);
        List<SuiteKey> keys = new ArrayList<>();
        Map<SuiteKey, Double> doubts = new java.util.HashMap<>();
        Map<SuiteKey, Integer> forks = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            GateOutcome outcome = look.first().get(i);
            String benchmark = pairs.get(i).benchmark();
            for (GateResult r : outcome.inDoubt()) {
                SuiteKey key = new SuiteKey(benchmark, r.key());
                keys.add(key);
                doubts.put(key, outcome.doubt(r));
            }
            outcome.results().forEach(r -> forks.put(new SuiteKey(benchmark, r.key()), r.currentForks()));
        }
        keys.sort(Comparator.comparingDouble((SuiteKey k) -> doubts.get(k)).reversed());
        return new Doubt(keys, forks, new Planned(look.run(), look.changes()));
    }

    /** E.g. {@code in doubt after the planned forks ...: 40 subsections; 3 rounds measured 96 more forks of 40 of them; ...}. */
    private static String doubtNote(Doubt planned, Doubt last, int rounds) {
        if (planned.ranked().isEmpty()) {
            return "no subsection in doubt after the planned forks: every interval cleared the floor on the "
                    + "regression side, or was flagged";
        }
        int forks = 0;
        int extended = 0;
        for (Map.Entry<SuiteKey, Integer> e : last.forks().entrySet()) {
            int more = e.getValue() - planned.forks().getOrDefault(e.getKey(), e.getValue());
            forks += more;
            extended += more > 0 ? 1 : 0;
        }
        int atStart = planned.ranked().size();
        int left = last.ranked().size();
        return String.format(java.util.Locale.ROOT, "in doubt after the planned forks (the interval reached past the "
                + "floor on the regression side): %d subsection%s; %d round%s measured %d more fork%s of %d of them; "
                + "%d still in doubt when %s", atStart, atStart == 1 ? "" : "s", rounds, rounds == 1 ? "" : "s", forks,
                forks == 1 ? "" : "s", extended, left, left == 0 ? "none was left" : "the budget ended");
    }

    /** The gate's first test, and what the later steps reuse of the way there. */
    private record FirstLook(List<Map<SubsectionKey, ForkedSamples>> baselines, List<KernelCoefficient> exponents,
            MachinePhase runPhase, List<GateCheck> checks, List<GateOutcome> first, RunEffect run,
            List<List<double[]>> changes) {
    }

    /**
     * The gate's outcomes, and the pairs as they stand after confirmation: their current side with
     * the fresh forks, which allocation counts too.
     */
    private record Gated(List<GateOutcome> outcomes, List<BenchmarkPair> pairs) {
    }

    /** The gate's steps on the whole suite (see the class comment). */
    private Gated gates(List<BenchmarkPair> pairs, List<PerformanceData> baselineData, List<String> notes,
            Planned planned) throws IOException {
        FirstLook look = firstLook(pairs, baselineData, notes, planned);
        List<Map<SubsectionKey, ForkedSamples>> baselines = look.baselines();
        List<KernelCoefficient> exponents = look.exponents();
        MachinePhase runPhase = look.runPhase();
        List<GateCheck> checks = look.checks();
        List<GateOutcome> first = look.first();
        List<org.perfregression.check.Direction> directions = pairs.stream().map(BenchmarkPair::direction).toList();
        Map<String, Dataset> fresh = remeasure == null ? Map.of()
                : remeasured(pairs, first, runPhase != null && runPhase.applied());
        List<Map<SubsectionKey, ForkedSamples>> more = new ArrayList<>();
        List<ForkLayout> moreLayouts = new ArrayList<>();
        List<Set<SubsectionKey>> witnesses = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            Dataset c = fresh.getOrDefault(pairs.get(i).benchmark(), pairs.get(i).current());
            more.add(exponents.get(i).applyTo(forks(c, c.data(), true, pairs.get(i).direction()),
                    pairs.get(i).direction()));
            moreLayouts.add(c.forks());
            Set<SubsectionKey> unflagged = new HashSet<>(more.get(i).keySet());
            first.get(i).results().stream().filter(GateResult::flagged).forEach(r -> unflagged.remove(r.key()));
            witnesses.add(unflagged);
        }
        if (runPhase != null) {
            more = MachinePhase.ofConfirmation(more, moreLayouts, baselines, directions, runPhase, witnesses)
                    .corrected();
        }
        List<GateOutcome> remeasured = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            boolean flagged = first.get(i).results().stream().anyMatch(GateResult::flagged);
            remeasured.add(flagged && !more.get(i).isEmpty()
                    ? checks.get(i).remeasure(first.get(i), baselines.get(i), more.get(i)) : first.get(i));
        }
        double threshold = gate.discoveryThreshold(remeasured.stream().filter(GateOutcome::confirmationRun).toList());
        List<GateOutcome> decided = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            GateOutcome r = remeasured.get(i);
            decided.add(r.confirmationRun() ? checks.get(i).decide(r, threshold) : r);
        }
        return new Gated(decided, pairs.stream().map(p -> fresh.containsKey(p.benchmark())
                ? p.withCurrent(fresh.get(p.benchmark())) : p).toList());
    }

    /**
     * Up to the first test: each side's forks as the gate reads them, the run's effect, each
     * benchmark's check; with {@code planned} (after more forks where in doubt), the run's effect and
     * each benchmark's move estimated from the planned passes.
     */
    private FirstLook firstLook(List<BenchmarkPair> pairs, List<PerformanceData> baselineData, List<String> notes,
            Planned planned) {
        List<Map<SubsectionKey, ForkedSamples>> baselines = new ArrayList<>();
        List<Map<SubsectionKey, ForkedSamples>> currents = new ArrayList<>();
        List<List<double[]>> changes = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            Dataset b = pairs.get(i).baseline();
            Dataset c = pairs.get(i).current();
            for (Dataset d : List.of(b, c)) {
                if (d.forks() == null) {
                    throw new org.perfregression.data.InvalidInputException(d.source() + ": --rule gate needs to know "
                            + "which fork each sample came from: a JMH result file, or PerformanceData with its "
                            + "sidecar's \"forks\" (the main job and ab write them)");
                }
            }
            baselines.add(forks(b, baselineData.get(i), false, pairs.get(i).direction()));
            currents.add(forks(c, c.data(), false, pairs.get(i).direction()));
        }
        // The machine's phases that the calibration kernel missed, from the suite's own forks: the
        // baselines against themselves, the current run against the baselines.
        List<org.perfregression.check.Direction> directions = pairs.stream().map(BenchmarkPair::direction).toList();
        MachinePhase runPhase = null;
        List<KernelCoefficient> exponents = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            exponents.add(gate.gate().correctsDrift()
                    ? KernelCoefficient.fit(List.of(baselines.get(i), currents.get(i))) : KernelCoefficient.ONE);
            baselines.set(i, exponents.get(i).applyTo(baselines.get(i), pairs.get(i).direction()));
            currents.set(i, exponents.get(i).applyTo(currents.get(i), pairs.get(i).direction()));
        }
        if (gate.gate().correctsDrift()) {
            MachinePhase baselinePhase = MachinePhase.of(baselines, layouts(pairs, false), false, null, directions);
            baselines = baselinePhase.corrected();
            runPhase = MachinePhase.of(currents, layouts(pairs, true), false, baselines, directions);
            currents = runPhase.corrected();
            if (baselinePhase.setAside() + runPhase.setAside() > 0) {
                notes.add(phaseNote(runPhase, interleaved ? "the current side" : "this run")
                        + " and " + phaseNote(baselinePhase, interleaved ? "the baseline side" : "the baselines")
                        + String.format(java.util.Locale.ROOT, " set aside: measured in a phase of the machine (%d or more of "
                        + "the %d forks nearest in time ran %.0f%% or more above their own subsections' other forks)",
                        MachinePhase.SLOWED_NEIGHBOURS, MachinePhase.PHASE_NEIGHBOURS, Math.expm1(MachinePhase.SLOWED) * 100));
            }
        }
        List<Map<SubsectionKey, Double>> movements = interleaved ? null : movements(pairs, exponents, baselines, notes);
        for (int i = 0; i < pairs.size(); i++) {
            changes.add(gate.with(pairs.get(i).direction()).changes(baselines.get(i), currents.get(i)));
        }
        // The machine moved every benchmark of the run about alike: one shift for the whole suite, and
        // each benchmark's own move against the rest of it.
        if (planned != null) {
            changes = planned.changes();
        }
        RunEffect run = planned != null ? planned.run() : RunEffect.estimate(changes.stream().flatMap(List::stream).toList());
        List<GateCheck> checks = new ArrayList<>();
        List<GateOutcome> first = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            GateCheck check = gate.with(pairs.get(i).direction()).withMinChangePct(minChangePct(pairs.get(i).benchmark()));
            check = interleaved ? check.sideBySide(baselines.get(i), currents.get(i))
                    : check.withRunEffect(run).withBenchmarkMove(i, changes).withMovement(movements.get(i));
            checks.add(check);
            first.add(check.compare(baselines.get(i), currents.get(i)));
        }
        return new FirstLook(baselines, exponents, runPhase, checks, first, run, changes);
    }

    /**
     * Each benchmark's subsections' movement from run to run in the {@link #withRecordedRuns recorded
     * runs}, their levels read as the comparison reads its sides' (the same calibration exponent; the
     * machine's phases are left in, which only widens the estimate; a subsection in two fork modes
     * aligned onto the main mode of its baseline as the tests read it, each recorded fork's mode read
     * from its level, also where the baseline's modes were told apart by allocation). Over the whole suite at once,
     * so that each recorded run's shift is the suite's.
     */
    private List<Map<SubsectionKey, Double>> movements(List<BenchmarkPair> pairs, List<KernelCoefficient> exponents,
            List<Map<SubsectionKey, ForkedSamples>> baselines, List<String> notes) {
        Map<SuiteKey, org.perfregression.gate.ForkModes> modes = new java.util.HashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            String benchmark = pairs.get(i).benchmark();
            baselines.get(i).forEach((key, b) -> modes.put(new SuiteKey(benchmark, key),
                    gate.gate().modesOf(b, gate.gate().correctsDrift() && b.hasSpeeds())));
        }
        List<Map<SuiteKey, double[]>> runs = new ArrayList<>();
        for (Map<String, Dataset> recorded : recordedRuns) {
            Map<SuiteKey, double[]> levels = new java.util.LinkedHashMap<>();
            for (int i = 0; i < pairs.size(); i++) {
                BenchmarkPair pair = pairs.get(i);
                Dataset d = recorded.get(pair.benchmark());
                if (d == null || d.forks() == null || !java.util.Objects.equals(d.unit(), pair.current().unit())) {
                    continue;
                }
                exponents.get(i).applyTo(forks(d, d.data(), false, pair.direction()), pair.direction()).forEach((key, f) ->
                        levels.put(new SuiteKey(pair.benchmark(), key), f.levels(gate.gate().correctsDrift() && f.hasSpeeds())));
            }
            runs.add(levels);
        }
        Map<SuiteKey, Double> movement = RunMovement.estimate(runs, modes);
        if (!recordedRuns.isEmpty()) {
            notes.add(RunMovement.describe(movement, recordedRuns.size()));
        }
        List<Map<SubsectionKey, Double>> byBenchmark = new ArrayList<>();
        for (BenchmarkPair pair : pairs) {
            Map<SubsectionKey, Double> own = new java.util.HashMap<>();
            movement.forEach((key, v) -> {
                if (key.benchmark().equals(pair.benchmark())) {
                    own.put(key.key(), v);
                }
            });
            byBenchmark.add(own);
        }
        return byBenchmark;
    }

    /** E.g. {@code 38 of 564 forks of this run}. */
    private static String phaseNote(MachinePhase phase, String side) {
        return String.format(java.util.Locale.ROOT, "%d of %d forks of %s", phase.setAside(), phase.forks(), side);
    }

    /** Each pair's fork layout of one side. */
    private static List<ForkLayout> layouts(List<BenchmarkPair> pairs, boolean current) {
        return pairs.stream().map(p -> (current ? p.current() : p.baseline()).forks()).toList();
    }

    /** The forks of {@code data} (first measurement or confirmation) as the gate reads them. */
    private static Map<SubsectionKey, ForkedSamples> forks(Dataset side, PerformanceData data, boolean confirmation,
            org.perfregression.check.Direction direction) {
        return side.forks().split(data, confirmation, side.source(), direction);
    }

    /** Runs the re-measure step on the suite's flags, the largest changes relative to their MDC first. */
    private Map<String, Dataset> remeasured(List<BenchmarkPair> pairs, List<GateOutcome> first, boolean withWitnesses)
            throws IOException {
        List<GateResult> flagged = new ArrayList<>();
        List<String> benchmarks = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            for (GateResult r : first.get(i).results()) {
                if (r.flagged()) {
                    flagged.add(r);
                    benchmarks.add(pairs.get(i).benchmark());
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < flagged.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> flagged.get(i).severity()).reversed());
        List<SuiteKey> chosen = new ArrayList<>(order.stream().limit(confirmMax)
                .map(i -> new SuiteKey(benchmarks.get(i), flagged.get(i).key())).toList());
        // Allocation is re-measured too where places are left: escape analysis settles per JVM, and
        // fresh forks in the baselines' mode take a split's verdict away; a real change stays. First
        // the subsections whose forks all lie outside the baseline's modes, as many above as below,
        // which no verdict settles: with the verdicts of a real change there are hundreds.
        allocationToSettle(pairs).stream().filter(k -> !chosen.contains(k))
                .limit(Math.max(0, confirmMax - chosen.size())).forEach(chosen::add);
        if (chosen.isEmpty()) {
            return Map.of();
        }
        // Unflagged subsections re-measured beside the flags, at random: the machine's phase during
        // confirmation is read from them (a phase in which the flagged forks ran slow would otherwise
        // confirm them). As many as the flags, and at least WITNESSES; none where the run itself had
        // too few forks to be corrected (a plugin module of a dozen combinations).
        List<SuiteKey> unflagged = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            for (GateResult r : first.get(i).results()) {
                if (!r.flagged() && !chosen.contains(new SuiteKey(pairs.get(i).benchmark(), r.key()))) {
                    unflagged.add(new SuiteKey(pairs.get(i).benchmark(), r.key()));
                }
            }
        }
        List<SuiteKey> witnesses = new ArrayList<>();
        if (withWitnesses) {
            java.util.Collections.shuffle(unflagged, new java.util.Random(chosen.hashCode()));
            witnesses.addAll(unflagged.subList(0, Math.min(unflagged.size(), Math.max(WITNESSES, chosen.size()))));
        }
        return remeasure.fresh(chosen, witnesses);
    }

    /**
     * The subsections whose allocation is unsettled ({@link AllocationCheck#unsettled}), then those
     * with a verdict, on the first measurement's forks, suite-wide.
     */
    private List<SuiteKey> allocationToSettle(List<BenchmarkPair> pairs) {
        List<SuiteKey> unsettled = new ArrayList<>();
        List<SuiteKey> verdicts = new ArrayList<>();
        for (BenchmarkPair pair : pairs) {
            AllocationFigures figures = allocationFigures(pair);
            if (figures != null && !figures.baseline().isEmpty()) {
                AllocationCheck check = allocation.withExactFigures(figures.scope().exact());
                check.unsettled(figures.baseline(), figures.current())
                        .forEach(key -> unsettled.add(new SuiteKey(pair.benchmark(), key)));
                // At the time per operation of the baseline: a slower operation's share only adds re-measures.
                check.compare(figures.baseline(), figures.current(), Map.of(), gate.gate()).results().stream()
                        .filter(r -> r.verdict() != org.perfregression.check.Verdict.NO_CHANGE)
                        .forEach(r -> verdicts.add(new SuiteKey(pair.benchmark(), r.key())));
            }
        }
        unsettled.addAll(verdicts);
        return unsettled;
    }

    /** The fewest unflagged subsections re-measured beside the flags (each in as many fresh forks). */
    public static final int WITNESSES = 8;

    /**
     * The samples of a run's first measurement: a main job's results also hold confirmation forks,
     * which re-measure flags and must not count twice.
     */
    public static PerformanceData firstMeasurement(Dataset data) {
        return data.forks() == null ? data.data() : data.forks().firstMeasurement(data.data(), data.source());
    }
}
