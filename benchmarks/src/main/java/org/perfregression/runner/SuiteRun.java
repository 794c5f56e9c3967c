package org.perfregression.runner;

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
import org.perfregression.jmh.fork.JmhForks;
import org.perfregression.platform.MachineLoad;
import org.perfregression.suite.Calibration;
import org.perfregression.suite.SuiteSettings;

/**
 * Runs the suite on JMH as randomized interleaved passes (Abedi and Brecht, ICPE 2017): each pass
 * runs one fork of every combination, in a fresh random order, so that a slow phase of a shared
 * machine hits one fork of many combinations instead of every fork of a few. Every fork runs the
 * {@link Calibration} kernel beside its samples. JMH's JSON (all forks of a combination as one
 * result, in pass order), the fork log ({@code forks.json}: pass, start, other processes' CPU) and
 * JMH's full log go to the results folder; the terminal gets one progress line per fork.
 *
 * <p>Flagged subsections can then be {@linkplain #confirm re-measured} in fresh forks.
 */
final class SuiteRun {

    /** Quick mode: one fork, ranks 2 and 5, short iterations; a smoke test, not a measurement. */
    static final String[] QUICK_RANKS = {"2", "5"};

    /** After this many forks the run's calibration is compared with the baselines' (machine check). */
    static final int MACHINE_CHECK_FORKS = 40;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Sees the calibration times measured so far, once, early in the run; may stop it by throwing. */
    interface SpeedCheck {
        void check(double[] calibrationNs);
    }

    /** One fork as the fork log records it. */
    record ForkEntry(String benchmark, String section, String subsection, int pass, boolean confirmation,
            long startedMillis, double otherCpuPct) {
    }

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

    /**
     * @param defaultPasses forks per combination unless the user gave {@code -f}
     */
    SuiteRun(CommandLineOptions jmh, boolean quick, ResultsFolder folder, int defaultPasses) {
        this.folder = folder;
        this.base = options(jmh, quick);
        this.combinations = combinations(base);
        this.passes = quick ? jmh.getForkCount().orElse(1) : jmh.getForkCount().orElse(defaultPasses);
        if (passes < 1) {
            throw new InvalidInputException("-f " + passes + ": the suite needs at least one forked JVM per "
                    + "combination (its compile-time arguments are per JVM)");
        }
        this.seed = System.nanoTime();
        this.classSharing = jmh.getJvm().hasValue() ? ClassSharing.off() : ClassSharing.forThisJvm();
        if (combinations.isEmpty()) {
            throw new BenchmarkFailure("no benchmark matches " + base.getIncludes()
                    + " (java -jar benchmarks.jar -l lists them)");
        }
    }

    /** The JMH options of this run, before the per-fork ones. */
    private static Options options(CommandLineOptions jmh, boolean quick) {
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(jmh).shouldFailOnError(true);
        if (jmh.getIncludes().isEmpty()) {
            builder.include(SuiteLayout.DEFAULT_INCLUDE);
        }
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
            if (!jmh.getParameter("rank").hasValue()) {
                builder.param("rank", QUICK_RANKS);
            }
        }
        return builder.build();
    }

    int passes() {
        return passes;
    }

    /**
     * Every (benchmark, parameters) this run must produce, placed by the same mapping that files the
     * results.
     */
    static List<Combination> combinations(Options options) {
        return JmhForks.combinations(options).stream().map(c -> new Combination(c, new SuiteKey(c.method(),
                SuiteLayout.MAPPING.key(c.shortName(), c.mode(), c.params())))).toList();
    }

    /** The keys every combination files its samples under. */
    List<SuiteKey> expected() {
        return combinations.stream().map(Combination::key).toList();
    }

    /**
     * Runs every pass.
     *
     * @param speedCheck called once after {@link #MACHINE_CHECK_FORKS} forks (or at the end of a
     *     shorter run) with the calibration times so far; null for none
     * @throws BenchmarkFailure naming the benchmark that failed
     */
    void run(PrintStream terminal, SpeedCheck speedCheck) throws IOException {
        int total = combinations.size() * passes;
        terminal.println("Running " + combinations.size() + " benchmark combinations x " + passes + " fork"
                + (passes == 1 ? "" : "s") + " as " + passes + " interleaved pass" + (passes == 1 ? "" : "es")
                + " in random order (seed " + seed + "); JMH's log: " + folder.jmhLog());
        writePlan();
        Random random = new Random(seed);
        try (ForkRunner runner = new ForkRunner(terminal, total, false)) {
            boolean checked = speedCheck == null;
            for (int pass = 1; pass <= passes; pass++) {
                List<Combination> order = new ArrayList<>(combinations);
                Collections.shuffle(order, random);
                for (Combination c : order) {
                    runner.fork(c, pass, "pass " + pass + "/" + passes);
                    if (!checked && runner.done() >= Math.min(MACHINE_CHECK_FORKS, total)) {
                        checked = true;
                        speedCheck.check(calibrationSoFar());
                    }
                }
            }
        }
        writeResults();
    }

    /**
     * Re-measures {@code keys} in {@code forksEach} fresh forks each, interleaved in random order,
     * and adds them to the results as confirmation forks.
     */
    void confirm(List<SuiteKey> keys, int forksEach, PrintStream terminal) throws IOException {
        List<Combination> chosen = combinations.stream().filter(c -> keys.contains(c.key())).toList();
        int total = chosen.size() * forksEach;
        terminal.println("Confirming " + chosen.size() + " flagged subsection" + (chosen.size() == 1 ? "" : "s")
                + " in " + forksEach + " fresh forks each (" + total + " forks)");
        Random random = new Random(seed + 1);
        try (ForkRunner runner = new ForkRunner(terminal, total, true)) {
            for (int round = 1; round <= forksEach; round++) {
                List<Combination> order = new ArrayList<>(chosen);
                Collections.shuffle(order, random);
                for (Combination c : order) {
                    runner.fork(c, passes + round, "confirm " + round + "/" + forksEach);
                }
            }
        }
        writeResults();
    }

    private double[] calibrationSoFar() {
        return forks.values().stream().flatMap(List::stream)
                .flatMap(r -> r.getIterationResults().stream())
                .map(r -> r.getSecondaryResults().get(Calibration.METRIC))
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
                if (!iteration.getSecondaryResults().containsKey(Calibration.METRIC)) {
                    throw new BenchmarkFailure("benchmark " + c.describe() + ": an iteration has no calibration time");
                }
            }
        }
    }

    /**
     * One fork of one combination. The JVM arguments are the suite's, then the user's
     * {@code -jvmArgsAppend} (JMH would otherwise drop the suite's {@code @Fork} arguments whenever the
     * user appends any), then the class-data-sharing archive.
     */
    private Options forkOptions(Combination c) {
        List<String> jvmArgs = new ArrayList<>(List.of(SuiteSettings.GC, SuiteSettings.MIN_HEAP, SuiteSettings.MAX_HEAP));
        jvmArgs.addAll(base.getJvmArgsAppend().orElse(List.of()));
        jvmArgs.addAll(classSharing.nextForkArgs());
        return JmhForks.oneFork(base, c.jmh())
                .jvmArgsAppend(jvmArgs.toArray(new String[0]))
                .addProfiler(Calibration.class)
                .build();
    }

    /** A benchmark threw, or nothing matched: the run is unusable (exit code 2). */
    static final class BenchmarkFailure extends InvalidInputException {

        private static final long serialVersionUID = 1L;

        BenchmarkFailure(String message) {
            super(message);
        }
    }
}
