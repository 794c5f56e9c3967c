package org.perfregression.maven;

import java.io.File;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Gates an earlier run against this platform's ground truth without running anything: the last
 * check's results folder (one PerformanceData file per benchmark method with its fork sidecar), or
 * any folder of that kind.
 */
@Mojo(name = "compare", requiresProject = true, threadSafe = true)
public final class CompareMojo extends BenchmarkMojo {

    /** The results folder to gate; default the last check's. */
    @Parameter(property = "perf.results", defaultValue = "${project.build.directory}/perf-regression/run")
    File results;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        if (!results.isDirectory()) {
            throw new MojoFailureException(results + ": no results folder (run perf-regression:check first, or set "
                    + "perf.results)");
        }
        gate(results.toPath());
    }
}
