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

    /** Without a baseline for this platform: fail (the default) or warn and pass. */
    @Parameter(property = "perf.failOnMissingBaseline", defaultValue = "true")
    boolean failOnMissingBaseline;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        if (!hasBaselines()) {
            // Before a run that could not be compared.
            if (failOnMissingBaseline) {
                throw new MojoFailureException(missingBaseline());
            }
            getLog().warn(missingBaseline() + "; not gated (failOnMissingBaseline=false)");
            return;
        }
        outcome(mainJob(java.util.List.of()));
    }
}
