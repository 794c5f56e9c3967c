package org.perfregression.cli;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.perfregression.ab.AbFolder;
import org.perfregression.ab.AbMeasurement;
import org.perfregression.ab.AbRun;
import org.perfregression.ab.AbSide;
import org.perfregression.analysis.BenchmarkPair;
import org.perfregression.analysis.SuiteComparison;
import org.perfregression.check.Direction;
import org.perfregression.data.InvalidInputException;
import org.perfregression.input.Dataset;
import org.perfregression.report.ReportSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ab}: two builds (or two JVMs) measured interleaved on this machine, and the verdict of the second against the first. */
@Command(name = "ab",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        usageHelpWidth = 100,
        sortOptions = false,
        description = {"Runs the same JMH benchmarks of two runnable benchmark jars (or one jar under two JVMs or two "
                + "sets of JVM arguments) on this machine, fork by fork, interleaved: each pass runs every combination on "
                + "both sides back to back, in random order, so that the machine's slow phases hit both sides alike. "
                + "Then the fork-aware gate decides whether the current side is slower, with the seed's rule beside it.",
            "",
            "Anything this command does not know is passed to JMH for both sides: a benchmark regex, -p name=v1,v2, "
                + "-wi, -i, -w, -r, -tu, -bm... JMH's -f N sets the number of passes (forks per side and combination)."},
        footer = {"", "Examples:",
            "  ab --baseline-jar main/benchmarks.jar --current-jar pr/benchmarks.jar 'MyBench' --budget 15m \\",
            "     --format markdown=perf.md --format junit=perf.xml",
            "  ab --baseline-jar b.jar --current-jar b.jar --current-java /opt/jdk-25/bin/java -f 4",
            "",
            "Both sides' samples (PerformanceData with fork sidecars) stay in the results folder; re-analyse them with",
            "  compare --rule gate --interleaved -b DIR/baseline -c DIR/current",
            "", ExitCode.HELP})
public final class AbCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--baseline-jar", paramLabel = "JAR",
            description = "The reference build: a runnable JMH benchmarks jar (e.g. built from the base branch).")
    Path baselineJar;

    @Option(names = "--current-jar", paramLabel = "JAR",
            description = "The build under test; may be the same jar as the baseline.")
    Path currentJar;

    @Option(names = "--baseline-classpath", paramLabel = "CLASSPATH",
            description = "Instead of --baseline-jar: a module's class path (its compiled benchmarks with JMH's "
                    + "benchmark list, JMH, its dependencies), entries separated as java -cp takes them.")
    String baselineClasspath;

    @Option(names = "--current-classpath", paramLabel = "CLASSPATH",
            description = "Instead of --current-jar: the module's class path under test.")
    String currentClasspath;

    @Option(names = "--baseline-commit", paramLabel = "SHA",
            description = "The commit the baseline was built from, for the reports (default: the jar's manifest).")
    String baselineCommit;

    @Option(names = "--current-commit", paramLabel = "SHA",
            description = "The commit the current side was built from, for the reports.")
    String currentCommit;

    @Option(names = "--common-only",
            description = "Measure the benchmark combinations both sides have and name the others, instead of "
                    + "refusing sides that differ (a change that adds or removes a benchmark).")
    boolean commonOnly;

    @Option(names = "--baseline-jvm-args", paramLabel = "ARGS",
            description = "JVM arguments for every baseline fork, separated by spaces, before the benchmark's own.")
    String baselineJvmArgs = "";

    @Option(names = "--current-jvm-args", paramLabel = "ARGS",
            description = "JVM arguments for every current fork, e.g. \"-Daccessor.slowdown.pct=10\".")
    String currentJvmArgs = "";

    @Option(names = "--baseline-java", paramLabel = "JAVA",
            description = "The java executable of the baseline side (default: the one running this command).")
    Path baselineJava;

    @Option(names = "--current-java", paramLabel = "JAVA",
            description = "The java executable of the current side (default: the one running this command).")
    Path currentJava;

    @Option(names = "--results-dir", paramLabel = "DIR",
            description = "Where both sides' samples and JMH's logs go: a new or empty folder (default: "
                    + "ab-results/<time>). A folder that holds anything (an earlier run, baselines) is refused.")
    Path resultsDir;

    @Option(names = "--format", paramLabel = "FORMAT[=FILE]",
            description = "A report: text, json, markdown, junit, html, or the current run for a dashboard: "
                    + "github-action-benchmark or bencher; to FILE or standard output. "
                    + "Repeat for several (default: text).")
    List<String> formats = new ArrayList<>();

    @Option(names = "--budget", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How long the run may take, e.g. 20m, 90s, 1h; the first pass's time sizes the number of "
                    + "passes (at least " + AbRun.MIN_PASSES + ", at most " + AbRun.MAX_PASSES + "). Ignored with -f "
                    + "(default: 20m).")
    Duration budget = Duration.ofMinutes(20);

    @Mixin
    RuleOptions ruleOptions;

    @Mixin
    GateRuleOptions gateRule = new GateRuleOptions(GateRuleOptions.Rule.gate);

    /** The current side is the run under test: {@code --history} records it, under {@code --commit}. */
    @Mixin
    HistoryOptions history = new HistoryOptions();

    @Unmatched
    List<String> jmhArgs = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        history.requireConsistent(null);
        if (spec.commandLine().getParseResult().hasMatchedOption("--movement-runs")) {
            throw new InvalidInputException("--movement-runs is for the main job and compare: ab measures both sides "
                    + "side by side, so nothing moved between them");
        }
        history.prepare();
        gateRule.acceptances(); // a mistake in them is named before the measuring, not after
        gateRule.thresholds();
        Path dir = resultsDir != null ? resultsDir
                : Path.of("ab-results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        AbFolder folder = new AbFolder(dir);
        Path thisJava = Path.of(System.getProperty("java.home"), "bin", "java");
        AbSide baseline = side(AbSide.BASELINE, baselineJar, baselineClasspath, baselineCommit,
                baselineJava != null ? baselineJava : thisJava, baselineJvmArgs).checked();
        AbSide current = side(AbSide.CURRENT, currentJar, currentClasspath, currentCommit,
                currentJava != null ? currentJava : thisJava, currentJvmArgs).checked();
        // The sides' jars, not their class path folders: a report may well go to the working folder.
        ReportTargets targets = ReportTargets.of(formats, null)
                .protecting(baseline.classPath().stream().filter(java.nio.file.Files::isRegularFile).toArray(Path[]::new))
                .protecting(current.classPath().stream().filter(java.nio.file.Files::isRegularFile).toArray(Path[]::new))
                .protecting(folder.files().toArray(new Path[0]));
        List<String> jmh = new ArrayList<>(jmhArgs);
        Integer passes = passes(jmh);
        long seed = System.nanoTime();
        PrintStream terminal = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        AbMeasurement measurement = new AbRun(baseline, current, jmh, passes, budget, folder, seed)
                .withCommonOnly(commonOnly).run(terminal);
        String bDescription = baseline.describe(measurement.jvmVersion(baseline.label()));
        String cDescription = current.describe(measurement.jvmVersion(current.label()));
        List<String> notes = new ArrayList<>();
        notes.add("A/B on one machine, interleaved fork by fork: " + bDescription + " | " + cDescription);
        notes.addAll(measurement.unmatched());
        List<BenchmarkPair> pairs = new ArrayList<>();
        Map<String, Dataset> currents = new LinkedHashMap<>();
        for (String dataset : measurement.datasets()) {
            // A data set per benchmark method and mode, as the main job writes them: each its own unit,
            // direction and, side by side, its own shift.
            Path baselineFile = folder.samples(baseline.label(), dataset);
            Path currentFile = folder.samples(current.label(), dataset);
            Dataset b = measurement.side(baseline.label(), dataset, baselineFile.toString());
            Dataset c = measurement.side(current.label(), dataset, currentFile.toString());
            AbMeasurement.write(b, baselineFile, sidecarExtra(baseline, measurement, seed));
            AbMeasurement.write(c, currentFile, sidecarExtra(current, measurement, seed));
            if (b.unit() != null && c.unit() != null && !b.unit().equals(c.unit())) {
                throw new InvalidInputException("the baseline side measures " + dataset + " in " + b.unit()
                        + ", the current side in " + c.unit() + ": the benchmarks' @OutputTimeUnit differs; pass -tu to both");
            }
            pairs.add(new BenchmarkPair(dataset, named(b, bDescription), named(c, cDescription),
                    Direction.ofUnit(b.unit()), List.of()));
            currents.put(dataset, c);
        }
        Path baselineDir = folder.samples(baseline.label());
        Path currentDir = folder.samples(current.label());
        notes.add("samples: " + baselineDir + " and " + currentDir + " (re-analyse: compare --rule gate --interleaved -b "
                + baselineDir + " -c " + currentDir + ")");
        ReportSuite suite = SuiteComparison.of(ruleOptions.check().withLenient(true)).withMinDelta(ruleOptions.minDelta())
                .withAcceptances(gateRule.acceptances(), java.time.LocalDate.now())
                .withThresholds(gateRule.thresholds())
                .withGate(gateRule.gate() ? gateRule.check(Direction.LOWER_IS_BETTER) : null).withInterleaved(true)
                .compare(pairs, notes, List.of());
        terminal.println();
        targets.writeAll(suite, spec.commandLine().getOut(), spec.commandLine().getErr(), System.getenv());
        // After the verdict: the current side as a run of its own, named as the reports name it.
        String recorded = history.record(currents, folder.dir().toString());
        if (recorded != null) {
            spec.commandLine().getOut().println(recorded);
        }
        return suite.failed() ? ExitCode.REGRESSION : ExitCode.OK;
    }

    /** One side from its jar or its class path (exactly one of them), not yet checked. */
    private static AbSide side(String label, Path jar, String classPath, String commit, Path java, String jvmArgs) {
        String jarOption = "--" + label + "-jar";
        String classPathOption = "--" + label + "-classpath";
        if ((jar == null) == (classPath == null)) {
            throw new InvalidInputException("give the " + label + " side as " + jarOption + " JAR or as "
                    + classPathOption + " CLASSPATH" + (jar != null ? ", not both" : ""));
        }
        List<Path> entries = jar != null ? List.of(jar) : Arrays.stream(classPath.split(File.pathSeparator))
                .filter(e -> !e.isBlank()).map(Path::of).toList();
        if (entries.isEmpty()) {
            throw new InvalidInputException(classPathOption + ": empty");
        }
        return new AbSide(label, entries, java, split(jvmArgs), commit == null || commit.isBlank() ? null : commit);
    }

    /** The side as the reports name it: its jar, commit, JVM and arguments rather than the samples' file. */
    private static Dataset named(Dataset side, String description) {
        return new Dataset(side.data(), side.unit(), side.platform(), description, side.forks());
    }

    private static Map<String, Object> sidecarExtra(AbSide side, AbMeasurement measurement, long seed) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("ab", side.toMap(measurement.jvmVersion(side.label())));
        extra.put("ab_seed", seed);
        return extra;
    }

    /** JMH's {@code -f N} among the passed-through options: the passes; removed, since each host runs single forks. */
    static Integer passes(List<String> jmh) {
        for (int i = 0; i < jmh.size(); i++) {
            String arg = jmh.get(i);
            String value = arg.equals("-f") && i + 1 < jmh.size() ? jmh.get(i + 1)
                    : arg.startsWith("-f") && arg.length() > 2 && Character.isDigit(arg.charAt(2)) ? arg.substring(2) : null;
            if (value != null) {
                int n;
                try {
                    n = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("-f " + value + ": the number of passes must be a whole number");
                }
                if (n < AbRun.MIN_PASSES) {
                    throw new InvalidInputException("-f " + n + ": the gate needs at least " + AbRun.MIN_PASSES
                            + " forks per side of every combination");
                }
                jmh.subList(i, arg.equals("-f") ? i + 2 : i + 1).clear();
                return n;
            }
        }
        return null;
    }

    private static List<String> split(String args) {
        return args == null || args.isBlank() ? List.of() : Arrays.asList(args.trim().split("\\s+"));
    }

    /** {@code 20m}, {@code 90s}, {@code 1h30m}, or ISO-8601 {@code PT20M}. */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toUpperCase(Locale.ROOT);
            try {
                Duration d = v.startsWith("P") ? Duration.parse(v)
                        : Duration.parse("PT" + (v.matches("\\d+") ? v + "S" : v));
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException();
                }
                return d;
            } catch (RuntimeException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a time such as 20m, 90s or 1h");
            }
        }
    }
}
