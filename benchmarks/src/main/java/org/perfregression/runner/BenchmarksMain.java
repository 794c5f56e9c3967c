package org.perfregression.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.perfregression.check.CheckResult;
import org.perfregression.check.Summary;
import org.perfregression.cli.CompareCommand;
import org.perfregression.cli.ConvertCommand;
import org.perfregression.cli.ExitCode;
import org.perfregression.cli.Main;
import org.perfregression.cli.RuleOptions;
import org.perfregression.data.AtomicFiles;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.PerformanceData;
import org.perfregression.platform.Platform;
import org.perfregression.platform.PlatformGuard;
import org.perfregression.platform.PlatformMismatchException;
import org.perfregression.report.JsonReport;
import org.perfregression.report.ReportInput;
import org.perfregression.report.TextReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code java -jar benchmarks.jar}: runs the accessor suite on JMH, turns the raw samples into
 * PerformanceData, compares them with the ground truth of this platform and exits with the verdict.
 * Options this command does not know are JMH's and go to JMH.
 */
@Command(name = "benchmarks.jar",
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpWidth = 100,
        description = "Runs the tensor accessor suite on JMH, writes JMH's JSON and one PerformanceData file per "
                + "benchmark to the results folder, compares them with gt/accessor_benchmarks/<platform>/ and "
                + "prints a verdict table per benchmark. Any other option is JMH's (a benchmark regex, -f, -i, -wi, "
                + "-r, -w, -p rank=2,3, -prof gc, -jvmArgsAppend, -l, -lp; -h lists them all).",
        subcommands = {CompareCommand.class, ConvertCommand.class},
        footer = {"",
            "Examples:",
            "  java -jar benchmarks.jar                          the whole suite against the ground truth",
            "  java -jar benchmarks.jar --quick                  a one-minute smoke run",
            "  java -jar benchmarks.jar constructor -p rank=2,3  one benchmark, two ranks",
            "  java -jar benchmarks.jar --regenerate-gt          new baselines for this platform",
            "  java -jar benchmarks.jar compare -b B.json -c C.json",
            "  java -jar benchmarks.jar convert -i jmh-result.json -o data.json",
            "",
            "Exit codes: 0 no regression, 1 regression, 2 bad input or a failed benchmark,",
            "3 no baseline for this platform (or one made on another)."})
public final class BenchmarksMain implements Callable<Integer> {

    /** JMH options that only list or explain things: handed to JMH as they are. */
    private static final Set<String> JMH_INFORMATIONAL = Set.of("-h", "-l", "-lp", "-lprof", "-lrf");

    @Option(names = "--help", usageHelp = true, description = "Show this help (JMH's options: -h).")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "Show the version.")
    boolean version;

    @Option(names = "--quick", description = "Smoke run: 1 fork, ranks 2 and 5, short iterations (about a minute). "
            + "Not a measurement: never use it for baselines.")
    boolean quick;

    @Option(names = "--results-dir", paramLabel = "DIR",
            description = "Where this run's files go (default: results/<date-time>).")
    Path resultsDir;

    @Option(names = "--from-results", paramLabel = "DIR",
            description = "Do not run: take the JMH results of an earlier run from DIR (its jmh-result.json).")
    Path fromResults;

    @Option(names = "--gt-dir", paramLabel = "DIR",
            description = "The ground-truth folder (default: " + SuiteLayout.DEFAULT_GT_DIR + ").")
    Path gtDir = Path.of(SuiteLayout.DEFAULT_GT_DIR);

    @Option(names = "--platform", paramLabel = "NAME",
            description = "Baselines to use or write (default: this machine's id, e.g. linux-amd64-2cpu-jdk17).")
    String platform;

    @Option(names = "--regenerate-gt",
            description = "Write this run's samples as the baselines of the platform and show what changed.")
    boolean regenerate;

    @Option(names = "--force", description = "With --regenerate-gt: replace existing baselines.")
    boolean force;

    @Option(names = "--allow-platform-mismatch",
            description = "Compare with baselines made on another platform anyway; the verdict is then advisory.")
    boolean allowPlatformMismatch;

    @Mixin
    RuleOptions rule;

    @Unmatched
    List<String> jmhArgs = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) throws Exception {
        if (java.util.Arrays.stream(args).anyMatch(JMH_INFORMATIONAL::contains)) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        CommandLine commandLine = Main.newCommandLine(new BenchmarksMain());
        commandLine.setUnmatchedArgumentsAllowed(true);
        commandLine.setUnmatchedOptionsArePositionalParams(true);
        System.exit(commandLine.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (regenerate && quick) {
            throw new InvalidInputException("--regenerate-gt with --quick: baselines must be measured with the "
                    + "default settings, a quick run has too few samples");
        }
        if (force && !regenerate) {
            throw new InvalidInputException("--force only makes sense with --regenerate-gt");
        }
        CommandLineOptions jmh = parseJmh(jmhArgs);
        String platformName = platform != null ? platform : Platform.current().id();
        GroundTruth gt = new GroundTruth(gtDir);
        GroundTruth.Baselines baselines = null;
        if (regenerate && !force) {
            gt.requireNoBaselines(platformName);
        } else if (!regenerate) {
            // Before a ten-minute run: is there anything to compare with?
            if (!gt.has(platformName)) {
                throw noBaseline(gt, platformName);
            }
            baselines = gt.load(platformName);
        }

        ResultsFolder folder;
        SuiteResults results;
        if (fromResults != null) {
            folder = new ResultsFolder(fromResults);
            results = SuiteResults.read(folder, null);
        } else {
            folder = (resultsDir != null ? new ResultsFolder(resultsDir) : ResultsFolder.timestamped()).create();
            List<SuiteKey> expected = new SuiteRun(jmh, quick, folder).run(out);
            results = SuiteResults.read(folder, expected);
        }
        results.write(folder);
        out.println("PerformanceData written to " + folder.dir() + ": "
                + String.join(", ", results.byBenchmark().keySet().stream().map(b -> b + ".json").toList()));
        out.println(WarmupCheck.of(results.jmhResults()).summary());

        if (regenerate) {
            List<String> command = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
            gt.write(platformName, results.byBenchmark(), Provenance.of(platformName, results.jmhResults(), command),
                    force, out);
            return ExitCode.OK;
        }
        return compare(baselines, results, folder, out);
    }

    private int compare(GroundTruth.Baselines baselines, SuiteResults results, ResultsFolder folder, PrintStream out)
            throws IOException {
        List<String> notes = PlatformGuard.check(baselines.platform(), Platform.current(), allowPlatformMismatch,
                "make baselines for this platform with --regenerate-gt (in " + baselines.dir() + ")");
        boolean failed = false;
        List<String> summaries = new ArrayList<>();
        for (Map.Entry<String, PerformanceData> entry : results.byBenchmark().entrySet()) {
            String benchmark = entry.getKey();
            PerformanceData current = entry.getValue();
            PerformanceData baseline = baselines.byBenchmark().get(benchmark);
            if (baseline == null) {
                throw new PlatformMismatchException("no baseline for " + benchmark + " in " + baselines.dir()
                        + "; add it with --regenerate-gt --force");
            }
            // A partial run (a regex, -p, --quick) is compared on what it measured.
            PerformanceData measured = baseline.select(k -> current.has(k.section(), k.subsection()));
            CheckResult result = rule.check().withLenient(true).compare(measured, current);
            ReportInput input = new ReportInput(result, measured, current,
                    baselines.dir().resolve(benchmark + ".json").toString(), folder.data(benchmark).toString(), notes);
            out.println();
            out.println("== " + benchmark + " ==");
            StringWriter text = new StringWriter();
            new TextReport(false).write(input, text);
            out.print(text);
            StringWriter json = new StringWriter();
            new JsonReport().write(input, json);
            AtomicFiles.write(folder.report(benchmark + ".report.json"), json.toString(), AtomicFiles.WriteMode.REPLACE);
            AtomicFiles.write(folder.report(benchmark + ".report.txt"), text.toString(), AtomicFiles.WriteMode.REPLACE);
            Summary summary = result.summary();
            summaries.add(String.format("%-24s %s", benchmark, (summary.failed() ? "FAILED  " : "passed  ") + summary.oneLine()));
            failed |= summary.failed();
        }
        out.println();
        out.println("Summary (reports in " + folder.dir() + "):");
        summaries.forEach(line -> out.println("  " + line));
        notes.forEach(note -> out.println("NOTE: " + note));
        out.println(failed ? "FAILED: performance regressions found" : "PASSED: no performance regression");
        return failed ? ExitCode.REGRESSION : ExitCode.OK;
    }

    private PlatformMismatchException noBaseline(GroundTruth gt, String platformName) {
        List<String> available = gt.platforms();
        return new PlatformMismatchException("no baselines for platform " + platformName + " in " + gtDir
                + (available.isEmpty() ? "" : " (there are: " + String.join(", ", available) + ")")
                + "; create them with: java -jar benchmarks/target/benchmarks.jar --regenerate-gt"
                + (platform != null ? " --platform " + platform : ""));
    }

    private static CommandLineOptions parseJmh(List<String> args) {
        try {
            return new CommandLineOptions(args.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            throw new InvalidInputException("JMH option: " + e.getMessage());
        }
    }
}
