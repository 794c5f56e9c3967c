package org.perfregression.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code java -jar benchmarks.jar} as a user would, for the integration tests. */
record Jar(int exitCode, String out, String err) {

    static final Path JAR = Path.of(System.getProperty("benchmarks.jar", "target/benchmarks.jar"));

    static Jar run(Path workDir, String... args) throws IOException, InterruptedException {
        return java(workDir, "-jar", JAR.toAbsolutePath().toString(), args);
    }

    /** Plain JMH's command line over the jar's benchmarks, without the main job. */
    static Jar jmh(Path workDir, String... args) throws IOException, InterruptedException {
        return java(workDir, "-cp", JAR.toAbsolutePath().toString(), args);
    }

    private static Jar java(Path workDir, String option, String jar, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(option);
        command.add(jar);
        if (option.equals("-cp")) {
            command.add("org.openjdk.jmh.Main");
        }
        command.addAll(List.of(args));
        Path out = Files.createTempFile("jar", ".out");
        Path err = Files.createTempFile("jar", ".err");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("benchmarks.jar " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        Jar result = new Jar(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
