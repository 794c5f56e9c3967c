package org.perfregression.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.perfregression.api.Comparison;
import org.perfregression.api.Outcome;
import org.perfregression.check.Direction;
import org.perfregression.history.HistoryBaseline;
import org.perfregression.history.HistoryStore;
import org.perfregression.input.Baselines;
import org.perfregression.input.BenchmarkFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code compare}: the verdict of a current run against its baseline, with a CI exit code. */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        usageHelpWidth = 100,
        sortOptions = false,
        description = "Compares current benchmark samples with a baseline, subsection by subsection. By default "
                + "(the seed's rule) a subsection regresses when its median moved beyond the noise band in the worse "
                + "direction and the Mann-Whitney U test finds the change significant. With --rule gate the "
                + "fork-aware gate decides (fork by fork, drift-corrected where calibration times exist) and the "
                + "seed rule's verdicts are shown beside it. Either side may be a PerformanceData file or a JMH "
                + "result file (-rf json); the kind is detected from the content.",
        footer = {"", "Examples:",
            "  compare -b gt/bench.json -c jmh-result.json --format markdown=summary.md --format junit=perf.xml",
            "  compare -b old.json -c new.json --mode thrpt --format html=report.html",
            "  compare -b history --history perf-history.db -c results/20261202-101500 --rule gate",
            "", ExitCode.HELP})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-b", "--baseline"}, required = true, paramLabel = "FILE",
            description = "The baseline (ground truth): PerformanceData JSON or a JMH result file; or, with "
                    + "--history DB and a folder as --current, history: the last runs of the current run's machine "
                    + "in DB since each subsection's last change point.")
    Path baseline;

    @Option(names = {"-c", "--current"}, required = true, paramLabel = "FILE",
            description = "The run under test: PerformanceData JSON or a JMH result file.")
    Path current;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT[=FILE]",
            description = "A report: text, json, markdown, junit, html, or the current run for a dashboard: "
                    + "github-action-benchmark or bencher; to FILE or standard output. "
                    + "Repeat for several (default: text).")
    List<String> formats = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the (first) report without a file of its own to FILE instead of standard output.")
    Path output;

    @Option(names = "--lenient",
            description = "Compare what both sides have: baseline subsections missing from current fail the gate, "
                    + "new ones are listed, unequal sample counts are compared. "
                    + "Default: any difference in structure is an error.")
    boolean lenient;

    @Option(names = "--direction", paramLabel = "lower|higher",
            description = "Which values are better; default: from the unit (ops/... higher, anything else lower).")
    String direction;

    @Mixin
    PlatformOptions platformOptions = new PlatformOptions();

    @Mixin
    RuleOptions ruleOptions;

    @Mixin
    InputOptions inputOptions;

    @Mixin
    GateRuleOptions gateRule = new GateRuleOptions(GateRuleOptions.Rule.seed);

    @Mixin
    HistoryOptions history = new HistoryOptions();

    @Override
    public Integer call() throws IOException {
        history.requireConsistent(current);
        history.prepare();
        ReportTargets targets = ReportTargets.of(formats, output)
                .protecting(BenchmarkFolder.dataFiles(baseline).toArray(new Path[0]))
                .protecting(BenchmarkFolder.dataFiles(current).toArray(new Path[0]));
        PrintWriter err = spec.commandLine().getErr();
        Comparison comparison = Comparison.of(ruleOptions.check().withLenient(lenient))
                .withGate(gateRule.gate() ? gateRule.check(Direction.LOWER_IS_BETTER) : null)
                .withInterleaved(gateRule.interleaved())
                .withMinDelta(ruleOptions.minDelta())
                .withAcceptances(gateRule.acceptances(), java.time.LocalDate.now())
                .withThresholds(gateRule.thresholds())
                .withLoader(inputOptions.loader())
                .withDirection(direction())
                .withAllowPlatformMismatch(platformOptions.allowMismatch())
                .withWarnings(w -> {
                    err.println("warning: " + org.perfregression.data.Printable.of(w));
                    err.flush();
                });
        if (gateRule.gate() && history.db != null && java.nio.file.Files.isDirectory(current)) {
            comparison = comparison.withRecordedRuns(history.recordedRuns(machineOf(current), current));
        }
        Outcome outcome;
        if (fromHistory()) {
            Baselines baselines = historyBaselines();
            if (baselines == null) {
                err.println(history.record(current, null));
                err.println("nothing to compare with yet: the next run of this machine is judged against this one");
                err.flush();
                return ExitCode.OK;
            }
            err.println("baselines: " + baselines.where());
            outcome = comparison.run(baselines, current);
        } else {
            outcome = comparison.run(baseline, current);
        }
        targets.writeAll(outcome.suite(), spec.commandLine().getOut(), err, System.getenv());
        String recorded = history.record(current, null);
        if (recorded != null) {
            err.println(recorded);
            err.flush();
        }
        return outcome.failed() ? ExitCode.REGRESSION : ExitCode.OK;
    }

    /** {@code -b history} with {@code --history}: the baseline is the history's. */
    private boolean fromHistory() {
        if (history.db == null || !baseline.toString().equals("history")) {
            return false;
        }
        if (java.nio.file.Files.exists(baseline)) {
            throw new org.perfregression.data.InvalidInputException("-b history: a file named history is here too; "
                    + "write -b ./history for the file");
        }
        return true;
    }

    /** The history's baselines for the machine the current run names, or null before its first run there. */
    private Baselines historyBaselines() {
        if (!java.nio.file.Files.isDirectory(current)) {
            throw new org.perfregression.data.InvalidInputException(current + ": -b history compares a folder of "
                    + "benchmark files with their sidecars (a results folder), not one file");
        }
        try (HistoryStore store = HistoryStore.open(history.db)) {
            return HistoryBaseline.load(store, machineOf(current), HistoryBaseline.DEFAULT_MAX_RUNS, current);
        }
    }

    /** The machine a results folder's sidecars name: its runs in the history are that machine's. */
    private static String machineOf(Path folder) {
        return BenchmarkFolder.complete(folder, "current run").values().stream().findFirst()
                .map(file -> org.perfregression.input.Sidecar.of(file).platform().id()).orElseThrow(() ->
                        new org.perfregression.data.InvalidInputException(folder + ": no benchmark files here"));
    }

    /** {@code --direction}, or null to take it from the unit. */
    private Direction direction() {
        if (direction == null) {
            return null;
        }
        return switch (direction.toLowerCase(Locale.ROOT)) {
            case "lower" -> Direction.LOWER_IS_BETTER;
            case "higher" -> Direction.HIGHER_IS_BETTER;
            default -> throw new IllegalArgumentException("--direction must be lower or higher, got " + direction);
        };
    }
}
