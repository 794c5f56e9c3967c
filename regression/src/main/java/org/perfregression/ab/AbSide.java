package org.perfregression.ab;

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
 * One side of an A/B run: a runnable JMH benchmarks jar, the JVM that runs it and the arguments its
 * forks get.
 *
 * @param label {@code baseline} or {@code current}
 * @param jar the benchmarks jar
 * @param java the {@code java} executable
 * @param jvmArgs arguments for every fork of this side, before the benchmark's own
 * @param commit the commit the jar was built from, read by {@link #checked}; null when it does not say
 */
public record AbSide(String label, Path jar, Path java, List<String> jvmArgs, String commit) {

    /** The label of the reference side. */
    public static final String BASELINE = "baseline";
    /** The label of the side under test. */
    public static final String CURRENT = "current";

    /** Manifest attributes that build plugins use for the commit a jar was built from. */
    private static final List<String> COMMIT_ATTRIBUTES = List.of("Git-Commit", "Git-Revision", "SCM-Revision",
            "Build-Revision", "Implementation-Build", "Revision");

    public AbSide {
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** A side not yet {@link #checked}. */
    public AbSide(String label, Path jar, Path java, List<String> jvmArgs) {
        this(label, jar, java, jvmArgs, null);
    }

    /** The command-line option that sets {@code what} of this side, e.g. {@code --current-jvm-args}. */
    public String option(String what) {
        return "--" + label + "-" + what;
    }

    /**
     * This side with its jar checked and its commit read, in one opening of the jar.
     *
     * @throws InvalidInputException naming the option when the jar or the JVM is missing
     */
    public AbSide checked() {
        String jarOption = option("jar");
        String javaOption = option("java");
        if (!Files.isRegularFile(jar)) {
            throw new InvalidInputException(jarOption + " " + jar + ": no such file");
        }
        String builtFrom;
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getEntry("META-INF/BenchmarkList") == null) {
                throw new InvalidInputException(jarOption + " " + jar + ": not a JMH benchmarks jar (it has no "
                        + "META-INF/BenchmarkList; build it with JMH's annotation processor, e.g. the shade plugin)");
            }
            builtFrom = commitOf(file);
        } catch (IOException e) {
            throw new InvalidInputException(jarOption + " " + jar + ": not a readable jar (" + e.getMessage() + ")");
        }
        if (!Files.isRegularFile(java) || !Files.isExecutable(java)) {
            throw new InvalidInputException(javaOption + " " + java + ": not an executable java"
                    + (Files.isDirectory(java) ? " (a folder; give its bin/java)" : ""));
        }
        return new AbSide(label, jar, java, jvmArgs, builtFrom);
    }

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
        return label + ": " + jar + (commit == null ? "" : " (commit " + commit + ")")
                + ", JVM " + (jvmVersion == null ? java.toString() : jvmVersion + " (" + java + ")")
                + (jvmArgs.isEmpty() ? "" : ", args " + String.join(" ", jvmArgs));
    }

    /** This side as the sidecar records it. */
    public Map<String, Object> toMap(String jvmVersion) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("side", label);
        map.put("jar", jar.toString());
        map.put("commit", commit);
        map.put("java", java.toString());
        map.put("jvm_version", jvmVersion);
        map.put("jvm_args", jvmArgs);
        return map;
    }
}
