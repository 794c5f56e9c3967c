package org.perfregression.maven;

import java.io.File;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Gates an existing JMH result file ({@code -rf json}) against this platform's ground truth, without running anything. */
@Mojo(name = "compare", requiresProject = true, threadSafe = true)
public final class CompareMojo extends BenchmarkMojo {

    /** The JMH result file to gate; default the last run's. */
    @Parameter(property = "perf.results", defaultValue = "${project.build.directory}/perf-regression/jmh-result.json")
    File results;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        if (!results.isFile()) {
            throw new MojoFailureException(results + ": no such JMH result file (set perf.results)");
        }
        gate(results.toPath(), true);
    }
}
