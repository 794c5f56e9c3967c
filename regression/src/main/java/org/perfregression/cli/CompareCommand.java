package org.perfregression.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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
import org.perfregression.input.BenchmarkFolder;
import org.perfregression.input.Dataset;
import org.perfregression.input.DatasetLoader;
import org.perfregression.input.Sidecar;
import org.perfregression.platform.PlatformGuard;
import org.perfregression.report.ReportInput;
import org.perfregression.report.ReportSuite;
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
            "", ExitCode.HELP})
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

    @Mixin
    PlatformOptions platformOptions = new PlatformOptions();

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
        boolean folders = Files.isDirectory(baseline) || Files.isDirectory(current);
        ReportSuite suite;
        if (folders) {
            suite = compareFolders();
        } else {
            List<String> notes = new ArrayList<>();
            suite = new ReportSuite(List.of(compare(BenchmarkFolder.benchmarkOf(baseline), baseline, current, notes)),
                    notes);
        }
        ReportTarget.writeAll(targets, suite, spec.commandLine().getOut(), System.getenv());
        return suite.failed() ? ExitCode.REGRESSION : ExitCode.OK;
    }

    /**
     * Two folders (a ground-truth platform folder, a results folder): every benchmark file of the
     * baseline folder against the current file of the same name. A benchmark without a current file
     * fails as a missing subsection does; one only in the current folder is listed, not compared.
     */
    private ReportSuite compareFolders() {
        for (Path side : List.of(baseline, current)) {
            if (!Files.isDirectory(side)) {
                throw new InvalidInputException(side + ": not a folder; compare two folders or two files");
            }
        }
        Map<String, Path> baselines = BenchmarkFolder.benchmarks(baseline);
        Map<String, Path> currents = BenchmarkFolder.benchmarks(current);
        if (baselines.isEmpty()) {
            throw new InvalidInputException(baseline + ": no benchmark files (<benchmark>.json) in this folder");
        }
        List<String> notes = new ArrayList<>();
        List<ReportInput> inputs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Path> entry : baselines.entrySet()) {
            Path other = currents.get(entry.getKey());
            if (other == null) {
                missing.add(entry.getKey());
            } else {
                inputs.add(compare(entry.getKey(), entry.getValue(), other, notes));
            }
        }
        currents.keySet().stream().filter(b -> !baselines.containsKey(b))
                .forEach(b -> notes.add(b + " is in " + current + " only: not compared"));
        if (!missing.isEmpty()) {
            notes.add("missing from " + current + " (fails the check): " + String.join(", ", missing));
        }
        if (inputs.isEmpty()) {
            throw new InvalidInputException(current + ": none of the benchmarks of " + baseline + " ("
                    + String.join(", ", baselines.keySet()) + ") has a file here");
        }
        return new ReportSuite(inputs, notes, missing);
    }

    /** One benchmark: load both sides, check the platforms, settle unit and direction, apply the rule(s). */
    private ReportInput compare(String benchmark, Path baselineFile, Path currentFile, List<String> suiteNotes) {
        DatasetLoader loader = inputOptions.loader();
        Dataset baselineData = load(loader, baselineFile);
        Dataset currentData = load(loader, currentFile);
        PlatformGuard.check(baselineData.platform(), currentData.platform(), platformOptions.allowMismatch(),
                "measure a baseline on this platform").stream().filter(n -> !suiteNotes.contains(n)).forEach(suiteNotes::add);
        List<String> notes = new ArrayList<>();
        Direction direction = direction(baselineData, currentData, notes);
        CheckResult result = ruleOptions.check()
                .withLenient(lenient)
                .with(direction)
                .compare(baselineData.data(), currentData.data());
        GateOutcome gate = gateRule.gate() ? gate(baselineData, currentData, direction)
                .withFloor(ruleOptions.minDelta(), result.medianChange()) : null;
        String unit = baselineData.unit() != null ? baselineData.unit() : currentData.unit();
        return new ReportInput(benchmark, unit, result, baselineData.data(), currentData.data(),
                baselineFile.toString(), currentFile.toString(), notes, gate);
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

    /**
     * Which way is better: {@code --direction}, else from the unit. Without a unit on either side (a
     * PerformanceData file whose sidecar was lost) the default, lower is better, is said in a note:
     * a throughput file compared that way would call every slowdown an improvement.
     */
    private Direction direction(Dataset baselineData, Dataset currentData, List<String> notes) {
        String b = baselineData.unit();
        String c = currentData.unit();
        if (b != null && c != null && !b.equals(c)) {
            throw new InvalidInputException("the baseline is in " + b + " (" + baselineData.source()
                    + ") but the current data in " + c + " (" + currentData.source() + "): compare like with like");
        }
        if (direction != null) {
            return switch (direction.toLowerCase(Locale.ROOT)) {
                case "lower" -> Direction.LOWER_IS_BETTER;
                case "higher" -> Direction.HIGHER_IS_BETTER;
                default -> throw new IllegalArgumentException("--direction must be lower or higher, got " + direction);
            };
        }
        if (b == null && c == null) {
            notes.add("no unit known (no sidecar " + Sidecar.pathFor(Path.of(baselineData.source())).getFileName()
                    + "): compared as lower-is-better; for throughput pass --direction higher");
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
