package org.perfregression.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.perfregression.jmh.JmhResult;
import org.perfregression.platform.Platform;

/** What {@code metadata.json} records about how a set of baselines was made. */
public final class Provenance {

    private Provenance() {
    }

    /** The results' distinct values of {@code field}, in order, joined by ", "; null for no results. */
    private static String distinct(List<JmhResult> results, java.util.function.Function<JmhResult, String> field) {
        return results.isEmpty() ? null : String.join(", ", results.stream().map(field).distinct().toList());
    }

    public static Map<String, Object> of(String platformName, List<JmhResult> results, String command) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("platform_name", platformName);
        metadata.put("platform", Platform.current().toMap());
        metadata.put("unit", distinct(results, JmhResult::unit));
        metadata.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        metadata.put("git_commit", gitCommit());
        metadata.put("command", command);
        Map<String, String> run = results.isEmpty() ? Map.of() : results.get(0).run();
        Map<String, Object> jmh = new LinkedHashMap<>();
        jmh.put("version", run.get("jmhVersion"));
        jmh.put("mode", distinct(results, JmhResult::mode));
        for (String field : new String[] {"forks", "threads", "warmupIterations", "warmupTime", "measurementIterations",
            "measurementTime"}) {
            jmh.put(field, run.get(field));
        }
        metadata.put("jmh", jmh);
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("vendor", System.getProperty("java.vm.vendor"));
        jvm.put("vm_name", run.get("vmName"));
        jvm.put("vm_version", run.get("vmVersion"));
        jvm.put("jdk_version", run.get("jdkVersion"));
        jvm.put("args", run.get("jvmArgs"));
        metadata.put("jvm", jvm);
        Map<String, Object> os = new LinkedHashMap<>();
        os.put("name", System.getProperty("os.name"));
        os.put("version", System.getProperty("os.version"));
        os.put("arch", System.getProperty("os.arch"));
        metadata.put("os", os);
        return metadata;
    }

    /** The project's commit, when run inside a git checkout with git installed; null otherwise. */
    public static String gitCommit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            if (!git.waitFor(5, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return null;
            }
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
