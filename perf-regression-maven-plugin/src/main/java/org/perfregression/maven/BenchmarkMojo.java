package org.perfregression.maven;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.perfregression.cli.ExitCode;
import org.perfregression.cli.Main;
import org.perfregression.data.FileNames;
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

    /** Forked JVMs per benchmark (the gate needs at least 2 to see fork-to-fork noise). */
    @Parameter(property = "perf.forks", defaultValue = "3")
    int forks;

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

    /** JVM options appended to the benchmark forks (JMH's {@code -jvmArgsAppend}), space separated. */
    @Parameter(property = "perf.jvmArgs")
    String jvmArgs;

    /** Any other JMH options, space separated, e.g. {@code -p size=10,100}. */
    @Parameter(property = "perf.jmhArgs")
    String jmhArgs;

    /** The rule that decides: {@code gate} (fork-aware, the default) or {@code seed}. */
    @Parameter(property = "perf.rule", defaultValue = "gate")
    String rule;

    /** Compare with baselines of another platform anyway; the verdict is then advisory. */
    @Parameter(property = "perf.allowPlatformMismatch", defaultValue = "false")
    boolean allowPlatformMismatch;

    /**
     * Gate: changes smaller than this percentage are never a verdict. A build compares with baselines
     * measured at another time, and on a shared machine whole runs move by a few percent (measured
     * here: unchanged code flagged at +4 % in 5 of 8 builds at the gate's own 3 %); below this, use {@code ab}.
     */
    @Parameter(property = "perf.minChange", defaultValue = "10")
    double minChange;

    /** Absolute floor in the data's unit: smaller median changes are never a verdict (0: off). */
    @Parameter(property = "perf.minDelta", defaultValue = "0")
    double minDelta;

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
        return FileNames.requirePlain(platform != null ? platform : Platform.current().id(), "perf.platform");
    }

    /** This module's baselines: one PerformanceData file named after the artifact, with sidecar and metadata. */
    Path baselineDir() {
        return gtDirectory.toPath().resolve(platformName());
    }

    Path baselineFile() {
        return baselineDir().resolve(project.getArtifactId() + ".json");
    }

    /** Why there is nothing to gate against, and the command that fixes it. */
    String missingBaseline() {
        return "no baseline for platform " + platformName() + " in " + baselineDir() + "; create it with: mvn "
                + (include == null ? "" : "-Dperf.include='" + include + "' ")
                + "package perf-regression:regenerate (and commit " + gtDirectory + ")";
    }

    Path jmhResult() {
        return outputDirectory.toPath().resolve("jmh-result.json");
    }

    /** Runs the module's benchmarks. */
    void runBenchmarks() throws MojoExecutionException, MojoFailureException {
        List<String> options = new ArrayList<>();
        if (include != null && !include.isBlank()) {
            options.add(include);
        }
        options.addAll(List.of("-f", String.valueOf(forks), "-wi", String.valueOf(warmupIterations), "-w", warmupTime,
                "-i", String.valueOf(iterations), "-r", time));
        if (jvmArgs != null && !jvmArgs.isBlank()) {
            options.add("-jvmArgsAppend");
            options.add(jvmArgs.trim());
        }
        if (jmhArgs != null && !jmhArgs.isBlank()) {
            options.addAll(Arrays.asList(jmhArgs.trim().split("\\s+")));
        }
        JmhRun run;
        try {
            run = new JmhRun(Path.of(System.getProperty("java.home"), "bin", "java"),
                    project.getTestClasspathElements(), options, jmhResult(),
                    outputDirectory.toPath().resolve("jmh.log"));
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("the test class path is not resolved: " + e.getMessage(), e);
        }
        getLog().info("perf-regression: running JMH (" + String.join(" ", options) + "); its output: " + run.log());
        try {
            run.run(line -> getLog().info(line));
        } catch (JmhRun.Failure e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot run JMH: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted while JMH ran", e);
        }
    }

    /**
     * Gates {@code current} (a JMH result file) against this platform's baselines with the library's
     * {@code compare}: the same rule, reports and exit codes as the command line. Every report goes to
     * the output directory.
     */
    void gate(Path current, boolean failOnMissingBaseline) throws MojoFailureException, MojoExecutionException {
        Path baseline = baselineFile();
        if (!Files.isRegularFile(baseline)) {
            String message = missingBaseline();
            if (failOnMissingBaseline) {
                throw new MojoFailureException(message);
            }
            getLog().warn(message + "; not gated (failOnMissingBaseline=false)");
            return;
        }
        Path out = outputDirectory.toPath();
        List<String> args = new ArrayList<>(List.of("compare", "-b", baseline.toString(), "-c", current.toString(),
                "--lenient", "--rule", rule, "--min-change", String.valueOf(minChange), "--min-delta",
                String.valueOf(minDelta), "--format", "text",
                "--format", "json=" + out.resolve("report.json"), "--format", "markdown=" + out.resolve("report.md"),
                "--format", "junit=" + out.resolve("report.xml"), "--format", "html=" + out.resolve("report.html")));
        if (allowPlatformMismatch) {
            args.add("--allow-platform-mismatch");
        }
        StringWriter text = new StringWriter();
        StringWriter errors = new StringWriter();
        int exit = Main.run(new PrintWriter(text), new PrintWriter(errors), args.toArray(new String[0]));
        text.toString().lines().forEach(line -> getLog().info(line));
        errors.toString().lines().filter(l -> !l.isBlank()).forEach(line -> getLog().warn(line));
        getLog().info("perf-regression: reports in " + out + " (report.txt on the console, .json, .md, .xml, .html)");
        switch (exit) {
            case ExitCode.OK -> { }
            case ExitCode.REGRESSION -> throw new MojoFailureException("performance regression: " + Regressions.named(
                    out.resolve("report.json")) + " (see " + out.resolve("report.html") + ")");
            case ExitCode.PLATFORM -> throw new MojoFailureException("not comparable with the baselines in "
                    + baselineDir() + ": " + errors.toString().strip() + " (set perf.platform to this machine's own "
                    + "baselines and run perf-regression:regenerate, or perf.allowPlatformMismatch=true for an advisory "
                    + "comparison)");
            default -> throw new MojoExecutionException("perf-regression compare failed: " + errors.toString().strip());
        }
    }
}
