package org.perfregression.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Runs the module's benchmarks as the library's main job does for baselines ({@code baselineForks}
 * interleaved passes) and writes them as this platform's ground truth: one PerformanceData file per
 * benchmark method with its sidecar (unit, platform, forks, calibration) and {@code metadata.json}
 * (the machine's calibration speed and every subsection's minimum detectable change), replaced as
 * one set under a lock, never over existing baselines without {@code -Dperf.force=true}, refused on a
 * busy machine. Run it on a quiet machine.
 */
@Mojo(name = "regenerate", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public final class RegenerateMojo extends BenchmarkMojo {

    /** Replace existing baselines. */
    @Parameter(property = "perf.force", defaultValue = "false")
    boolean force;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        if (!hasBenchmarks()) {
            return;
        }
        if (!force && hasBaselines()) {
            throw new MojoFailureException("baselines exist in " + baselineDir() + "; pass -Dperf.force=true to "
                    + "replace them");
        }
        List<String> goal = new ArrayList<>(List.of("--regenerate-gt"));
        if (force) {
            goal.add("--force");
        }
        int exit = mainJob(goal);
        if (exit != 0) {
            outcome(exit);
        }
        getLog().info("perf-regression: wrote the baselines of " + platformName() + " to " + baselineDir()
                + " as one set; commit them");
    }
}
