package org.perfregression.ab;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.perfregression.data.InvalidInputException;

/**
 * One side of an A/B run: what it runs (a runnable JMH benchmarks jar, or a module's class path: its
 * compiled benchmarks, JMH and its dependencies), the JVM that runs it and the arguments its forks get.
 *
 * @param label {@code baseline} or {@code current}
 * @param classPath the benchmarks jar alone, or a module's class path
 * @param java the {@code java} executable
 * @param jvmArgs arguments for every fork of this side, before the benchmark's own
 * @param commit the commit the side was built from: given, or read from the jar by {@link #checked};
 *     null when nothing says
 */
public record AbSide(String label, List<Path> classPath, Path java, List<String> jvmArgs, String commit) {

    /** The label of the reference side. */
    public static final String BASELINE = "baseline";
    /** The label of the side under test. */
    public static final String CURRENT = "current";

    /** Manifest attributes that build plugins use for the commit a jar was built from. */
    private static final List<String> COMMIT_ATTRIBUTES = List.of("Git-Commit", "Git-Revision", "SCM-Revision",
            "Build-Revision", "Implementation-Build", "Revision");

    public AbSide {
        classPath = List.copyOf(classPath);
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** A side of a runnable benchmarks jar, not yet {@link #checked}. */
    public AbSide(String label, Path jar, Path java, List<String> jvmArgs) {
        this(label, List.of(jar), java, jvmArgs, null);
    }

    /** Whether the side is one jar ({@code --<side>-jar}) rather than a class path ({@code --<side>-classpath}). */
    private boolean isJar() {
        return classPath.size() == 1 && !Files.isDirectory(classPath.get(0));
    }

    /** The class path as one string, as {@code java -cp} takes it. */
    public String classPathString() {
        return String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList());
    }

    /** What the side runs, in a message: its jar, or the first entry of its class path and how many follow. */
    public String where() {
        return isJar() ? classPath.get(0).toString() : classPath.get(0) + " (a class path of " + classPath.size()
                + " entries)";
    }

    /** The command-line option that sets {@code what} of this side, e.g. {@code --current-jvm-args}. */
    public String option(String what) {
        return "--" + label + "-" + what;
    }

    /**
     * This side with its jar (or class path) checked and its commit read, in one opening of each jar.
     * Class path entries that do not exist are left out, as {@code java} does (a module without tests
     * has no test classes folder).
     *
     * @throws InvalidInputException naming the option when the jar, the benchmark list or the JVM is missing
     */
    public AbSide checked() {
        String option = option(isJar() ? "jar" : "classpath");
        String javaOption = option("java");
        if (isJar() && !Files.isRegularFile(classPath.get(0))) {
            throw new InvalidInputException(option + " " + classPath.get(0) + ": no such file");
        }
        List<Path> existing = classPath.stream().filter(Files::exists).toList();
        boolean listed = false;
        String builtFrom = commit;
        for (Path entry : existing) {
            if (Files.isDirectory(entry)) {
                listed |= Files.isRegularFile(entry.resolve(BENCHMARK_LIST));
                continue;
            }
            try (JarFile file = new JarFile(entry.toFile())) {
                listed |= file.getEntry(BENCHMARK_LIST) != null;
                if (builtFrom == null && (isJar() || file.getEntry(BENCHMARK_LIST) != null)) {
                    builtFrom = commitOf(file);
                }
            } catch (IOException e) {
                throw new InvalidInputException(option + " " + entry + ": not a readable jar (" + e.getMessage() + ")");
            }
        }
        if (!listed) {
            throw new InvalidInputException(option + " " + where() + ": not JMH benchmarks (no " + BENCHMARK_LIST
                    + "; build them with JMH's annotation processor" + (isJar() ? ", e.g. the shade plugin)" : ")"));
        }
        if (!Files.isRegularFile(java) || !Files.isExecutable(java)) {
            throw new InvalidInputException(javaOption + " " + java + ": not an executable java"
                    + (Files.isDirectory(java) ? " (a folder; give its bin/java)" : ""));
        }
        return new AbSide(label, existing, java, jvmArgs, builtFrom);
    }

    /** Where JMH's annotation processor lists a build's benchmarks. */
    private static final String BENCHMARK_LIST = "META-INF/BenchmarkList";

    /** The commit {@code file} was built from, from its manifest or a {@code git.properties}; null when it does not say. */
    private static String commitOf(JarFile file) throws IOException {
        if (file.getManifest() != null) {
            Attributes main = file.getManifest().getMainAttributes();
            for (String name : COMMIT_ATTRIBUTES) {
                String value = main.getValue(name);
                if (value != null && !value.isBlank()) {
                    return value.trim();
                }
            }
        }
        for (JarEntry entry : Collections.list(file.entries())) {
            if (entry.getName().endsWith("git.properties")) {
                Properties git = new Properties();
                try (InputStream in = file.getInputStream(entry)) {
                    git.load(in);
                }
                String id = git.getProperty("git.commit.id", git.getProperty("git.commit.id.full"));
                if (id != null) {
                    return id;
                }
            }
        }
        return null;
    }

    /** What the reports say about this side, e.g. {@code baseline: old.jar (commit 1a2b3c4), JVM 17.0.15, args -Dx}. */
    public String describe(String jvmVersion) {
        // A module's class path at a commit is named by the commit: its folders are a temporary worktree's.
        String what = !isJar() && commit != null ? "commit " + commit + " (a class path of " + classPath.size()
                + " entries)" : where() + (commit == null ? "" : " (commit " + commit + ")");
        return label + ": " + what
                + ", JVM " + (jvmVersion == null ? java.toString() : jvmVersion + " (" + java + ")")
                + (jvmArgs.isEmpty() ? "" : ", args " + String.join(" ", jvmArgs));
    }

    /** This side as the sidecar records it. */
    public Map<String, Object> toMap(String jvmVersion) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("side", label);
        if (isJar()) {
            map.put("jar", classPath.get(0).toString());
        } else {
            map.put("class_path", classPath.stream().map(Path::toString).toList());
        }
        map.put("commit", commit);
        map.put("java", java.toString());
        map.put("jvm_version", jvmVersion);
        map.put("jvm_args", jvmArgs);
        return map;
    }
}
