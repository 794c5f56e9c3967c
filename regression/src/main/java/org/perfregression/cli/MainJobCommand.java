package org.perfregression.cli;

import org.perfregression.analysis.SuiteKey;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.perfregression.analysis.BenchmarkPair;
import org.perfregression.analysis.SuiteComparison;
import org.perfregression.check.Direction;
import org.perfregression.input.Baselines;
import org.perfregression.input.Dataset;
import org.perfregression.history.HistoryBaseline;
import org.perfregression.history.HistoryStore;
import org.perfregression.gate.ForkGate;
import org.perfregression.harness.BaselineCoverage;
import org.perfregression.harness.BaselineQuality;
import org.perfregression.harness.GroundTruth;
import org.perfregression.harness.NoisyForks;
import org.perfregression.harness.PhaseRetakes;
import org.perfregression.harness.Provenance;
import org.perfregression.harness.ResultsFolder;
import org.perfregression.harness.Suite;
import org.perfregression.harness.SuiteResults;
import org.perfregression.harness.SuiteRun;
import org.perfregression.harness.WarmupCheck;
import org.perfregression.input.Sidecar;
import org.perfregression.platform.CpuClock;
import org.perfregression.platform.MachineLoad;
import org.perfregression.platform.MachineSpeed;
import org.perfregression.input.BenchmarkFolder;
import org.perfregression.data.FileNames;
import org.perfregression.data.InvalidInputException;
import org.perfregression.platform.Platform;
import org.perfregression.platform.PlatformGuard;
import org.perfregression.platform.PlatformMismatchException;
import org.perfregression.report.ReportFormat;
import org.perfregression.report.ReportSuite;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * The main job of a suite ({@link Suite}): runs it on JMH as interleaved passes, turns the raw
 * samples into PerformanceData, compares them with the ground truth of this platform through the one
 * suite comparison (re-measuring flags in fresh forks) and exits with the verdict; or, with
 * {@code --regenerate-gt}, replaces the baselines as one set. Options this command does not know are
 * JMH's and go to JMH. A suite's main class starts it with {@link #run(Suite, String...)}.
 */
@Command(name = "main-job",
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpWidth = 100,
        description = "Runs the suite on JMH, writes JMH's JSON and one PerformanceData file per benchmark to the "
                + "results folder, compares them with the ground truth of this platform and prints a verdict table "
                + "per benchmark. Any other option is JMH's (a benchmark regex, -f, -i, -wi, -r, -w, -p name=v1,v2, "
                + "-prof gc, -jvmArgsAppend, -l, -lp; -h lists them all).",
        subcommands = {CompareCommand.class, AbCommand.class, ConvertCommand.class})
public final class MainJobCommand implements Callable<Integer> {

    /** JMH options that only list or explain things: handed to JMH as they are. */
    private static final Set<String> JMH_INFORMATIONAL = Set.of("-h", "-l", "-lp", "-lprof", "-lrf");

    @Option(names = "--help", usageHelp = true, description = "Show this help (JMH's options: -h).")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "Show the version.")
    boolean version;

    @Option(names = "--quick", description = "Smoke run: 1 fork, part of the suite, short iterations (about a "
            + "minute). Not a measurement: never use it for baselines.")
    boolean quick;

    @Option(names = "--results-dir", paramLabel = "DIR",
            description = "Where this run's files go (default: results/<date-time>).")
    Path resultsDir;

    @Option(names = "--from-results", paramLabel = "DIR",
            description = "Do not run: take the JMH results of an earlier run from DIR (its jmh-result.json).")
    Path fromResults;

    @Option(names = "--gt-dir", paramLabel = "DIR",
            description = "The ground-truth folder (default: ${DEFAULT-VALUE}).")
    Path gtDir;

    @Option(names = "--platform", paramLabel = "NAME",
            description = "Baselines to use or write (default: this machine's id, e.g. linux-amd64-2cpu-jdk17).")
    String platform;

    @Option(names = "--baseline", paramLabel = "SOURCE",
            description = "What the run is judged against: gt (the ground truth in --gt-dir) or history (this "
                    + "machine's recent runs in the history, --history, default " + DEFAULT_HISTORY + "). Default: gt; "
                    + "history on a machine the ground truth has no baselines for, unless CI=true or --gt-dir or "
                    + "--platform is given.")
    String baselineSource;

    @Option(names = "--baseline-runs", paramLabel = "N",
            description = "With --baseline history: each subsection's baseline is its last N runs since its last "
                    + "change point (default: ${DEFAULT-VALUE}).")
    int baselineRuns = HistoryBaseline.DEFAULT_MAX_RUNS;

    @Option(names = "--regenerate-gt",
            description = "Write this run's samples as the baselines of the platform and show what changed.")
    boolean regenerate;

    @Option(names = "--force", description = "With --regenerate-gt: replace existing baselines.")
    boolean force;

    @Option(names = "--partial", description = "With --regenerate-gt: the run may measure part of the suite (a regex, "
            + "-p); only its subsections are replaced, every other baseline is kept. Without it a regeneration must "
            + "measure every combination.")
    boolean partial;

    @Option(names = "--format", paramLabel = "FORMAT[=FILE]",
            description = "Another report of the whole suite: text, json, markdown, junit, html, or the current run for a "
                    + "dashboard: github-action-benchmark or bencher; to FILE (default: "
                    + "report.<ext> in the results folder). Repeatable. The text report always goes to the terminal "
                    + "and report.txt, the JSON one to report.json.")
    List<String> formats = new ArrayList<>();

    @Mixin
    PlatformOptions platformOptions = new PlatformOptions();

    @Mixin
    RuleOptions rule;

    @Mixin
    GateOptions gateOptions = new GateOptions();

    @Mixin
    HistoryOptions history = new HistoryOptions();

    @Unmatched
    List<String> jmhArgs = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Suite suite;

    private MainJobCommand(Suite suite) {
        this.suite = suite;
        this.gtDir = suite.defaultGtDir();
    }

    /**
     * Runs the main job of {@code suite} with the command line {@code args} and returns its exit
     * code. JMH's listing options ({@code -h}, {@code -l}, ...) are JMH's to answer.
     */
    public static int run(Suite suite, String... args) throws Exception {
        if (Arrays.stream(args).anyMatch(JMH_INFORMATIONAL::contains)) {
            org.openjdk.jmh.Main.main(args);
            return ExitCode.OK;
        }
        CommandLine commandLine = commandLine(suite);
        return Main.execute(commandLine, args);
    }

    /** The main job's command line for {@code suite}, with this project's error handling; JMH's options pass through. */
    public static CommandLine commandLine(Suite suite) {
        CommandLine commandLine = Main.newCommandLine(new MainJobCommand(suite));
        // Errors read "benchmarks.jar: error: ...", as the user's command ends.
        commandLine.setCommandName(suite.command().substring(suite.command().lastIndexOf(' ') + 1));
        commandLine.setUnmatchedArgumentsAllowed(true);
        commandLine.setUnmatchedOptionsArePositionalParams(true);
        String c = suite.command();
        commandLine.getCommandSpec().usageMessage().footer("", "Examples:",
                "  " + c + "                      the whole suite against the ground truth",
                "  " + c + " --quick              a one-minute smoke run",
                "  " + c + " REGEX -p name=v1,v2  part of the suite",
                "  " + c + " --regenerate-gt      new baselines for this platform",
                "  " + c + " compare -b B.json -c C.json",
                "  " + c + " ab --baseline-jar old.jar --current-jar new.jar REGEX",
                "", ExitCode.HELP);
        return commandLine;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        history.requireConsistent(null);
        history.prepare();
        if (regenerate && history.db != null) {
            throw new InvalidInputException("--history with --regenerate-gt: the history records runs that were "
                    + "compared; record the baselines' folder with history record if you want them there");
        }
        if (regenerate && quick) {
            throw new InvalidInputException("--regenerate-gt with --quick: baselines must be measured with the "
                    + "default settings, a quick run has too few samples");
        }
        if ((force || partial) && !regenerate) {
            throw new InvalidInputException((force ? "--force" : "--partial") + " only makes sense with --regenerate-gt");
        }
        if (gateOptions.rule.interleaved()) {
            throw new InvalidInputException("--interleaved is for ab and compare: the main job compares with baselines "
                    + "measured at another time, whose run shift it must estimate");
        }
        ForkGate forkGate = gateOptions.gate();
        gateOptions.rule.acceptances(); // a mistake in them is named before a ten-minute run, not after
        gateOptions.rule.thresholds();
        CommandLineOptions jmh = parseJmh(jmhArgs);
        String platformName = FileNames.requirePlain(platform != null ? platform : Platform.current().id(), "--platform");
        GroundTruth gt = new GroundTruth(gtDir, stagingHook()).describingWith(rule.check());
        Baselines baselines = null;
        boolean rolling = !regenerate && rollingBaseline(baselineSource, gt.has(platformName), "true".equals(System.getenv("CI")),
                spec.commandLine().getParseResult().hasMatchedOption("--gt-dir"), platform != null);
        if (regenerate && baselineSource != null) {
            throw new InvalidInputException("--baseline with --regenerate-gt: a regeneration writes baselines, it "
                    + "is judged against none");
        }
        if (baselineRuns < 1) {
            throw new InvalidInputException("--baseline-runs " + baselineRuns + ": a baseline needs at least one run");
        }
        if (rolling) {
            baselines = historyBaselines(platformName, out);
            if (baselines != null) {
                requireUnitAndMode(jmh, baselines);
            }
        } else if (regenerate && !force && !partial) {
            gt.requireNoBaselines(platformName);
        } else if (!regenerate) {
            // Before a ten-minute run: is there anything to compare with?
            if (!gt.has(platformName)) {
                throw noBaseline(gt, platformName);
            }
            baselines = gt.load(platformName);
            if (gateOptions.rule.gate() && baselines.layouts().size() < baselines.byBenchmark().size()) {
                throw new PlatformMismatchException("the baselines in " + baselines.where() + " have no fork layout "
                        + "(made before the fork-aware gate): regenerate them with --regenerate-gt --force, or gate "
                        + "with the seed's rule (--rule seed)");
            }
            requireUnitAndMode(jmh, baselines);
        }
        if (regenerate && fromResults == null && !gateOptions.allowBusy) {
            refuseBusy(quietCheck(), "before the run");
        }

        List<String> notes = new ArrayList<>();
        ResultsFolder folder;
        SuiteResults results;
        SuiteRun run = null;
        if (fromResults != null) {
            folder = new ResultsFolder(FileNames.requireFolder(fromResults, "--from-results")).requireOutside(gtDir,
                    "--from-results");
            List<SuiteKey> plan = SuiteResults.readPlan(folder);
            if (plan == null && baselines != null) {
                // Without a plan a failed benchmark looks like one not run: expect everything the baselines have.
                plan = BaselineCoverage.keys(baselines.byBenchmark());
                notes.add(folder.plan() + " is missing: every baseline subsection was expected in the results");
            }
            results = SuiteResults.read(folder, plan, suite.mapping());
            if (regenerate) {
                BaselineCoverage.requireWholeSuite(suite, BaselineCoverage.keys(results.byBenchmark()), partial,
                        fromResults + " has");
            }
            if (baselines != null) {
                machineCheck(results.calibrationNs(), baselines, notes, out);
            }
        } else {
            folder = (resultsDir != null ? new ResultsFolder(FileNames.requireFolder(resultsDir, "--results-dir"))
                    : ResultsFolder.timestamped()).requireOutside(gtDir, "--results-dir");
            run = new SuiteRun(suite, jmh, quick, folder, regenerate ? SuiteRun.BASELINES_WITHIN_BUDGET
                    : gateOptions.rule.gate() && !gateOptions.uniformForks && baselines != null
                            ? SuiteRun.WITHIN_BUDGET_WHERE_IN_DOUBT : SuiteRun.WITHIN_BUDGET);
            if (regenerate) {
                BaselineCoverage.requireWholeSuite(suite, run.expected(), partial, "this run would measure");
            }
            folder.create();
            Baselines against = baselines;
            // A suite without a budget spends a tenth more forks where the baselines' forks disagree
            // most; one with a budget spends its rest where the run's first test is in doubt.
            boolean noisyForks = gateOptions.rule.gate() && !quick && suite.budgetSeconds() <= 0
                    && !jmh.getForkCount().hasValue();
            Map<SuiteKey, Integer> noisy = noisyForks && baselines != null
                    ? NoisyForks.forRun(baselines, forkGate, run.passes(), run.expected()) : Map.of();
            if (!noisy.isEmpty()) {
                out.println("More forks for " + NoisyForks.describe(noisy, run.expected().size(), String.format(Locale.ROOT,
                        "against the baselines at %d forks", run.passes())));
            }
            // Baselines on a busy host are refused early, not only after the whole run has been measured.
            boolean refuseEarly = regenerate && !gateOptions.allowBusy;
            run.run(out, against == null && !refuseEarly ? null : speeds -> {
                if (against != null) {
                    machineCheck(speeds, against, notes, out);
                }
                if (refuseEarly) {
                    refuseContended(speeds, "in the run's first " + speeds.length + " timings", null);
                }
            }, noisy);
            results = SuiteResults.read(folder, run.expected(), suite.mapping());
            if (regenerate && noisyForks) {
                Map<SuiteKey, Integer> more = NoisyForks.forBaselines(results, forkGate, run.passes(), suite.forks());
                if (!more.isEmpty()) {
                    run.extend(more, "More baseline forks for " + NoisyForks.describe(more, run.expected().size(),
                            String.format(Locale.ROOT, "against these forks, for a run of %d forks",
                                    NoisyForks.FACTOR * suite.forks())), "noisy", out);
                    results = SuiteResults.read(folder, run.expected(), suite.mapping());
                }
            }
            if ((regenerate || gateOptions.rule.gate()) && !quick) {
                results = PhaseRetakes.retake(run, results, forkGate, folder, run.expected(), suite.mapping(), out);
            }
        }
        results.write(folder);
        out.println("PerformanceData written to " + folder.dir() + ": "
                + String.join(", ", results.byBenchmark().keySet().stream().map(b -> b + ".json").toList()));
        out.println(WarmupCheck.of(results.jmhResults()).summary());
        double otherCpu = results.otherCpuPct();
        if (Double.isFinite(otherCpu)) {
            out.printf(Locale.ROOT, "machine load: other processes used %.1f%% of the CPU during the run%n", otherCpu);
        }

        if (rolling && baselines == null) {
            if (quick) {
                out.println("nothing to compare with yet, and a quick run is no measurement to keep: run without --quick");
                return ExitCode.OK;
            }
            out.println(history.record(folder.dir(), platformName));
            out.println("nothing to compare with yet: the next run on this machine is judged against this one "
                    + "(--baseline history; ground truth for CI: " + suite.regenerate() + ")");
            return ExitCode.OK;
        }
        if (regenerate) {
            if (!gateOptions.allowBusy) {
                refuseBusy(otherCpu, "during the run");
                refuseContended(results.calibrationNs(), "during the run", folder.dir());
            }
            SuiteResults regenerated = run == null ? results : withModesEstimated(run, results, folder, out);
            BaselineCoverage.requireEnoughSamples(suite, regenerated.byBenchmark(), partial, out);
            String measuredOn = regenerated.platform().id();
            if (platform == null && !measuredOn.equals(platformName)) {
                // -jvm ran another JDK: the baselines belong to the platform the samples came from.
                platformName = FileNames.requirePlain(measuredOn, "platform");
                out.println("the benchmarks ran on " + measuredOn + " (JMH's -jvm): writing its baselines");
            }
            List<String> command = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
            Map<String, Object> metadata = Provenance.of(platformName, regenerated.jmhResults(),
                    suite.command() + " " + String.join(" ", command));
            BaselineQuality quality = BaselineQuality.of(regenerated, forkGate, run == null ? 0 : run.passes(),
                    suite.forks(), otherCpu);
            metadata.putAll(quality.toMetadata());
            metadata.put("forks_disagreeing", List.copyOf(BaselineQuality.disagreeing(regenerated, MODES_FACTOR).values()));
            Map<String, Sidecar> sidecars = new LinkedHashMap<>();
            regenerated.byBenchmark().keySet().forEach(b -> sidecars.put(b, regenerated.sidecar(b)));
            gt.write(platformName, new GroundTruth.NewSet(regenerated.byBenchmark(), sidecars, metadata), force, partial,
                    out);
            out.println(quality.summary());
            return ExitCode.OK;
        }
        if (Double.isFinite(otherCpu) && otherCpu > BUSY_PCT) {
            notes.add(String.format(Locale.ROOT, "busy machine: other processes used %.1f%% of the CPU during the run; "
                    + "verdicts may reflect them", otherCpu));
        }
        int exit = compare(baselines, results, run, folder, notes, recordedRuns(platformName, folder, out), out);
        // After the verdict and its reports: a store that fails now cannot cost the run its verdict.
        String recorded = rolling && quick ? null : history.record(folder.dir(), platformName);
        if (recorded != null) {
            out.println(recorded);
        }
        return exit;
    }

    /** Forks of one subsection whose levels differ by this factor or more disagree "several-fold". */
    static final double MODES_FACTOR = 2.0;

    /**
     * Baselines must not store a level that depends on which JIT or GC mode a few forks happened to
     * land in (seen on a string-building benchmark: forks at 48 and 447 ns). Subsections whose forks
     * disagree several-fold get as many forks again, so that the mix of modes is estimated from
     * twice the forks; those that still disagree are named, stored with their forks, and listed in
     * {@code metadata.json} ({@code forks_disagreeing}).
     */
    private SuiteResults withModesEstimated(SuiteRun run, SuiteResults results, ResultsFolder folder, PrintStream out)
            throws IOException {
        Map<SuiteKey, String> split = BaselineQuality.disagreeing(results, MODES_FACTOR);
        if (split.isEmpty()) {
            return results;
        }
        split.values().stream().limit(5).forEach(d -> out.println("forks disagree: " + d));
        run.extend(List.copyOf(split.keySet()), suite.baselineForks(), out);
        SuiteResults extended = SuiteResults.read(folder, null, suite.mapping());
        extended.write(folder);
        BaselineQuality.disagreeing(extended, MODES_FACTOR).values()
                .forEach(d -> out.println("WARNING: after more forks, forks still disagree (distinct modes): " + d));
        return extended;
    }

    /** Set only by the integration test that kills a regeneration between two files: pause after each. */
    public static final String STAGE_PAUSE_PROPERTY = "perf-regression.test.stage-pause-ms";

    private static GroundTruth.StagingHook stagingHook() {
        long pauseMillis = Long.getLong(STAGE_PAUSE_PROPERTY, 0);
        if (pauseMillis <= 0) {
            return file -> { };
        }
        return file -> {
            System.out.println("staged " + file.getFileName());
            System.out.flush();
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** The main job's absolute floor: a change of two clock cycles per operation is no verdict. */
    static final int FLOOR_CYCLES = 2;

    /** Other processes' CPU above this share (% of all cores) make a machine busy. */
    static final double BUSY_PCT = 10;

    /** Other processes' CPU share over two idle seconds of this JVM. */
    private static double quietCheck() throws InterruptedException {
        MachineLoad load = MachineLoad.ofThisMachine();
        Thread.sleep(2000);
        return load.otherSinceLast();
    }

    public static void refuseBusy(double otherCpuPct, String when) {
        if (Double.isFinite(otherCpuPct) && otherCpuPct > BUSY_PCT) {
            throw new InvalidInputException(String.format(Locale.ROOT, "refusing to make baselines on a busy machine: "
                    + "other processes used %.1f%% of the CPU %s (more than %.0f%%); baselines must record this "
                    + "machine's quiet speed. Stop them (see top) and run again, or pass --allow-busy",
                    otherCpuPct, when, BUSY_PCT));
        }
    }

    /**
     * Baselines carry the machine's quiet speed, and other work on a shared host (another virtual
     * machine, invisible to {@link #refuseBusy}) slows the benchmarks more than the calibration
     * kernel: measured here, in an hour when the kernel's median lay 8.4 % above its 10th percentile,
     * the suite took 23 % longer than idle. Refused after the run, so the samples stay in
     * {@code samples} for {@code --from-results} with {@code --allow-busy}.
     */
    public static void refuseContended(double[] calibrationNs, String when, Path samples) {
        if (calibrationNs.length == 0) {
            return;
        }
        MachineSpeed speed = MachineSpeed.of(calibrationNs);
        if (speed.contentionPct() > MachineSpeed.CONTENTION_NOTE_POINTS) {
            throw new InvalidInputException(String.format(Locale.ROOT, "refusing to make baselines on a busy machine: "
                    + "the calibration kernel's median lay %.1f%% above its 10th percentile %s (more than %.0f%%): "
                    + "other work on this machine or its host slowed it, and slows the benchmarks more; make them again "
                    + "when it is quiet, or pass --allow-busy (the plugin's allowBusy)%s", speed.contentionPct(), when,
                    MachineSpeed.CONTENTION_NOTE_POINTS, samples == null ? "" : "; these samples can still become "
                            + "baselines with --from-results " + samples + " --allow-busy"));
        }
    }

    /**
     * Is this machine comparable with the one that made the baselines? Measured by the calibration
     * kernel, early in the run: far outside the tolerance the run stops (exit 3) unless the user asked
     * to normalise, and then every report says the result is advisory.
     */
    private void machineCheck(double[] speeds, Baselines baselines, List<String> notes, PrintStream out) {
        if (baselines.speed() == null || speeds.length == 0) {
            notes.add("no machine check: " + (speeds.length == 0 ? "this run has" : "the baselines have")
                    + " no calibration times");
            return;
        }
        MachineSpeed now = MachineSpeed.of(speeds);
        String how = now.describeAgainst(baselines.speed());
        boolean comparable = Math.abs(Math.log(now.p10Ns() / baselines.speed().p10Ns()))
                <= Math.log1p(gateOptions.machineTolerancePct / 100);
        out.printf(Locale.ROOT, "machine check: the calibration kernel runs %s than on the baselines' machine "
                + "(%.1f ns against %.1f ns, 10th percentiles of %d and %d timings; its median %.1f%% above that, "
                + "%.1f%% for the baselines)%n", how, now.p10Ns(), baselines.speed().p10Ns(), now.count(),
                baselines.speed().count(), now.contentionPct(), baselines.speed().contentionPct());
        if (comparable) {
            return;
        }
        if (!gateOptions.normaliseMachine) {
            throw new PlatformMismatchException("this machine measures differently from the one that made the baselines "
                    + "in " + baselines.where() + ": the calibration kernel runs " + how + " (tolerance "
                    + gateOptions.machineTolerancePct + "%); make baselines for this machine (--regenerate-gt "
                    + "--platform NAME) or compare anyway with every sample scaled by the calibration (--normalise-machine, "
                    + "advisory)");
        }
        notes.add("advisory: this machine runs the calibration kernel " + how + " than the baselines' machine; "
                + "samples were normalised by it (--normalise-machine)");
    }

    private int compare(Baselines baselines, SuiteResults results, SuiteRun run, ResultsFolder folder,
            List<String> machineNotes, List<Map<String, Dataset>> recordedRuns, PrintStream out) throws IOException {
        requireUnitAndMode(results, baselines);
        if (!spec.commandLine().getParseResult().hasMatchedOption("--min-delta") && "ns/op".equals(results.unit())) {
            CpuClock clock = CpuClock.ofThisMachine();
            rule.defaultMinDelta(clock.floorNs(FLOOR_CYCLES));
            out.printf(Locale.ROOT, "absolute floor: changes under %.3f ns/op are no verdict (%s; --min-delta to change)%n",
                    rule.minDelta(), clock.describe(FLOOR_CYCLES));
        }
        List<String> notes = new ArrayList<>(PlatformGuard.check(baselines.platform(), results.platform(),
                platformOptions.allowMismatch(), "make baselines for this platform with --regenerate-gt (in " + baselines.where() + ")"));
        notes.addAll(machineNotes);
        double[] speeds = results.calibrationNs();
        MachineSpeed measured = baselines.speed() == null || speeds.length == 0 ? null : MachineSpeed.of(speeds);
        String contention = measured == null ? null : measured.contentionAgainst(baselines.speed());
        if (contention != null) {
            notes.add(contention);
        }
        // Each data set in its own unit and direction: a module may measure time and throughput.
        Direction direction = Direction.ofUnit(results.unit());
        List<BenchmarkPair> pairs = new ArrayList<>();
        for (String benchmark : results.byBenchmark().keySet()) {
            if (baselines.missing() == null && !baselines.has(benchmark)) {
                notes.add(benchmark + ": not in the history yet, so not compared; recorded with this run");
                continue;
            }
            pairs.add(new BenchmarkPair(benchmark, baselines.dataset(benchmark), results.dataset(benchmark, folder),
                    Direction.ofUnit(results.unit(benchmark)), List.of()));
        }
        SuiteComparison comparison = SuiteComparison.of(rule.check()).withMeasuredOnly(true).withMinDelta(rule.minDelta())
                .withAcceptances(gateOptions.rule.acceptances(), java.time.LocalDate.now())
                .withThresholds(gateOptions.rule.thresholds())
                .withGate(gateOptions.rule.gate() ? gateOptions.check(direction) : null)
                .withRecordedRuns(recordedRuns);
        if (run != null && gateOptions.confirmForks > 0) {
            comparison = comparison.withRemeasure((flagged, witnesses) -> {
                run.confirm(flagged, witnesses, gateOptions.confirmForks, out);
                return measuredSoFar(folder);
            }, gateOptions.confirmMax);
        }
        if (run != null && run.spendsWhereInDoubt()) {
            comparison = comparison.withMoreForks(inDoubt -> run.moreWhereInDoubt(inDoubt, out) == 0 ? Map.of()
                    : measuredSoFar(folder));
        }
        ReportSuite suite = comparison.compare(pairs, notes, List.of());
        ReportTargets targets = new ReportTargets(reportTargets(folder), List.of())
                .protecting(BenchmarkFolder.dataFiles(folder.dir()).toArray(new Path[0]))
                .protecting(baselines.files().toArray(new Path[0]));
        PrintWriter writer = new PrintWriter(out, true);
        targets.writeAll(suite, writer, new PrintWriter(System.err, true), System.getenv());
        writer.flush();
        out.println("reports: " + String.join(", ", targets.targets().stream().filter(t -> t.file() != null)
                .map(t -> t.file().toString()).toList()));
        if (suite.failsOnTimeAlone() && !gateOptions.allowBusy && measured != null
                && measured.busierThan(baselines.speed())) {
            // A time regression in a busier hour may be the neighbours': not a pass, but not a verdict
            // either. Allocation and missing results fail as ever: the neighbours move neither.
            spec.commandLine().getErr().println(spec.commandLine().getCommandName() + ": error: " + contention
                    + "; its regressions are no verdict: run again when the machine is quieter, or give them one with "
                    + "--allow-busy (the plugin's allowBusy)");
            return ExitCode.PLATFORM;
        }
        return suite.failed() ? ExitCode.REGRESSION : ExitCode.OK;
    }

    /** Every benchmark of the run as measured so far, its PerformanceData files written again. */
    private Map<String, Dataset> measuredSoFar(ResultsFolder folder) throws IOException {
        SuiteResults measured = SuiteResults.read(folder, null, suite.mapping());
        measured.write(folder);
        Map<String, Dataset> current = new LinkedHashMap<>();
        measured.byBenchmark().keySet().forEach(b -> current.put(b, measured.dataset(b, folder)));
        return current;
    }

    /**
     * The text report on the terminal, {@code report.txt} and {@code report.json} in the results
     * folder, and each {@code --format}: to its file, or without one to {@code report.<ext>} there.
     */
    private List<ReportTarget> reportTargets(ResultsFolder folder) {
        List<ReportTarget> targets = new ArrayList<>(List.of(ReportTarget.parse("text"),
                new ReportTarget(ReportFormat.TEXT, folder.report("report.txt")),
                new ReportTarget(ReportFormat.JSON, folder.report("report.json"))));
        for (String format : formats) {
            ReportTarget target = ReportTarget.parse(format);
            targets.add(target.file() != null ? target
                    : new ReportTarget(target.format(), folder.report("report." + target.format().extension())));
        }
        return targets;
    }

    /**
     * Before the run: JMH's {@code -tu} and {@code -bm} change what a sample means. Against baselines
     * of another unit or mode a slowdown would read as an improvement, so such a run is refused.
     */
    private void requireUnitAndMode(CommandLineOptions jmh, Baselines baselines) {
        String mode = jmh.getBenchModes().size() == 1 ? jmh.getBenchModes().iterator().next().shortLabel()
                : jmh.getBenchModes().isEmpty() ? suite.mode() : "several modes";
        String unit = jmh.getTimeUnit().hasValue()
                ? (mode.equals("thrpt") ? "ops/" + shortUnit(jmh.getTimeUnit().get()) : shortUnit(jmh.getTimeUnit().get()) + "/op")
                : null;
        refuseMismatch(baselines, mode, unit, "this run asks for (-bm/-tu)");
    }

    /** After the run: each benchmark's unit, as its results say, against its baselines'. */
    private static void requireUnitAndMode(SuiteResults results, Baselines baselines) {
        for (String benchmark : results.byBenchmark().keySet()) {
            String measured = results.unit(benchmark);
            String baseline = baselines.units().get(benchmark);
            if (measured != null && baseline != null && !measured.equals(baseline)) {
                throw new InvalidInputException("the baselines of " + benchmark + " in " + baselines.where() + " are in "
                        + baseline + ", this run measured " + measured + ": the samples would not be comparable; "
                        + "drop -tu (or make baselines in that unit with --regenerate-gt --platform NAME)");
            }
        }
    }

    private static void refuseMismatch(Baselines baselines, String mode, String unit, String what) {
        String baselineUnit = baselines.units().values().stream().findFirst().orElse(null);
        boolean modeDiffers = mode != null && baselines.mode() != null && !baselines.mode().equals(mode);
        boolean unitDiffers = unit != null && baselineUnit != null && !baselineUnit.equals(unit);
        if (modeDiffers || unitDiffers) {
            throw new InvalidInputException("the baselines in " + baselines.where() + " are in mode " + baselines.mode()
                    + " and unit " + baselineUnit + ", " + what + " mode " + mode + (unit == null ? "" : " and unit "
                    + unit) + ": the samples would not be comparable; drop -bm and -tu (or make baselines in that "
                    + "unit and mode with --regenerate-gt --platform NAME)");
        }
    }

    /** JMH's abbreviation of a time unit, as in its score units. */
    private static String shortUnit(java.util.concurrent.TimeUnit unit) {
        return switch (unit) {
            case NANOSECONDS -> "ns";
            case MICROSECONDS -> "us";
            case MILLISECONDS -> "ms";
            case SECONDS -> "s";
            case MINUTES -> "min";
            case HOURS -> "hr";
            case DAYS -> "day";
        };
    }

    /** Where a machine without ground truth keeps its history unless --history says otherwise: beside the results. */
    static final String DEFAULT_HISTORY = "results/history.db";

    /**
     * Whether the run is judged against the history rather than the ground truth: when asked
     * ({@code --baseline history}), or, unasked, on a machine the ground truth has no baselines for,
     * as a newcomer's first runs are; never in CI ({@code CI=true}) or when the ground truth was
     * named ({@code --gt-dir}, {@code --platform}), where a missing baseline stays an error (exit 3).
     */
    static boolean rollingBaseline(String asked, boolean groundTruthFits, boolean ci, boolean gtDirGiven,
            boolean platformGiven) {
        if (asked != null) {
            return switch (asked) {
                case "history" -> true;
                case "gt" -> false;
                default -> throw new InvalidInputException("--baseline " + asked + ": expected gt or history");
            };
        }
        return !groundTruthFits && !ci && !gtDirGiven && !platformGiven;
    }

    /**
     * The history's recorded runs each subsection's movement is estimated from; after a measurement a
     * store problem costs the run nothing but that estimate, so it is named and the run judged without.
     */
    private List<Map<String, Dataset>> recordedRuns(String platformName, ResultsFolder folder, PrintStream out) {
        if (!gateOptions.rule.gate()) {
            return List.of();
        }
        try {
            return history.recordedRuns(platformName, folder.dir());
        } catch (InvalidInputException | java.io.UncheckedIOException e) {
            out.println("warning: the run-to-run movement was not read from " + history.db + ": " + e.getMessage());
            return List.of();
        }
    }

    /** This machine's baselines from the history (null before its first recorded run), saying which. */
    private Baselines historyBaselines(String platformName, PrintStream out) {
        history.useLocal(Path.of(DEFAULT_HISTORY));
        history.prepare();
        if (baselineSource == null) {
            out.println("no ground truth for " + platformName + " in " + gtDir + ": judging this run against this "
                    + "machine's history " + history.db + " (CI=true or --gt-dir keeps the ground truth required)");
        }
        Baselines found;
        try (HistoryStore store = HistoryStore.open(history.db)) {
            found = HistoryBaseline.load(store, platformName, baselineRuns, fromResults);
        }
        if (found != null) {
            out.println("baselines: " + found.where());
        }
        return found;
    }

    private PlatformMismatchException noBaseline(GroundTruth gt, String platformName) {
        List<String> available = gt.platforms();
        return new PlatformMismatchException("no baselines for platform " + platformName + " in " + gtDir
                + (available.isEmpty() ? "" : " (there are: " + String.join(", ", available) + ")")
                + "; create them with: " + suite.regenerate() + (platform != null ? " --platform " + platform : ""));
    }

    private static CommandLineOptions parseJmh(List<String> args) {
        try {
            return new CommandLineOptions(args.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            throw new InvalidInputException("JMH option: " + e.getMessage());
        }
    }
}
