package org.perfregression.maven;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.perfregression.data.AtomicFolder;
import org.perfregression.api.Comparison;
import org.perfregression.api.Outcome;
import org.perfregression.check.Direction;
import org.perfregression.check.RegressionCheck;
import org.perfregression.check.RegressionRule;
import org.perfregression.cli.HarnessMain;
import org.perfregression.cli.ReportTargets;
import org.perfregression.data.FileNames;
import org.perfregression.data.InvalidInputException;
import org.perfregression.gate.ForkGate;
import org.perfregression.gate.GateCheck;
import org.perfregression.input.BenchmarkFolder;
import org.perfregression.platform.PlatformMismatchException;
import org.perfregression.platform.Platform;

/**
 * What every goal shares: where the baselines are, for which platform, where reports go, and how
 * JMH runs. Every parameter has a {@code perf.*} property.
 */
abstract class BenchmarkMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** Skip the goal. */
    @Parameter(property = "perf.skip", defaultValue = "false")
    boolean skip;

    /** The ground truth: baselines per platform in {@code <gtDirectory>/<platform>/}. Commit it. */
    @Parameter(property = "perf.gtDirectory", defaultValue = "${project.basedir}/src/perf/gt")
    File gtDirectory;

    /** The platform's name; default this machine's id, e.g. {@code linux-amd64-2cpu-jdk17}. */
    @Parameter(property = "perf.platform")
    String platform;

    /** Where the JMH results and every report go. */
    @Parameter(property = "perf.outputDirectory", defaultValue = "${project.build.directory}/perf-regression")
    File outputDirectory;

    /** JMH's benchmark regular expression; default every benchmark of the module. */
    @Parameter(property = "perf.include")
    String include;

    /**
     * JMH's regular expression of benchmarks to leave out (its {@code -e}), in {@code regenerate} and
     * {@code check} alike: neither measured nor gated; default none.
     */
    @Parameter(property = "perf.exclude")
    String exclude;

    /**
     * Forks (interleaved passes) per benchmark and parameter combination of a check, at least (see
     * {@code budget}); flagged subsections get {@code confirmForks} more. The gate needs at least 2.
     */
    @Parameter(property = "perf.forks", defaultValue = "3")
    int forks;

    /**
     * Seconds a check's first measurement may take: forks per combination rise from {@code forks} up
     * to {@code maxForks} while they fit (a fork lasts its warmup and measurement iterations plus
     * about half a second to start). A module of two benchmarks then measures 12 forks each instead
     * of 3, and sees changes about a third smaller; one of many combinations stays at {@code forks}.
     * {@code regenerate} may take four times as long, from {@code baselineForks} up to four times as
     * many. 0: always {@code forks} and {@code baselineForks}. For {@code ab}, the whole run's time
     * (default 600), which sizes its passes.
     */
    @Parameter(property = "perf.budget")
    Integer budget;

    /** {@link #budget} as given, else the goal's default. */
    int budgetSeconds() {
        return budget != null ? budget : defaultBudgetSeconds();
    }

    /** The goal's budget when none is given: a check's first measurement takes a minute. */
    int defaultBudgetSeconds() {
        return 60;
    }

    /** The most forks per combination that {@code budget} buys. */
    @Parameter(property = "perf.maxForks", defaultValue = "12")
    int maxForks;

    /**
     * Forks per combination of {@code regenerate}: the baselines' fork-to-fork noise is known from
     * them. With {@code iterations} they must give at least 100 samples per subsection.
     */
    @Parameter(property = "perf.baselineForks", defaultValue = "10")
    int baselineForks;

    /** Fresh forks that re-measure each flagged subsection before it fails the build (0: none). */
    @Parameter(property = "perf.confirmForks", defaultValue = "3")
    int confirmForks;

    /**
     * The benchmarks' parameter values this module's suite is made of, JMH's {@code -p} syntax
     * separated by spaces, e.g. {@code size=10,100 mode=fast}; default every {@code @Param} value.
     * Baselines cover exactly these.
     */
    @Parameter(property = "perf.params")
    String params;

    /** Warmup iterations per fork. */
    @Parameter(property = "perf.warmupIterations", defaultValue = "5")
    int warmupIterations;

    /** Time of each warmup iteration, JMH's syntax. */
    @Parameter(property = "perf.warmupTime", defaultValue = "100ms")
    String warmupTime;

    /** Measurement iterations per fork: each is one sample. */
    @Parameter(property = "perf.iterations", defaultValue = "10")
    int iterations;

    /** Time of each measurement iteration, JMH's syntax. */
    @Parameter(property = "perf.time", defaultValue = "100ms")
    String time;

    /**
     * JVM options appended to the benchmark forks (JMH's {@code -jvmArgsAppend}, which splits them at
     * spaces, so no option can contain one), after the benchmarks' own {@code @Fork(jvmArgsAppend)}.
     */
    @Parameter(property = "perf.jvmArgs")
    String jvmArgs;

    /** Any other JMH options, separated by spaces, quotes keeping a word together: {@code -p size=10,100 -p "label=a b"}. */
    @Parameter(property = "perf.jmhArgs")
    String jmhArgs;

    /** The rule that decides: {@code gate} (fork-aware, the default) or {@code seed}. */
    @Parameter(property = "perf.rule", defaultValue = "gate")
    String rule;

    /**
     * Regressions accepted for a while, each with a pattern, a reason and an optional expiry date
     * ({@link AcceptedRegression}): reported, failing no build until they expire. Gate only.
     */
    @Parameter
    List<AcceptedRegression> acceptedRegressions = new ArrayList<>();

    /** Minimum changes of their own for the benchmarks a pattern names ({@link Threshold}). Gate only. */
    @Parameter
    List<Threshold> thresholds = new ArrayList<>();

    /**
     * The POM's per-benchmark policy as the library's options ({@code --accept REGEX=REASON[@DATE]},
     * {@code --min-change-for REGEX=PCT}): what the main job reads, and what {@link #comparison}
     * parses with the library's own parsers, so the two can never read it differently.
     */
    List<String> policyOptions() throws MojoExecutionException {
        List<String> options = new ArrayList<>();
        try {
            for (AcceptedRegression accepted : acceptedRegressions) {
                options.addAll(List.of("--accept", accepted.toOption()));
            }
            for (Threshold threshold : thresholds) {
                options.addAll(List.of("--min-change-for", threshold.toOption()));
            }
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage());
        }
        return options;
    }

    /** The values of {@code option} in {@link #policyOptions}, read by {@code parse}. */
    private <T> List<T> policy(String option, java.util.function.Function<String, T> parse) throws MojoExecutionException {
        List<String> options = policyOptions();
        List<T> values = new ArrayList<>();
        try {
            for (int i = 0; i < options.size(); i += 2) {
                if (options.get(i).equals(option)) {
                    values.add(parse.apply(options.get(i + 1)));
                }
            }
        } catch (org.perfregression.data.InvalidInputException e) {
            throw new MojoExecutionException(e.getMessage());
        }
        return values;
    }

    /** Compare with baselines of another platform anyway; the verdict is then advisory. */
    @Parameter(property = "perf.allowPlatformMismatch", defaultValue = "false")
    boolean allowPlatformMismatch;

    /**
     * Gate: changes smaller than this percentage are never a verdict; default the gate's own (the
     * main job's, whose A/A runs are measured).
     */
    @Parameter(property = "perf.minChange", defaultValue = "3")
    double minChange;

    /** Absolute floor in the data's unit: smaller median changes are never a verdict (0: off). */
    @Parameter(property = "perf.minDelta", defaultValue = "0")
    double minDelta;

    /** A machine that runs the calibration kernel more than this much faster or slower than the baselines' fails. */
    @Parameter(property = "perf.machineTolerance", defaultValue = "15")
    double machineTolerance;

    /**
     * A second copy of the JUnit report where CI's test-report steps look by default (Maven's
     * {@code surefire-reports}, {@code TEST-*.xml}: Azure Pipelines, Jenkins' usual pattern, GitLab's
     * {@code artifacts:reports:junit} as most projects set it); empty for none.
     */
    @Parameter(property = "perf.junitFile",
            defaultValue = "${project.build.directory}/surefire-reports/TEST-perf-regression.xml")
    File junitFile;

    /**
     * Make baselines even though the machine was busy during the run, and give a regression its
     * verdict even on a machine far busier than when its baselines were made.
     */
    @Parameter(property = "perf.allowBusy", defaultValue = "false")
    boolean allowBusy;

    /** The plugin's own jars (the library and its dependencies), for the harness's JVM. */
    @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
    List<Artifact> pluginArtifacts;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("perf-regression: skipped (perf.skip)");
            return;
        }
        run();
    }

    /** The goal itself, unless skipped. */
    abstract void run() throws MojoExecutionException, MojoFailureException;

    String platformName() {
        if (platform != null) {
            return FileNames.requirePlain(platform, "perf.platform");
        }
        String java = toolchainJava();
        Platform here = java == null ? Platform.current() : Platform.current().runningJvm(jdkVersion(java), null, null);
        return FileNames.requirePlain(here.id(), "perf.platform");
    }

    /** Selects the build's JDK toolchain, when the maven-toolchains-plugin chose one. */
    @org.apache.maven.plugins.annotations.Component
    org.apache.maven.toolchain.ToolchainManager toolchainManager;

    @Parameter(defaultValue = "${session}", readonly = true)
    org.apache.maven.execution.MavenSession session;

    /**
     * The {@code java} of the build's JDK toolchain (chosen by the maven-toolchains-plugin earlier in
     * the build), which then runs the main job and every fork; null without one (Maven's own JDK).
     */
    String toolchainJava() {
        if (toolchainManager == null || session == null) {
            return null;
        }
        org.apache.maven.toolchain.Toolchain toolchain = toolchainManager.getToolchainFromBuildContext("jdk", session);
        return toolchain == null ? null : toolchain.findTool("java");
    }

    /** The JDK's version from its {@code release} file ({@code JAVA_VERSION="25.0.1"}); null when unknown. */
    private static String jdkVersion(String java) {
        Path home = Path.of(java).toAbsolutePath().getParent().getParent();
        try {
            for (String line : Files.readAllLines(home.resolve("release"), StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return line.substring("JAVA_VERSION=".length()).replace("\"", "").trim();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** The {@code java} that runs the main job and its forks: the toolchain's, else Maven's own. */
    String java() {
        String java = toolchainJava();
        if (java != null) {
            getLog().info("perf-regression: the benchmarks run on the JDK toolchain's " + java);
            return java;
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * This module's ground truth: {@code <gtDirectory>/<artifactId>/}, so that modules sharing a
     * folder never replace each other's baselines; below it one folder per platform, one file per
     * benchmark method.
     */
    Path moduleGt() {
        return gtDirectory.toPath().resolve(FileNames.requirePlain(project.getArtifactId(), "artifactId"));
    }

    Path baselineDir() {
        return moduleGt().resolve(platformName());
    }

    /** Whether this platform has baselines. */
    boolean hasBaselines() {
        return !BenchmarkFolder.benchmarks(baselineDir()).isEmpty();
    }

    /** Why there is nothing to gate against, and the command that fixes it. */
    String missingBaseline() {
        return "no baseline for platform " + platformName() + " in " + baselineDir() + "; create it with: "
                + regenerateCommand() + " (and commit " + gtDirectory + ")";
    }

    private String regenerateCommand() {
        return "mvn " + (include == null ? "" : "-Dperf.include='" + include + "' ")
                + (exclude == null ? "" : "-Dperf.exclude='" + exclude + "' ") + "package perf-regression:regenerate";
    }

    /** Where the main job of this build writes its run: JMH's JSON and log, the samples, the reports. */
    Path runDir() {
        return outputDirectory.toPath().resolve("run");
    }

    /**
     * Runs the library's main job on this module's benchmarks in a JVM on the module's test class
     * path (where JMH's annotation processor wrote {@code META-INF/BenchmarkList}): interleaved
     * passes of one fork per combination, the calibration kernel beside every sample, the machine
     * check, confirmation forks, one PerformanceData file per benchmark method; its output goes to
     * the build log.
     *
     * @param goal the main job's own options, e.g. {@code --regenerate-gt}
     * @return the main job's exit code
     */
    int mainJob(List<String> goal) throws MojoExecutionException {
        List<String> command = new ArrayList<>(List.of(java(),
                "-cp", classPath(), HarnessMain.class.getName(),
                "--suite-command", "mvn perf-regression:check", "--suite-regenerate", regenerateCommand(),
                "--suite-gt-dir", moduleGt().toString(), "--suite-forks", String.valueOf(forks),
                "--suite-baseline-forks", String.valueOf(baselineForks), "--suite-iterations", String.valueOf(iterations),
                "--suite-budget", String.valueOf(budgetSeconds()), "--suite-max-forks", String.valueOf(maxForks)));
        if (include != null && !include.isBlank()) {
            command.addAll(List.of("--suite-include", include));
        }
        if (exclude != null && !exclude.isBlank()) {
            command.addAll(List.of("--suite-exclude", exclude));
        }
        if (params != null && !params.isBlank()) {
            for (String param : params.trim().split("\\s+")) {
                command.addAll(List.of("--suite-param", param));
            }
        }
        command.addAll(List.of("--platform", platformName(), "--results-dir", runDir().toString(),
                "--min-change", String.valueOf(minChange), "--min-delta", String.valueOf(minDelta),
                "--confirm-forks", String.valueOf(confirmForks), "--machine-tolerance", String.valueOf(machineTolerance),
                "--format", "markdown=" + outputDirectory.toPath().resolve("report.md"),
                "--format", "junit=" + outputDirectory.toPath().resolve("report.xml"),
                "--format", "html=" + outputDirectory.toPath().resolve("report.html"),
                "--rule", rule));
        if (ciJunit() != null) {
            command.addAll(List.of("--format", "junit=" + ciJunit()));
        }
        if (allowPlatformMismatch) {
            command.add("--allow-platform-mismatch");
        }
        if (allowBusy) {
            command.add("--allow-busy");
        }
        command.addAll(goal);
        command.addAll(policyOptions());
        command.addAll(jmhOptions());
        try (MeasurementLock lock = measurementLock()) {
            getLog().info("perf-regression: running the main job on this module's benchmarks (results in " + runDir() + ")");
            AtomicFolder.deleteTree(runDir()); // each build measures afresh; the last run's files are not inputs
            Files.createDirectories(outputDirectory.toPath());
            return run(new ProcessBuilder(command), "");
        } catch (IOException e) {
            throw new MojoExecutionException("cannot run the main job: " + e.getMessage(), e);
        }
    }

    /** JMH's options of every fork: iterations and their times, {@code jvmArgs}, then {@code jmhArgs}. */
    List<String> jmhOptions() throws MojoExecutionException {
        List<String> options = new ArrayList<>(List.of("-wi", String.valueOf(warmupIterations), "-w", warmupTime,
                "-i", String.valueOf(iterations), "-r", time));
        if (jvmArgs != null && !jvmArgs.isBlank()) {
            options.add("-jvmArgsAppend");
            options.add(jvmArgs.trim());
        }
        try {
            options.addAll(Words.split(jmhArgs, "perf.jmhArgs"));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage());
        }
        return options;
    }

    /** Waits until no other module or build measures on this machine, then holds the lock. */
    MeasurementLock measurementLock() throws IOException, MojoExecutionException {
        try {
            return MeasurementLock.acquire(MeasurementLock.defaultFile(), w -> getLog().info("perf-regression: " + w));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted while waiting for another module's benchmarks", e);
        }
    }

    /**
     * Runs {@code process} to its end, each line of its output (and errors) to the build log after
     * {@code prefix}; the last non-blank line is kept in {@link #lastLine}.
     *
     * @return its exit code
     */
    int run(ProcessBuilder process, String prefix) throws IOException, MojoExecutionException {
        Process started = process.redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null;) {
                if (prefix.isEmpty() || !line.isBlank()) {
                    getLog().info(prefix + line);
                }
                lastLine = line.isBlank() ? lastLine : line;
            }
        }
        try {
            return started.waitFor();
        } catch (InterruptedException e) {
            started.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted while the benchmarks ran", e);
        }
    }

    /**
     * Whether this module has benchmarks to run: none is a note and no run (a module of a multi-module
     * build whose parent declares the plugin); benchmark classes without JMH's benchmark list are a
     * one-line error naming the fix.
     */
    boolean hasBenchmarks() throws MojoExecutionException {
        ModuleBenchmarks found = ModuleBenchmarks.in(List.of(Path.of(project.getBuild().getOutputDirectory()),
                Path.of(project.getBuild().getTestOutputDirectory())));
        if (found.none()) {
            getLog().info("perf-regression: no JMH benchmarks in this module (no " + ModuleBenchmarks.LIST
                    + " and no @Benchmark class in its build output); nothing to measure");
            return false;
        }
        if (!found.listed()) {
            throw new MojoExecutionException(found.missingListError());
        }
        return true;
    }

    /** Where CI looks for the JUnit report, its folder created; null when {@code junitFile} is empty. */
    Path ciJunit() throws MojoExecutionException {
        if (junitFile == null || junitFile.getPath().isBlank()) {
            return null;
        }
        try {
            Files.createDirectories(junitFile.toPath().toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new MojoExecutionException("perf.junitFile " + junitFile + ": cannot create its folder: " + e.getMessage());
        }
        return junitFile.toPath();
    }

    /** The main job's last line of output: where it says why it stopped. */
    String lastLine = "";

    /** The module's test class path first (its JMH and benchmarks), then this plugin's own jars but JMH. */
    private String classPath() throws MojoExecutionException {
        List<String> entries = new ArrayList<>(moduleClassPath());
        entries.addAll(pluginJars(false));
        return String.join(File.pathSeparator, entries);
    }

    /** The module's test class path: its benchmarks (with JMH's list), JMH and its dependencies. */
    List<String> moduleClassPath() throws MojoExecutionException {
        try {
            return project.getTestClasspathElements();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("the test class path is not resolved: " + e.getMessage(), e);
        }
    }

    /** This plugin's own jars (the library and its dependencies), with or without its JMH. */
    List<String> pluginJars(boolean withJmh) {
        List<String> jars = new ArrayList<>();
        for (Artifact artifact : pluginArtifacts) {
            if (artifact.getFile() != null && (withJmh || !artifact.getArtifactId().startsWith("jmh-"))) {
                jars.add(artifact.getFile().getAbsolutePath());
            }
        }
        return jars;
    }

    /**
     * The build's result from the main job's exit code: 1 is a regression (named from the typed
     * outcome of the same comparison on the run's folder), 3 a machine or platform that is not
     * comparable, 2 an error (a benchmark that threw, bad input).
     */
    void outcome(int exit) throws MojoFailureException, MojoExecutionException {
        Path html = outputDirectory.toPath().resolve("report.html");
        switch (exit) {
            case 0 -> getLog().info("perf-regression: reports in " + outputDirectory + " (report.md, .xml, .html; the "
                    + "run's samples and report.json in " + runDir() + ")");
            case 1 -> throw regression(comparison().withMeasuredOnly(true), baselineDir(), runDir(), html);
            case 3 -> throw new MojoFailureException("not comparable with the baselines in " + baselineDir() + ": "
                    + withoutPrefix(lastLine));
            default -> throw new MojoExecutionException("the benchmarks could not be gated: " + withoutPrefix(lastLine));
        }
    }

    /** A front end's error line without the command's prefix ({@code ab: error: ...}). */
    static String withoutPrefix(String error) {
        return error.replaceFirst("^.*?: error: ", "");
    }

    /** The library's comparison with this build's rule, thresholds and platform policy. */
    Comparison comparison() throws MojoExecutionException {
        return Comparison.of(RegressionCheck.withDefaults().with(RegressionRule.withDefaults().withMinDelta(minDelta))
                        .withLenient(true))
                .withGate(gateCheck())
                .withMinDelta(minDelta)
                .withAcceptances(policy("--accept", org.perfregression.gate.Acceptance::parse), java.time.LocalDate.now())
                .withThresholds(policy("--min-change-for", org.perfregression.analysis.SuiteComparison.Threshold::parse))
                .withAllowPlatformMismatch(allowPlatformMismatch)
                .withWarnings(w -> getLog().warn(org.perfregression.data.Printable.of(w)));
    }

    /** The build's failure naming what regressed. */
    static MojoFailureException regression(Outcome outcome, Path report) {
        return regression(outcome.failures(), report);
    }

    /**
     * The build's failure after a run that regressed, naming what did from the typed outcome of the
     * same comparison on the run's files (no report is parsed back); the reports when they cannot be read.
     */
    static MojoFailureException regression(Comparison comparison, Path baseline, Path current, Path report) {
        try {
            return regression(comparison.run(baseline, current), report);
        } catch (IOException | RuntimeException e) {
            return new MojoFailureException("performance regression: see the verdict table above and " + report);
        }
    }

    /** The build's failure naming {@code failures}, the first {@link #SHOWN} of them. */
    static MojoFailureException regression(List<String> failures, Path report) {
        return new MojoFailureException("performance regression: " + failures.size() + " subsection"
                + (failures.size() == 1 ? "" : "s") + ": " + String.join("; ", failures.subList(0,
                        Math.min(SHOWN, failures.size()))) + (failures.size() > SHOWN ? "; ... "
                        + (failures.size() - SHOWN) + " more" : "") + " (see " + report + ")");
    }

    /**
     * Gates {@code current} (a results folder) against this platform's baselines with the library's
     * comparison: the same rule and reports as the command line's {@code compare}. Every report goes
     * to the output directory, the text report to the build log.
     */
    void gate(Path current) throws MojoFailureException, MojoExecutionException {
        if (!hasBaselines()) {
            throw new MojoFailureException(missingBaseline());
        }
        Path out = outputDirectory.toPath();
        Outcome outcome;
        StringWriter text = new StringWriter();
        StringWriter warnings = new StringWriter();
        try {
            List<String> formats = new ArrayList<>(List.of("text", "json=" + out.resolve("report.json"),
                    "markdown=" + out.resolve("report.md"), "junit=" + out.resolve("report.xml"),
                    "html=" + out.resolve("report.html")));
            if (ciJunit() != null) {
                formats.add("junit=" + ciJunit());
            }
            ReportTargets targets = ReportTargets.of(formats, null)
                    .protecting(BenchmarkFolder.dataFiles(baselineDir()).toArray(new Path[0]))
                    .protecting(BenchmarkFolder.dataFiles(current).toArray(new Path[0]));
            outcome = comparison().withMeasuredOnly(true).run(baselineDir(), current);
            targets.writeAll(outcome.suite(), new PrintWriter(text), new PrintWriter(warnings), System.getenv());
        } catch (PlatformMismatchException e) {
            throw new MojoFailureException("not comparable with the baselines in " + baselineDir() + ": "
                    + e.getMessage() + " (set perf.platform to this machine's own baselines and run "
                    + "perf-regression:regenerate, or perf.allowPlatformMismatch=true for an advisory comparison)");
        } catch (InvalidInputException | IllegalArgumentException e) {
            throw new MojoExecutionException("perf-regression compare failed: " + e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("perf-regression could not write its reports: " + e.getMessage(), e);
        }
        text.toString().lines().forEach(line -> getLog().info(line));
        warnings.toString().lines().filter(l -> !l.isBlank()).forEach(line -> getLog().warn(line));
        getLog().info("perf-regression: reports in " + out + " (report.txt on the console, .json, .md, .xml, .html)");
        if (outcome.failed()) {
            throw regression(outcome, out.resolve("report.html"));
        }
    }

    /** Failures the build message names; the reports have all. */
    private static final int SHOWN = 10;

    /** The gate with this build's minimum change; null under the seed rule. */
    private GateCheck gateCheck() throws MojoExecutionException {
        return switch (rule) {
            case "gate" -> new GateCheck(ForkGate.withDefaults().withMinChangePct(minChange), Direction.LOWER_IS_BETTER);
            case "seed" -> null;
            default -> throw new MojoExecutionException("perf.rule must be gate or seed, got " + rule);
        };
    }
}
