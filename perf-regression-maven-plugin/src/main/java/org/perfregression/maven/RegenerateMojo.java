package org.perfregression.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.perfregression.data.AtomicFiles;
import org.perfregression.data.AtomicFolder;
import org.perfregression.data.InvalidInputException;
import org.perfregression.input.BenchmarkFolder;
import org.perfregression.input.Dataset;
import org.perfregression.input.DatasetLoader;
import org.perfregression.input.Sidecar;
import org.perfregression.jmh.JmhResult;
import org.perfregression.jmh.JmhResultReader;
import org.perfregression.platform.Platform;

/**
 * Runs the module's benchmarks and writes them as this platform's baselines: the PerformanceData
 * file, its sidecar (unit, platform, forks) and {@code metadata.json}, replaced as one set, never
 * over existing baselines without {@code -Dperf.force=true}. Run it on a quiet machine.
 */
@Mojo(name = "regenerate", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public final class RegenerateMojo extends BenchmarkMojo {

    /** Replace existing baselines. */
    @Parameter(property = "perf.force", defaultValue = "false")
    boolean force;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        AtomicFolder folder = new AtomicFolder(gtDirectory.toPath(), platformName());
        if (!force && !BenchmarkFolder.benchmarks(folder.readable()).isEmpty()) {
            throw new MojoFailureException("baselines exist in " + folder.readable() + "; pass -Dperf.force=true to "
                    + "replace them");
        }
        runBenchmarks();
        try {
            List<JmhResult> results = JmhResultReader.read(jmhResult());
            Dataset data = DatasetLoader.withDefaults().fromJmh(jmhResult(), results);
            Map<String, String> run = results.get(0).run();
            Platform measuredOn = Platform.current().runningJvm(run);
            String name = project.getArtifactId();
            folder.replace((current, staging) -> {
                if (!force && !BenchmarkFolder.benchmarks(current).isEmpty()) {
                    throw new InvalidInputException("baselines appeared in " + current + " meanwhile; pass "
                            + "-Dperf.force=true to replace them");
                }
                Path file = BenchmarkFolder.data(staging, name);
                data.data().toJsonFile(file, AtomicFiles.WriteMode.CREATE_NEW);
                new Sidecar(data.unit(), measuredOn, data.forks()).writeFor(file);
                Map<String, Object> provenance = new LinkedHashMap<>();
                provenance.put("platform_name", platformName());
                provenance.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
                provenance.put("project", project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion());
                provenance.put("jmh", Map.of("forks", forks, "warmupIterations", warmupIterations, "warmupTime",
                        warmupTime, "iterations", iterations, "time", time, "include", include == null ? "" : include,
                        "jvmArgs", jvmArgs == null ? "" : jvmArgs, "jmhVersion", String.valueOf(run.get("jmhVersion"))));
                provenance.put("command", "mvn perf-regression:regenerate");
                new Sidecar(data.unit(), measuredOn).write(staging.resolve(Sidecar.FOLDER_METADATA), provenance,
                        AtomicFiles.WriteMode.CREATE_NEW);
            });
            getLog().info("perf-regression: wrote the baselines of " + platformName() + " (" + data.data()
                    + ", unit " + data.unit() + ") to " + folder.dir() + " as one set; commit them");
        } catch (InvalidInputException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the baselines: " + e.getMessage(), e);
        }
    }

}
