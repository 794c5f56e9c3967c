package org.perfregression.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Runs the module's JMH benchmarks as the library's main job (interleaved passes, calibration,
 * machine check, confirmation forks) and fails the build when they regressed against this
 * platform's ground truth. Bound to {@code verify}.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public final class CheckMojo extends BenchmarkMojo {

    /**
     * Without a baseline for this platform: fail ({@code true}) or say so in one line and pass
     * ({@code false}). Default: {@code true} in CI (the environment variable {@code CI=true}, which
     * GitHub Actions, GitLab CI and most others set), {@code false} elsewhere, so that a developer's
     * {@code mvn install} on a machine without baselines neither measures nor fails.
     */
    @Parameter(property = "perf.requireBaseline")
    Boolean requireBaseline;

    /**
     * What the check judges against: {@code gt} (the baselines {@code regenerate} made) or
     * {@code history} (this machine's last runs in {@link #history} since each subsection's last
     * change point; the first run is recorded and passes).
     */
    @Parameter(property = "perf.baselineSource", defaultValue = "gt")
    String baselineSource;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        if (!hasBenchmarks()) {
            return;
        }
        if ("history".equals(baselineSource)) {
            if (history == null || history.isBlank()) {
                throw new MojoFailureException("-Dperf.baselineSource=history needs the history to judge against: "
                        + "-Dperf.history=FILE (a SQLite file, created when missing) or a jdbc:postgresql:// URL");
            }
            java.util.List<String> options = new java.util.ArrayList<>(checkOptions());
            options.addAll(java.util.List.of("--baseline", "history"));
            int exit = mainJob(options);
            if (exit == 1) {
                // The verdicts were against recorded runs, which the module's ground truth cannot word again.
                throw new MojoFailureException("performance regression against the history " + history + ": see the "
                        + "verdict table above and " + outputDirectory.toPath().resolve("report.html"));
            }
            outcome(exit);
            return;
        }
        if (!"gt".equals(baselineSource)) {
            throw new MojoFailureException("-Dperf.baselineSource=" + baselineSource + ": expected gt or history");
        }
        if (!hasBaselines()) {
            // Before a run that could not be compared.
            if (requireBaseline != null ? requireBaseline : "true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new MojoFailureException(missingBaseline());
            }
            getLog().info("perf-regression: " + missingBaseline() + "; not gated here (outside CI; "
                    + "-Dperf.requireBaseline=true fails instead)");
            return;
        }
        outcome(mainJob(checkOptions()));
    }

    /** The main job's options of this goal: the history and its movement, and how the budget is spent. */
    private java.util.List<String> checkOptions() {
        java.util.List<String> options = new java.util.ArrayList<>();
        if (history != null && !history.isBlank()) {
            options.addAll(java.util.List.of("--history", history, "--movement-runs", String.valueOf(movementRuns)));
        }
        if (uniformForks) {
            options.add("--uniform-forks");
        }
        return options;
    }

    /**
     * Spend the whole {@code budget} on passes over every subsection alike. By default the planned
     * passes take half of it and the rest goes, a fork at a time, to the subsections whose interval
     * still reaches past {@code minChange} on the regression side, most doubtful first (docs/gate.md).
     */
    @Parameter(property = "perf.uniformForks", defaultValue = "false")
    boolean uniformForks;

    /**
     * Also record each check's run in this history (a SQLite file, created when missing, or a
     * {@code jdbc:postgresql://} URL), under the commit {@code git rev-parse HEAD} names (or
     * {@code GITHUB_SHA}): {@code perf-regression history changes} then finds the commits that
     * changed a benchmark (docs/history.md).
     */
    @Parameter(property = "perf.history")
    String history;

    /**
     * With {@link #history}: each subsection is also judged against how far its level moved between
     * this machine's last N recorded runs (since its last change point), beyond its forks' noise, so
     * that a subsection whose forks fall into slow states for minutes at a time does not fail
     * unchanged builds (docs/gate.md); at least 3 runs of it, 0 for off.
     */
    @Parameter(property = "perf.movementRuns", defaultValue = "10")
    int movementRuns;
}
