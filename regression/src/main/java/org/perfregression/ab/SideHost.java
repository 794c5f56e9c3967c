package org.perfregression.ab;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.perfregression.data.InvalidInputException;
import org.perfregression.jmh.fork.ForkHost;
import org.perfregression.jmh.fork.JmhCombination;

/**
 * A running {@link ForkHost} of one side: lists the side's combinations and runs its forks one at a
 * time, on request.
 */
final class SideHost implements AutoCloseable {

    private final AbSide side;
    private final Process process;
    private final PrintWriter requests;
    private final BufferedReader answers;
    private final Path log;

    private SideHost(AbSide side, Process process, Path log) {
        this.side = side;
        this.process = process;
        this.log = log;
        this.requests = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * What the host JVM itself needs: little memory, and no time spent compiling the host's own code
     * with C2. Its forks never see these ({@link ForkHost} starts them as plain JMH would).
     */
    private static final List<String> HOST_JVM_ARGS = List.of("-Xmx128m", "-XX:TieredStopAtLevel=1");

    /** JMH's own switch for its lock, passed on to the hosts when this JVM was given it. */
    private static final String IGNORE_LOCK = "jmh.ignoreLock";

    /**
     * Starts the host of {@code side} with JMH's command line {@code jmhArgs}; its and JMH's output
     * go to {@code log}.
     *
     * @param hostClasses a folder made by {@link #hostClasses}
     * @throws InvalidInputException naming the side's {@code java} option when it cannot be run
     */
    static SideHost start(AbSide side, List<String> jmhArgs, Path log, Path hostClasses) throws IOException {
        List<String> command = new ArrayList<>(List.of(side.java().toString()));
        command.addAll(HOST_JVM_ARGS);
        // JMH's lock file lies in the temporary folder: the hosts use this JVM's, as the user set it.
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        if (Boolean.getBoolean(IGNORE_LOCK)) {
            command.add("-D" + IGNORE_LOCK + "=true");
        }
        // The forks get the host's classes too, for its allocation profiler (AbRun.withAllocation).
        String classPath = hostClasses + File.pathSeparator + side.classPathString();
        command.addAll(List.of("-cp", classPath, ForkHost.class.getName(), "--log", log.toString(),
                "--fork-classpath", classPath));
        for (String arg : side.jvmArgs()) {
            command.addAll(List.of("--jvm-arg", arg));
        }
        command.add("--");
        command.addAll(jmhArgs);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new SideHost(side, process, log);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage().replaceFirst("^Cannot run program \\S+(?: \\(in directory [^)]*\\))?: ", "");
            throw new InvalidInputException(side.option("java") + " " + side.java() + ": cannot run it (" + reason + ")");
        }
    }

    /**
     * A new folder with the host's own classes (package {@code jmh.fork}, which needs only JMH), first on
     * the host's class path: a side's jar may carry another version of them (a benchmarks jar built
     * from an older commit of this project does), and the protocol must be this version's. JMH comes
     * from the side's jar.
     */
    static Path hostClasses() throws IOException {
        Path dir = Files.createTempDirectory("perf-regression-host");
        String pkg = ForkHost.class.getPackageName().replace('.', '/') + "/";
        Path source;
        try {
            source = Path.of(ForkHost.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate perf-regression's own classes: " + e.getMessage(), e);
        }
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.walk(source.resolve(pkg))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    copy(Files.newInputStream(file), dir.resolve(pkg).resolve(source.resolve(pkg).relativize(file)));
                }
            }
        } else {
            try (JarFile jar = new JarFile(source.toFile())) {
                for (JarEntry entry : Collections.list(jar.entries())) {
                    if (entry.getName().startsWith(pkg) && !entry.isDirectory()) {
                        copy(jar.getInputStream(entry), dir.resolve(entry.getName()));
                    }
                }
            }
        }
        return dir;
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (in) {
            Files.copy(in, target);
        }
    }

    AbSide side() {
        return side;
    }

    /** The combinations the side's JMH options select, in JMH's order. */
    List<JmhCombination> list() throws IOException {
        requests.println("list");
        List<JmhCombination> combinations = new ArrayList<>();
        for (String[] answer = answer(); !answer[0].equals("end"); answer = answer()) {
            if (!answer[0].equals("combination") || answer.length < 3) {
                throw failure("unexpected answer " + String.join(" ", answer));
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (String value : Arrays.copyOfRange(answer, 3, answer.length)) {
                int eq = value.indexOf('=');
                params.put(value.substring(0, eq), value.substring(eq + 1));
            }
            combinations.add(new JmhCombination(answer[1], answer[2], params));
        }
        return combinations;
    }

    /**
     * Runs combination {@code index} in one fresh fork, JMH's JSON result to {@code result}.
     *
     * @return null when it ran, else JMH's message of the failure
     */
    String fork(int index, Path result) throws IOException {
        requests.println("fork " + index + " " + result);
        String[] answer = answer();
        return switch (answer[0]) {
            case "ok" -> null;
            case "failed" -> answer.length > 1 ? answer[1] : "no message";
            default -> throw failure("unexpected answer " + String.join(" ", answer));
        };
    }

    private String[] answer() throws IOException {
        for (String line = answers.readLine(); line != null; line = answers.readLine()) {
            if (line.startsWith(ForkHost.PREFIX)) {
                String[] answer = line.substring(ForkHost.PREFIX.length()).split("\t");
                if (answer[0].equals("error")) {
                    throw new InvalidInputException(side.label() + " side (" + side.where() + "): "
                            + (answer.length > 1 ? answer[1] : "error"));
                }
                return answer;
            }
        }
        // The reason is in the message (the log's last line): no log to point to.
        throw new InvalidInputException(side.label() + " side (" + side.where() + "): " + stopped());
    }

    /**
     * Why the host stopped before answering: a {@code java} that is no JVM (it exits at once, saying
     * nothing), or a JVM that could not start (the last line of the log says why).
     */
    private String stopped() {
        String last = lastLogLine();
        int status = exitStatus();
        return "its JMH host stopped" + (status == Integer.MIN_VALUE ? "" : " with status " + status)
                + (last.isEmpty() ? " without a word: is " + side.option("java") + " " + side.java() + " a java?" : last);
    }

    private int exitStatus() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : Integer.MIN_VALUE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Integer.MIN_VALUE;
        }
    }

    /**
     * What the last forked JVM that failed wrote to its standard error, as JMH copies it into the log
     * ({@code <stderr last='20 lines'>}): the JVM's own reason, e.g. {@code Unrecognized VM option};
     * null when there is none.
     */
    String lastForkError() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("<stderr last=")) {
                    for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("</stderr>"); j++) {
                        if (!lines.get(j).isBlank()) {
                            return lines.get(j).trim();
                        }
                    }
                    return null;
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
        return null;
    }

    /** Stops the host and every JVM it started, at once (an interrupted run). */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private InvalidInputException failure(String what) {
        return new InvalidInputException(side.label() + " side (" + side.where() + "): " + what + " (log: " + log + ")");
    }

    /** The last line of the log, where a JVM that could not start says why. */
    private String lastLogLine() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return ": " + lines.get(i).trim();
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
        return "";
    }

    @Override
    public void close() {
        requests.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
