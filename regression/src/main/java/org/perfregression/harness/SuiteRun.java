package org.perfregression.harness;

import org.perfregression.analysis.SuiteKey;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.perfregression.data.AtomicFiles;
import org.perfregression.data.InvalidInputException;
import org.perfregression.jmh.BenchmarkName;
import org.perfregression.jmh.JmhMapping;
import org.perfregression.jmh.fork.JmhForks;
import org.perfregression.platform.MachineLoad;

/**
 * Runs the suite on JMH as randomized interleaved passes (Abedi and Brecht, ICPE 2017): each pass
 * runs one fork of every combination, in a fresh random order, so that a slow phase of a shared
 * machine hits one fork of many combinations instead of every fork of a few. Every fork runs the
 * {@link CalibrationProfiler} kernel beside its samples. JMH's JSON (all forks of a combination as one
 * result, in pass order), the fork log ({@code forks.json}: pass, start, other processes' CPU) and
 * JMH's full log go to the results folder; the terminal gets one progress line per fork.
 *
 * <p>Flagged subsections can then be {@linkplain #confirm re-measured} in fresh forks.
 */
public final class SuiteRun {

    /** After this many forks the run's calibration is compared with the baselines' (machine check). */
    public static final int MACHINE_CHECK_FORKS = 40;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Sees the calibration times measured so far, once, early in the run; may stop it by throwing. */
    public interface SpeedCheck {
        void check(double[] calibrationNs);
    }

    /** One fork as the fork log records it. */
    public record ForkEntry(String benchmark, String section, String subsection, int pass, boolean confirmation,
            long startedMillis, double otherCpuPct) {
    }

    private final Suite suite;
    private final ResultsFolder folder;
    private final Options base;
    private final List<Combination> combinations;
    private final int passes;
    private final long seed;
    private final Map<SuiteKey, List<BenchmarkResult>> forks = new LinkedHashMap<>();
    private final Map<SuiteKey, BenchmarkParams> params = new LinkedHashMap<>();
    private final List<ForkEntry> forkLog = new ArrayList<>();
    private final MachineLoad load = MachineLoad.ofThisMachine();
    private final ClassSharing classSharing;
    private final Map<String, List<String>> ownJvmArgsAppend;
    /** The budget {@link #moreWhereInDoubt} may spend up to, counted from the start of the first pass; 0 for none. */
    private final double doubtBudgetSeconds;
    private long startedNanos;
    private double plannedForkSeconds = Double.NaN;

    /** {@code defaultPasses} of a comparison run: as many as the suite's budget buys ({@link Suite#budgetSeconds}). */
    public static final int WITHIN_BUDGET = -1;

    /** {@code defaultPasses} of a regeneration: as many as {@link #REGENERATION_BUDGET_FACTOR} budgets buy. */
    public static final int BASELINES_WITHIN_BUDGET = -2;

    /**
     * {@code defaultPasses} of a comparison run that spends part of its budget where the first test
     * is in doubt ({@link #moreWhereInDoubt}): the planned passes take {@link #PLANNED_SHARE} of the
     * budget, at least the suite's forks; without a budget, the suite's forks and nothing more.
     */
    public static final int WITHIN_BUDGET_WHERE_IN_DOUBT = -3;

    /**
     * The share of a comparison's budget its planned passes take when the rest goes where the
     * first test is in doubt: every subsection needs enough forks of its own for its doubt to be
     * judged at all, and a pass over the whole suite keeps every subsection's forks spread over the
     * run's time, which only a pass does (a machine phase then hits one fork of many subsections).
     */
    static final double PLANNED_SHARE = 0.5;

    /**
     * Where the first test is in doubt, a subsection may get forks up to this many times the most
     * the budget buys every subsection ({@link Suite#maxForks}).
     */
    static final int DOUBT_FORKS_FACTOR = 2;

    /**
     * A regeneration may take this many times a comparison's budget, up to this many times the
     * suite's baseline forks: baselines are made once and every later comparison inherits their
     * noise. Measured on the plugin's sample (two benchmarks, one combination each): baselines of 10
     * forks made while other processes took 8 % of the CPU had a fork-to-fork SD of 9.8 % and 4.4 %,
     * and no +10 % slowdown was caught against them in six builds.
     */
    public static final int REGENERATION_BUDGET_FACTOR = 4;

    /** What starting a fork's JVM and loading the benchmark adds to its iterations, measured on the plugin's modules. */
    static final double FORK_START_SECONDS = 0.5;

    /**
     * @param defaultPasses forks per combination unless the user gave {@code -f}, or {@link #WITHIN_BUDGET}
     *     or {@link #BASELINES_WITHIN_BUDGET}
     */
    public SuiteRun(Suite suite, CommandLineOptions jmh, boolean quick, ResultsFolder folder, int defaultPasses) {
        this.suite = suite;
        this.folder = folder;
        this.base = options(suite, jmh, quick);
        this.combinations = combinations(suite, base);
        int planned = switch (defaultPasses) {
            case WITHIN_BUDGET -> passesWithinBudget(base, combinations.size(), suite.budgetSeconds(), suite.forks(),
                    suite.maxForks());
            case WITHIN_BUDGET_WHERE_IN_DOUBT -> passesWithinBudget(base, combinations.size(),
                    PLANNED_SHARE * suite.budgetSeconds(), suite.forks(), suite.maxForks());
            case BASELINES_WITHIN_BUDGET -> passesWithinBudget(base, combinations.size(),
                    REGENERATION_BUDGET_FACTOR * suite.budgetSeconds(), suite.baselineForks(),
                    REGENERATION_BUDGET_FACTOR * suite.baselineForks());
            default -> defaultPasses;
        };
        this.passes = quick ? jmh.getForkCount().orElse(1) : jmh.getForkCount().orElse(planned);
        if (passes < 1) {
            throw new InvalidInputException("-f " + passes + ": the suite needs at least one forked JVM per "
                    + "combination (its compile-time arguments are per JVM)");
        }
        // Only where the budget is the run's: -f or a quick run measure exactly what they say.
        this.doubtBudgetSeconds = defaultPasses == WITHIN_BUDGET_WHERE_IN_DOUBT && !quick && !jmh.getForkCount().hasValue()
                ? suite.budgetSeconds() : 0;
        this.seed = System.nanoTime();
        this.classSharing = jmh.getJvm().hasValue() ? ClassSharing.off() : ClassSharing.forThisJvm();
        this.ownJvmArgsAppend = JmhForks.ownJvmArgsAppend(base);
        if (combinations.isEmpty()) {
            throw new BenchmarkFailure("no benchmark matches " + base.getIncludes()
                    + " (" + suite.command() + " -l lists them)");
        }
    }

    /** The JMH options of this run, before the per-fork ones. */
    private static Options options(Suite suite, CommandLineOptions jmh, boolean quick) {
        ChainedOptionsBuilder builder = suite.restrict(new OptionsBuilder().parent(jmh).shouldFailOnError(true), jmh, quick);
        if (quick) {
            if (!jmh.getWarmupIterations().hasValue()) {
                builder.warmupIterations(5);
            }
            if (!jmh.getWarmupTime().hasValue()) {
                builder.warmupTime(TimeValue.milliseconds(30));
            }
            if (!jmh.getMeasurementIterations().hasValue()) {
                builder.measurementIterations(20);
            }
            if (!jmh.getMeasurementTime().hasValue()) {
                builder.measurementTime(TimeValue.milliseconds(3));
            }
        }
        return builder.build();
    }

    /**
     * The forks per combination that fit {@code budgetSeconds}, from {@code fewest} to {@code most};
     * {@code fewest} without a budget or when a fork's length is not known (iteration counts and
     * times not set).
     */
    static int passesWithinBudget(Options options, int combinations, double budgetSeconds, int fewest, int most) {
        if (budgetSeconds <= 0 || combinations == 0 || !options.getWarmupIterations().hasValue()
                || !options.getWarmupTime().hasValue() || !options.getMeasurementIterations().hasValue()
                || !options.getMeasurementTime().hasValue()) {
            return fewest;
        }
        double forkSeconds = FORK_START_SECONDS
                + options.getWarmupIterations().get() * seconds(options.getWarmupTime().get())
                + options.getMeasurementIterations().get() * seconds(options.getMeasurementTime().get());
        int fit = (int) Math.floor(budgetSeconds / (combinations * forkSeconds));
        return Math.max(fewest, Math.min(most, fit));
    }

    private static double seconds(TimeValue time) {
        return time.convertTo(java.util.concurrent.TimeUnit.NANOSECONDS) / 1e9;
    }

    public int passes() {
        return passes;
    }

    /**
     * Every (benchmark, parameters) this run must produce, placed by the same mapping that files the
     * results.
     */
    public static List<Combination> combinations(Suite suite, Options options) {
        List<org.perfregression.jmh.fork.JmhCombination> all = JmhForks.combinations(options);
        JmhMapping mapping = suite.mapping().withQualifiedWhereNeeded(
                all.stream().map(org.perfregression.jmh.fork.JmhCombination::benchmark).toList());
        return all.stream().map(c -> new Combination(c, new SuiteKey(BenchmarkName.dataset(c.benchmark(), c.mode()),
                mapping.key(c.benchmark(), c.mode(), c.params())))).toList();
    }

    /** The keys every combination files its samples under. */
    public List<SuiteKey> expected() {
        return combinations.stream().map(Combination::key).toList();
    }

    /**
     * Runs every pass.
     *
     * @param speedCheck called once after {@link #MACHINE_CHECK_FORKS} forks (or at the end of a
     *     shorter run) with the calibration times so far; null for none
     * @throws BenchmarkFailure naming the benchmark that failed
     */
    public void run(PrintStream terminal, SpeedCheck speedCheck) throws IOException {
        run(terminal, speedCheck, Map.of());
    }

    /**
     * Runs every pass, and {@code more} forks of the subsections it names, as further passes of the
     * first measurement placed at random among the planned passes' forks ({@link NoisyForks}): so
     * that a noisy subsection's forks are spread over the whole run as the others' are, not measured
     * together at its end, where one phase of the machine could hold them all.
     */
    public void run(PrintStream terminal, SpeedCheck speedCheck, Map<SuiteKey, Integer> more) throws IOException {
        Random random = new Random(seed);
        List<Fork> order = new ArrayList<>();
        for (int pass = 1; pass <= passes; pass++) {
            List<Combination> passOrder = new ArrayList<>(combinations);
            Collections.shuffle(passOrder, random);
            for (Combination c : passOrder) {
                order.add(new Fork(c, pass, "pass " + pass + "/" + passes));
            }
        }
        int added = 0;
        for (Combination c : combinations) {
            int forksMore = more.getOrDefault(c.key(), 0);
            for (int k = 1; k <= forksMore; k++) {
                order.add(random.nextInt(order.size() + 1), new Fork(c, passes + k, "noisy " + k + "/" + forksMore));
                added++;
            }
            extraPasses = Math.max(extraPasses, forksMore);
        }
        int total = order.size();
        terminal.println("Running " + combinations.size() + " benchmark combinations x " + passes + " fork"
                + (passes == 1 ? "" : "s") + " as " + passes + " interleaved pass" + (passes == 1 ? "" : "es")
                + (added > 0 ? ", and " + added + " more forks of " + more.size() + " noisy subsection"
                        + (more.size() == 1 ? "" : "s") + " among them," : "")
                + " in random order (seed " + seed + "); JMH's log: " + folder.jmhLog());
        writePlan();
        startedNanos = System.nanoTime();
        try (ForkRunner runner = new ForkRunner(terminal, total, false)) {
            boolean checked = speedCheck == null;
            for (Fork f : order) {
                runner.fork(f.combination(), f.pass(), f.phase());
                if (!checked && runner.done() >= Math.min(MACHINE_CHECK_FORKS, total)) {
                    checked = true;
                    speedCheck.check(calibrationSoFar());
                }
            }
        }
        plannedForkSeconds = secondsSinceStart() / total;
        writeResults();
    }

    /** One fork of a run's plan: which combination, as which pass, and what the progress line calls it. */
    private record Fork(Combination combination, int pass, String phase) {
    }

    private double secondsSinceStart() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Whether this run spends the rest of its budget where the first test is in doubt ({@link #moreWhereInDoubt}). */
    public boolean spendsWhereInDoubt() {
        return doubtBudgetSeconds > 0;
    }

    /**
     * One more fork, as a further pass of the first measurement, of each of {@code inDoubt} in its
     * order (the most doubtful first) that the rest of the budget buys at the planned passes' measured
     * time per fork, skipping those at {@link #DOUBT_FORKS_FACTOR} times the suite's most forks;
     * returns how many forks it ran: 0 once the budget is spent.
     */
    public int moreWhereInDoubt(List<SuiteKey> inDoubt, PrintStream terminal) throws IOException {
        double left = doubtBudgetSeconds - secondsSinceStart();
        int affordable = spendsWhereInDoubt() && plannedForkSeconds > 0 ? (int) Math.floor(left / plannedForkSeconds) : 0;
        List<SuiteKey> chosen = inDoubt.stream()
                .filter(k -> forks.getOrDefault(k, List.of()).size() < DOUBT_FORKS_FACTOR * suite.maxForks())
                .limit(Math.max(0, affordable)).toList();
        if (chosen.isEmpty()) {
            return 0;
        }
        more(chosen, 1, terminal, false, String.format(java.util.Locale.ROOT, "In doubt (the interval reaches past the "
                + "floor): one more fork of %d of %d subsection%s, most doubtful first, %.0f s of the budget left",
                chosen.size(), inDoubt.size(), inDoubt.size() == 1 ? "" : "s", left), "doubt");
        return chosen.size();
    }

    /**
     * Re-measures {@code keys} and {@code witnesses} in {@code forksEach} fresh forks each, interleaved
     * in random order, and adds them to the results as confirmation forks.
     */
    public void confirm(List<SuiteKey> keys, List<SuiteKey> witnesses, int forksEach, PrintStream terminal)
            throws IOException {
        List<SuiteKey> all = new ArrayList<>(keys);
        witnesses.stream().filter(w -> !keys.contains(w)).forEach(all::add);
        more(all, forksEach, terminal, true, "Confirming " + keys.size() + " flagged subsection"
                + (keys.size() == 1 ? "" : "s") + (all.size() > keys.size() ? " beside " + (all.size() - keys.size())
                + " unflagged ones that read the machine's phase meanwhile," : "") + " in " + forksEach
                + " fresh forks each", "confirm");
    }

    /**
     * Measures {@code keys} in {@code forksEach} more forks each, as further passes of the first
     * measurement: for subsections whose forks disagree (a benchmark with distinct JIT modes), so
     * that the mix of modes is estimated from more forks.
     */
    public void extend(List<SuiteKey> keys, int forksEach, PrintStream terminal) throws IOException {
        more(keys, forksEach, terminal, false, "Measuring " + keys.size() + " subsection" + (keys.size() == 1 ? "" : "s")
                + " whose forks disagree in " + forksEach + " more forks each", "more");
    }

    /**
     * Measures each of {@code forks}' subsections in as many more forks as it says, as further passes
     * of the first measurement, round by round: forks measured while the machine was in a phase
     * ({@link PhaseRetakes}, {@code phase} "retake"), a regeneration's noisy subsections
     * ({@link NoisyForks}, "noisy").
     */
    public void extend(Map<SuiteKey, Integer> forks, String what, String phase, PrintStream terminal)
            throws IOException {
        int most = forks.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<List<SuiteKey>> rounds = new ArrayList<>();
        for (int round = 1; round <= most; round++) {
            int r = round;
            rounds.add(forks.entrySet().stream().filter(e -> e.getValue() >= r).map(Map.Entry::getKey).toList());
        }
        more(rounds, terminal, false, what, phase);
    }

    private void more(List<SuiteKey> keys, int forksEach, PrintStream terminal, boolean confirmation, String what,
            String phase) throws IOException {
        more(Collections.nCopies(forksEach, keys), terminal, confirmation, what, phase);
    }

    /** One interleaved pass per round, over the subsections it names, in random order. */
    private void more(List<List<SuiteKey>> rounds, PrintStream terminal, boolean confirmation, String what,
            String phase) throws IOException {
        List<List<Combination>> chosen = rounds.stream().map(keys -> {
            java.util.Set<SuiteKey> wanted = java.util.Set.copyOf(keys);
            return combinations.stream().filter(c -> wanted.contains(c.key())).toList();
        }).toList();
        int total = chosen.stream().mapToInt(List::size).sum();
        terminal.println(what + " (" + total + " forks)");
        Random random = new Random(seed + 1 + extraPasses);
        try (ForkRunner runner = new ForkRunner(terminal, total, confirmation)) {
            for (int round = 1; round <= chosen.size(); round++) {
                List<Combination> order = new ArrayList<>(chosen.get(round - 1));
                Collections.shuffle(order, random);
                extraPasses++;
                for (Combination c : order) {
                    runner.fork(c, passes + extraPasses, phase + " " + round + "/" + chosen.size());
                }
            }
        }
        writeResults();
    }

    /** Passes run after the planned ones (more forks, confirmation), so that every pass number is its own. */
    private int extraPasses;

    private double[] calibrationSoFar() {
        return forks.values().stream().flatMap(List::stream)
                .flatMap(r -> r.getIterationResults().stream())
                .map(r -> r.getSecondaryResults().get(CalibrationProfiler.METRIC))
                .filter(r -> r != null)
                .mapToDouble(Result::getScore).toArray();
    }

    /** What this run will measure, before it starts: a combination that then fails is missing from the results. */
    private void writePlan() throws IOException {
        List<Map<String, String>> plan = new ArrayList<>();
        for (SuiteKey key : expected()) {
            plan.add(Map.of("benchmark", key.benchmark(), "section", key.key().section(),
                    "subsection", key.key().subsection()));
        }
        AtomicFiles.write(folder.plan(), JSON.writeValueAsString(plan) + "\n", AtomicFiles.WriteMode.REPLACE);
    }

    /** JMH's JSON with every fork of a combination in one result, and the fork log. */
    private void writeResults() throws IOException {
        List<RunResult> merged = new ArrayList<>();
        for (Combination c : combinations) {
            List<BenchmarkResult> results = forks.get(c.key());
            if (results != null) {
                merged.add(new RunResult(params.get(c.key()), results));
            }
        }
        ResultFormatFactory.getInstance(ResultFormatType.JSON, folder.jmhResult().toString()).writeOut(merged);
        AtomicFiles.write(folder.forkLog(), JSON.writeValueAsString(forkLog) + "\n", AtomicFiles.WriteMode.REPLACE);
    }

    /** Runs single forks with one JMH log and one progress display. */
    private final class ForkRunner implements AutoCloseable {

        private final PrintStream logStream;
        private final Progress progress;
        private final boolean confirmation;

        ForkRunner(PrintStream terminal, int total, boolean confirmation) throws IOException {
            this.logStream = new PrintStream(new FileOutputStream(folder.jmhLog().toFile(), true), true,
                    StandardCharsets.UTF_8);
            OutputFormat log = OutputFormatFactory.createFormatInstance(logStream,
                    base.verbosity().orElse(VerboseMode.NORMAL));
            this.progress = new Progress(log, terminal, total);
            this.confirmation = confirmation;
        }

        int done() {
            return progress.started();
        }

        void fork(Combination c, int pass, String phase) {
            progress.phase(phase);
            long started = System.currentTimeMillis();
            load.otherSinceLast();
            Collection<RunResult> results;
            try {
                results = new Runner(forkOptions(c), progress).run();
            } catch (RunnerException e) {
                throw new BenchmarkFailure("benchmark " + c.describe() + " failed: " + JmhForks.rootMessage(e)
                        + " (details in " + folder.jmhLog() + ")");
            }
            double other = load.otherSinceLast();
            if (results.size() != 1 || results.iterator().next().getBenchmarkResults().size() != 1) {
                throw new BenchmarkFailure("benchmark " + c.describe() + ": expected one fork's result, JMH returned "
                        + results.size() + " results (details in " + folder.jmhLog() + ")");
            }
            RunResult result = results.iterator().next();
            checkCalibrated(c, result);
            forks.computeIfAbsent(c.key(), k -> new ArrayList<>()).addAll(result.getBenchmarkResults());
            params.putIfAbsent(c.key(), result.getParams());
            forkLog.add(new ForkEntry(c.key().benchmark(), c.key().key().section(), c.key().key().subsection(), pass,
                    confirmation, started, other));
        }

        @Override
        public void close() {
            logStream.close();
        }
    }

    private static void checkCalibrated(Combination c, RunResult result) {
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                if (!iteration.getSecondaryResults().containsKey(CalibrationProfiler.METRIC)) {
                    throw new BenchmarkFailure("benchmark " + c.describe() + ": an iteration has no calibration time");
                }
            }
        }
    }

    /**
     * One fork of one combination. The JVM arguments are the suite's, then the benchmark's own
     * {@code @Fork(jvmArgsAppend)}, then the user's {@code -jvmArgsAppend} (JMH would drop the
     * benchmark's own whenever anything is appended), then the class-data-sharing archive.
     */
    private Options forkOptions(Combination c) {
        List<String> jvmArgs = new ArrayList<>(suite.forkJvmArgs());
        jvmArgs.addAll(ownJvmArgsAppend.getOrDefault(c.benchmark(), List.of()));
        jvmArgs.addAll(base.getJvmArgsAppend().orElse(List.of()));
        jvmArgs.addAll(classSharing.nextForkArgs());
        return JmhForks.oneFork(base, c.jmh())
                .jvmArgsAppend(jvmArgs.toArray(new String[0]))
                .addProfiler(CalibrationProfiler.class)
                // Bytes the benchmark's threads allocate per operation, read outside the measured window:
                // gated exactly (allocation.AllocationCheck).
                .addProfiler(org.perfregression.jmh.fork.ThreadAllocationProfiler.class)
                .build();
    }

    /** A benchmark threw, or nothing matched: the run is unusable (exit code 2). */
    public static final class BenchmarkFailure extends InvalidInputException {

        private static final long serialVersionUID = 1L;

        public BenchmarkFailure(String message) {
            super(message);
        }
    }
}
