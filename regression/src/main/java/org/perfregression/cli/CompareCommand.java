package org.perfregression.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.perfregression.check.CheckResult;
import org.perfregression.check.Direction;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkedSamples;
import org.perfregression.gate.GateCheck;
import org.perfregression.gate.GateOutcome;
import org.perfregression.input.Dataset;
import org.perfregression.input.DatasetLoader;
import org.perfregression.input.Sidecar;
import org.perfregression.platform.PlatformGuard;
import org.perfregression.report.ReportInput;
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
            "", "Exit codes: 0 no regression, 1 regression, 2 invalid input or usage, 3 platforms differ."})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-b", "--baseline"}, required = true, paramLabel = "FILE",
            description = "The baseline (ground truth): PerformanceData JSON or a JMH result file.")
    Path baseline;

    @Option(names = {"-c", "--current"}, required = true, paramLabel = "FILE",
            description = "The run under test: PerformanceData JSON or a JMH result file.")
    Path current;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT[=FILE]",
            description = "A report: text, json, markdown, junit or html, to FILE or standard output. "
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

    @Option(names = "--allow-platform-mismatch",
            description = "Compare data measured on different platforms; every report marks the result as advisory.")
    boolean allowPlatformMismatch;

    @Mixin
    RuleOptions ruleOptions;

    @Mixin
    InputOptions inputOptions;

    @Mixin
    GateRuleOptions gateRule = new GateRuleOptions(GateRuleOptions.Rule.seed);

    @Override
    public Integer call() throws IOException {
        List<ReportTarget> targets = ReportTarget.all(formats, output);
        ReportTarget.requireNotInputs(targets, baseline, current, Sidecar.pathFor(baseline), Sidecar.pathFor(current));
        DatasetLoader loader = inputOptions.loader();
        Dataset baselineData = load(loader, baseline);
        Dataset currentData = load(loader, current);
        List<String> notes = PlatformGuard.check(baselineData.platform(), currentData.platform(),
                allowPlatformMismatch, "measure a baseline on this platform");
        Direction direction = direction(baselineData, currentData);
        CheckResult result = ruleOptions.check()
                .withLenient(lenient)
                .with(direction)
                .compare(baselineData.data(), currentData.data());
        GateOutcome gate = gateRule.gate() ? gate(baselineData, currentData, direction) : null;
        ReportInput input = new ReportInput(result, baselineData.data(), currentData.data(),
                baseline.toString(), current.toString(), notes, gate);
        ReportTarget.writeAll(targets, input, spec.commandLine().getOut());
        return input.failed() ? ExitCode.REGRESSION : ExitCode.OK;
    }

    /** The fork-aware gate on both sides' forks, confirmed by the current side's confirmation forks if it has any. */
    private GateOutcome gate(Dataset baselineData, Dataset currentData, Direction direction) {
        for (Dataset d : List.of(baselineData, currentData)) {
            if (d.forks() == null) {
                throw new InvalidInputException(d.source() + ": --rule gate needs to know which fork each sample came "
                        + "from: a JMH result file, or PerformanceData with its sidecar's \"forks\" (the main job "
                        + "writes them)");
            }
        }
        Map<SubsectionKey, ForkedSamples> baselineForks = baselineData.forks()
                .split(baselineData.data(), false, baselineData.source());
        Map<SubsectionKey, ForkedSamples> currentForks = currentData.forks()
                .split(currentData.data(), false, currentData.source());
        GateCheck check = gateRule.check(direction);
        if (gateRule.interleaved()) {
            check = check.sideBySide(baselineForks, currentForks);
        }
        GateOutcome first = check.compare(baselineForks, currentForks);
        Map<SubsectionKey, ForkedSamples> fresh = currentData.forks().split(currentData.data(), true, currentData.source());
        return fresh.isEmpty() ? first : check.confirm(first, baselineForks, fresh);
    }

    private Direction direction(Dataset baselineData, Dataset currentData) {
        String b = baselineData.unit();
        String c = currentData.unit();
        if (b != null && c != null && !b.equals(c)) {
            throw new InvalidInputException("the baseline is in " + b + " (" + baseline + ") but the current data in "
                    + c + " (" + current + "): compare like with like");
        }
        if (direction != null) {
            return switch (direction.toLowerCase(Locale.ROOT)) {
                case "lower" -> Direction.LOWER_IS_BETTER;
                case "higher" -> Direction.HIGHER_IS_BETTER;
                default -> throw new IllegalArgumentException("--direction must be lower or higher, got " + direction);
            };
        }
        return Direction.ofUnit(b != null ? b : c);
    }

    private Dataset load(DatasetLoader loader, Path file) {
        Dataset data = loader.load(file);
        PrintWriter err = spec.commandLine().getErr();
        for (String warning : data.data().warnings()) {
            err.println("warning: " + file + ": " + warning);
        }
        err.flush();
        return data;
    }
}
