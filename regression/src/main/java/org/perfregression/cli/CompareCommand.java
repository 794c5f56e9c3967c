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
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkedSamples;
import org.perfregression.gate.GateCheck;
import org.perfregression.gate.GateOutcome;
import org.perfregression.gate.RunEffect;
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
        ReportTargets targets = ReportTargets.of(formats, output)
                .protecting(BenchmarkFolder.dataFiles(baseline).toArray(new Path[0]))
                .protecting(BenchmarkFolder.dataFiles(current).toArray(new Path[0]));
        boolean folders = Files.isDirectory(baseline) || Files.isDirectory(current);
        ReportSuite suite;
        if (folders) {
            suite = compareFolders();
        } else {
            suite = compareAll(List.of(load(BenchmarkFolder.benchmarkOf(baseline), baseline, current)), List.of(),
                    List.of());
        }
        targets.writeAll(suite, spec.commandLine().getOut(), spec.commandLine().getErr(), System.getenv());
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
        Map<String, Path> baselines = BenchmarkFolder.complete(baseline, "baseline");
        Map<String, Path> currents = BenchmarkFolder.complete(current, "current run");
        if (baselines.isEmpty()) {
            throw new InvalidInputException(baseline + ": no benchmark files (<benchmark>.json) in this folder");
        }
        List<String> notes = new ArrayList<>();
        List<Pair> pairs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Path> entry : baselines.entrySet()) {
            Path other = currents.get(entry.getKey());
            if (other == null) {
                missing.add(entry.getKey());
            } else {
                pairs.add(load(entry.getKey(), entry.getValue(), other));
            }
        }
        currents.keySet().stream().filter(b -> !baselines.containsKey(b))
                .forEach(b -> notes.add(b + " is in " + current + " only: not compared"));
        if (!missing.isEmpty()) {
            notes.add("missing from " + current + " (fails the check): " + String.join(", ", missing));
        }
        if (pairs.isEmpty()) {
            throw new InvalidInputException(current + ": none of the benchmarks of " + baseline + " ("
                    + String.join(", ", baselines.keySet()) + ") has a file here");
        }
        return compareAll(pairs, notes, missing);
    }

    /** One benchmark's two sides, loaded. */
    private record Pair(String benchmark, Path baselineFile, Path currentFile, Dataset baseline, Dataset current) {
    }

    private Pair load(String benchmark, Path baselineFile, Path currentFile) {
        DatasetLoader loader = inputOptions.loader();
        return new Pair(benchmark, baselineFile, currentFile, load(loader, baselineFile), load(loader, currentFile));
    }

    /**
     * Every benchmark: the platforms checked, unit and direction settled, the seed rule applied, and
     * with the gate the main job's steps on the whole suite: one run effect estimated over every
     * benchmark's changes, flags re-measured where the current data has confirmation forks, and the
     * re-measured flags decided together at one false discovery rate.
     */
    private ReportSuite compareAll(List<Pair> pairs, List<String> suiteNotes, List<String> missing) {
        List<String> notes = new ArrayList<>(suiteNotes);
        List<List<String>> pairNotes = new ArrayList<>();
        List<Direction> directions = new ArrayList<>();
        List<CheckResult> seeds = new ArrayList<>();
        for (Pair pair : pairs) {
            PlatformGuard.check(pair.baseline().platform(), pair.current().platform(), platformOptions.allowMismatch(),
                    "measure a baseline on this platform").stream().filter(n -> !notes.contains(n)).forEach(notes::add);
            List<String> own = new ArrayList<>();
            Direction direction = direction(pair.baseline(), pair.current(), own);
            pairNotes.add(own);
            directions.add(direction);
            boolean wholeForks = gateRule.gate() && pair.baseline().forks() != null && pair.current().forks() != null;
            seeds.add(ruleOptions.check().withLenient(lenient).withEqualSampleCounts(!wholeForks).with(direction)
                    .compare(pair.baseline().data(), firstMeasurement(pair.current())));
        }
        List<GateOutcome> gates = gateRule.gate() ? gates(pairs, directions) : null;
        List<ReportInput> inputs = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            Pair pair = pairs.get(i);
            GateOutcome gate = gates == null ? null : gates.get(i).withFloor(ruleOptions.minDelta(),
                    seeds.get(i).medianChange());
            String unit = pair.baseline().unit() != null ? pair.baseline().unit() : pair.current().unit();
            inputs.add(new ReportInput(pair.benchmark(), unit, seeds.get(i), pair.baseline().data(),
                    firstMeasurement(pair.current()), pair.baselineFile().toString(), pair.currentFile().toString(),
                    pairNotes.get(i), gate));
        }
        return new ReportSuite(inputs, notes, missing);
    }

    /**
     * The samples of a run's first measurement: a main job's results also hold confirmation forks,
     * which re-measure flags and must not count twice (the main job's reports leave them out too).
     */
    private static PerformanceData firstMeasurement(Dataset data) {
        return data.forks() == null ? data.data() : data.forks().firstMeasurement(data.data(), data.source());
    }

    /** The fork-aware gate on every pair, as one suite (see {@link #compareAll}). */
    private List<GateOutcome> gates(List<Pair> pairs, List<Direction> directions) {
        List<Map<SubsectionKey, ForkedSamples>> baselines = new ArrayList<>();
        List<Map<SubsectionKey, ForkedSamples>> currents = new ArrayList<>();
        List<double[]> changes = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            for (Dataset d : List.of(pairs.get(i).baseline(), pairs.get(i).current())) {
                if (d.forks() == null) {
                    throw new InvalidInputException(d.source() + ": --rule gate needs to know which fork each sample "
                            + "came from: a JMH result file, or PerformanceData with its sidecar's \"forks\" (the main "
                            + "job writes them)");
                }
            }
            Dataset b = pairs.get(i).baseline();
            Dataset c = pairs.get(i).current();
            baselines.add(b.forks().split(b.data(), false, b.source()));
            currents.add(c.forks().split(c.data(), false, c.source()));
            changes.addAll(gateRule.check(directions.get(i)).changes(baselines.get(i), currents.get(i)));
        }
        // The machine moved every benchmark of the run alike: one effect for the whole suite.
        RunEffect run = RunEffect.estimate(changes);
        List<GateCheck> checks = new ArrayList<>();
        List<GateOutcome> remeasured = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            GateCheck check = gateRule.check(directions.get(i));
            check = gateRule.interleaved() ? check.sideBySide(baselines.get(i), currents.get(i))
                    : check.withRunEffect(run);
            GateOutcome first = check.compare(baselines.get(i), currents.get(i));
            Dataset c = pairs.get(i).current();
            Map<SubsectionKey, ForkedSamples> fresh = c.forks().split(c.data(), true, c.source());
            checks.add(check);
            remeasured.add(fresh.isEmpty() ? first : check.remeasure(first, baselines.get(i), fresh));
        }
        double threshold = checks.get(0).discoveryThreshold(remeasured.stream().filter(GateOutcome::confirmationRun)
                .toList());
        List<GateOutcome> decided = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            GateOutcome r = remeasured.get(i);
            decided.add(r.confirmationRun() ? checks.get(i).decide(r, threshold) : r);
        }
        return decided;
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
