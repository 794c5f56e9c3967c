package org.perfregression.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.perfregression.cli.Main;
import org.perfregression.data.AtomicFolder;

/**
 * The pull-request check: this module's benchmarks as they are now against the same benchmarks at the
 * merge base of {@code perf.baseline} (a git ref, e.g. {@code origin/main}), built in a temporary
 * worktree, or against a prebuilt benchmarks jar ({@code perf.baselineJar}); both measured on this
 * machine interleaved fork by fork by the library's {@code ab}, so no baseline needs to exist and the
 * machine's state hits both sides alike. Writes the reports, a Markdown file to post as the pull
 * request's comment, JUnit XML, and the job summary under GitHub Actions; a regression fails the build.
 */
@Mojo(name = "ab", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
@Execute(phase = LifecyclePhase.TEST_COMPILE)
public final class AbMojo extends BenchmarkMojo {

    /**
     * The git ref to compare with, e.g. {@code origin/main} or {@code HEAD~1}: the module is built at
     * its merge base with {@code HEAD}, in a temporary worktree. Either this or {@code baselineJar}.
     */
    @Parameter(property = "perf.baseline")
    String baseline;

    /** A prebuilt side instead of {@code baseline}: a runnable JMH benchmarks jar. */
    @Parameter(property = "perf.baselineJar")
    File baselineJar;

    /** The Markdown report, ready to post as the pull request's comment. */
    @Parameter(property = "perf.commentFile", defaultValue = "${project.build.directory}/perf-regression/ab/comment.md")
    File commentFile;

    @Parameter(defaultValue = "${plugin}", readonly = true)
    PluginDescriptor plugin;

    /** The whole A/B run's default: ten minutes, which sizes the passes (at least 2, at most 30). */
    @Override
    int defaultBudgetSeconds() {
        return 600;
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        if (!hasBenchmarks()) {
            return;
        }
        boolean fromRef = baseline != null && !baseline.isBlank();
        if (fromRef == (baselineJar != null)) {
            throw new MojoFailureException("perf-regression:ab " + (fromRef ? "takes -Dperf.baseline or "
                    + "-Dperf.baselineJar, not both" : "needs the side to compare with: -Dperf.baseline=<git ref> "
                    + "(built at its merge base with HEAD, e.g. origin/main) or -Dperf.baselineJar=PATH (a prebuilt "
                    + "benchmarks jar)"));
        }
        if (!fromRef && !baselineJar.isFile()) {
            throw new MojoFailureException("-Dperf.baselineJar=" + baselineJar + ": no such file (a runnable JMH "
                    + "benchmarks jar, e.g. the shade plugin's, built from the code to compare with)");
        }
        Path dir = abDir();
        int exit;
        try (MeasurementLock lock = measurementLock()) {
            // A run's folder must be new: the last run's files are no input of this one.
            AtomicFolder.deleteTree(dir);
            Files.createDirectories(dir);
            if (fromRef) {
                try (BaselineBuild build = BaselineBuild.checkout(baseline, topLevel().getBasedir().toPath())) {
                    List<Path> classPath = build(build);
                    exit = ab(List.of("--baseline-classpath", join(classPath), "--baseline-commit", build.commit(),
                            "--current-commit", build.head()));
                }
            } else {
                exit = ab(List.of("--baseline-jar", baselineJar.getAbsolutePath()));
            }
        } catch (IOException e) {
            throw new MojoExecutionException("perf-regression:ab: " + e.getMessage(), e);
        }
        verdict(exit);
    }

    private Path abDir() {
        return outputDirectory.toPath().resolve("ab");
    }

    private MavenProject topLevel() {
        return session.getTopLevelProject() != null ? session.getTopLevelProject() : project;
    }

    /** Builds the module in the worktree; its class path there. */
    private List<Path> build(BaselineBuild build) throws IOException, MojoExecutionException, MojoFailureException {
        Path classPathFile = abDir().resolve("baseline-classpath.txt");
        String modulePath = topLevel().getBasedir().toPath().relativize(project.getBasedir().toPath()).toString();
        String module = project.getGroupId() + ":" + project.getArtifactId();
        List<String> command = build.mavenCommand(session.getRequest(), session.getLocalRepository().getBasedir(),
                topLevel().getFile().getName(), modulePath, module, classPathFile,
                plugin.getGroupId() + ":" + plugin.getArtifactId() + ":" + plugin.getVersion() + ":side-classpath");
        getLog().info("perf-regression: building the baseline, " + build.commit() + " (the merge base of "
                + build.ref() + " and HEAD), in " + build.worktree());
        ProcessBuilder maven = new ProcessBuilder(command).directory(build.reactorRoot().toFile());
        maven.environment().putAll(BaselineBuild.environment());
        if (run(maven, "[baseline build] ") != 0 || !Files.isRegularFile(classPathFile)) {
            throw new MojoFailureException("the baseline (" + build.commit() + ", the merge base of " + build.ref()
                    + ") does not build" + (Files.isRegularFile(classPathFile) ? ": " + lastLine
                            : " module " + module + " at " + modulePath + ": see [baseline build] above"));
        }
        List<Path> classPath = BaselineBuild.classPath(classPathFile);
        List<Path> outputs = classPath.stream().filter(p -> p.startsWith(build.worktree())).toList();
        if (ModuleBenchmarks.in(outputs).none()) {
            throw new MojoFailureException("the module has no JMH benchmarks at " + build.commit() + " (the merge base of "
                    + build.ref() + "): nothing to compare with");
        }
        return classPath;
    }

    private static String join(List<Path> classPath) {
        return String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList());
    }

    /**
     * The library's {@code ab} in a JVM of its own: this module's class path as the current side,
     * {@code baselineSide} the other, the build's JMH options, rule and policy for both.
     */
    private int ab(List<String> baselineSide) throws IOException, MojoExecutionException {
        Path reports = abDir();
        List<String> command = new ArrayList<>(List.of(java(), "-cp", String.join(File.pathSeparator, pluginJars(true)),
                Main.class.getName(), "ab"));
        command.addAll(baselineSide);
        command.addAll(List.of("--current-classpath", String.join(File.pathSeparator, moduleClassPath()),
                "--baseline-java", java(), "--current-java", java(), "--common-only",
                "--results-dir", reports.resolve("run").toString(),
                "--format", "text", "--format", "json=" + reports.resolve("report.json"),
                "--format", "markdown=" + commentFile.getAbsolutePath(),
                "--format", "junit=" + reports.resolve("report.xml"),
                "--format", "html=" + reports.resolve("report.html"),
                "--rule", rule, "--min-change", String.valueOf(minChange), "--min-delta", String.valueOf(minDelta)));
        if (ciJunit() != null) {
            command.addAll(List.of("--format", "junit=" + ciJunit()));
        }
        command.addAll(policyOptions());
        command.addAll(budgetSeconds() > 0 ? List.of("--budget", budgetSeconds() + "s")
                : List.of("-f", String.valueOf(forks)));
        if (include != null && !include.isBlank()) {
            command.add(include);
        }
        if (exclude != null && !exclude.isBlank()) {
            command.addAll(List.of("-e", exclude));
        }
        if (params != null && !params.isBlank()) {
            for (String param : params.trim().split("\\s+")) {
                command.addAll(List.of("-p", param));
            }
        }
        command.addAll(jmhOptions());
        Files.createDirectories(commentFile.toPath().toAbsolutePath().getParent());
        getLog().info("perf-regression: measuring this build against the baseline, interleaved (results in "
                + reports + ")");
        return run(new ProcessBuilder(command), "");
    }

    /** The build's result from {@code ab}'s exit code: 1 a regression, named; anything else but 0 an error. */
    private void verdict(int exit) throws MojoFailureException, MojoExecutionException {
        Path html = abDir().resolve("report.html");
        switch (exit) {
            case 0 -> getLog().info("perf-regression: no regression; the pull request's comment is " + commentFile
                    + ", every report in " + abDir());
            // Both sides' folders, a data set per benchmark method and mode, as ab judged them.
            case 1 -> throw regression(comparison().withInterleaved(true), abDir().resolve("run/baseline"),
                    abDir().resolve("run/current"), html);
            default -> throw new MojoExecutionException("perf-regression:ab could not compare: "
                    + withoutPrefix(lastLine));
        }
    }
}
