package org.perfregression.ab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ab} on a JMH project that is not ours: a tiny benchmarks jar compiled here with JMH's
 * annotation processor and packed with JMH as the shade plugin would, run through the packaged
 * {@code perf-regression.jar} as a user runs it.
 */
class AbCommandIT {

    private static final String SOURCE = """
            package tiny;

            import java.util.concurrent.TimeUnit;
            import org.openjdk.jmh.annotations.*;

            @BenchmarkMode(Mode.AverageTime)
            @OutputTimeUnit(TimeUnit.MICROSECONDS)
            @State(Scope.Thread)
            @Warmup(iterations = 3, time = 20, timeUnit = TimeUnit.MILLISECONDS)
            @Measurement(iterations = 5, time = 20, timeUnit = TimeUnit.MILLISECONDS)
            @Fork(value = 1, jvmArgsAppend = "-Dtiny.own=yes")
            public class Bench {

                /** -Dtiny.repeat=N does the work N times: a real slowdown, through the JIT. */
                private static final int REPEAT = Integer.getInteger("tiny.repeat", 1);

                @Param({PARAMS})
                public int size;

                private long[] data;

                /** -Dtiny.args=PREFIX: each fork writes the JVM arguments it was started with to PREFIX-<nanos>. */
                @Setup(Level.Trial)
                public void recordArguments() throws java.io.IOException {
                    String prefix = System.getProperty("tiny.args");
                    if (prefix != null) {
                        java.nio.file.Files.write(java.nio.file.Path.of(prefix + "-" + System.nanoTime()),
                                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
                    }
                }

                @Setup
                public void setUp() {
                    data = new long[size];
                    for (int i = 0; i < size; i++) {
                        data[i] = i * 31L;
                    }
                }

                @Benchmark
                public long sum() {
                    long s = 0;
                    for (int r = 0; r < REPEAT; r++) {
                        for (long v : data) {
                            s += v ^ r;
                        }
                    }
                    return s;
                }

                @Benchmark
                public long boom() {
                    if (Boolean.getBoolean("tiny.fail")) {
                        throw new IllegalStateException("boom on purpose");
                    }
                    return data.length;
                }
            }
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static Path twoSizes;
    private static Path threeSizes;

    @BeforeAll
    static void buildTinyJars() throws Exception {
        twoSizes = tinyJar("two", "\"2000\", \"8000\"");
        threeSizes = tinyJar("three", "\"2000\", \"8000\", \"32000\"");
    }

    @Test
    void aRealSlowdownOfTheCurrentSideIsARegressionWithBothSidesSamplesKept() throws Exception {
        Path dir = work.resolve("slow");
        Run run = ab("--baseline-jar", twoSizes.toString(), "--current-jar", twoSizes.toString(),
                "--current-jvm-args", "-Dtiny.repeat=8", "--results-dir", dir.toString(),
                "--format", "json=" + dir.resolve("report.json"), "--format", "text",
                "--history", work.resolve("ab-history.db").toString(), "--commit", "c0ffee",
                "Bench.sum", "-f", "3");
        assertEquals(1, run.exit, run.output);
        assertTrue(run.output.contains("[12/12] pass 3/3"), run.output);
        // The current side is the run under test: recorded after the verdict, under its commit.
        assertTrue(run.output.contains("history: recorded run 1 of c0ffee"), run.output);
        try (org.perfregression.history.HistoryStore store = org.perfregression.history.HistoryStore.open(
                work.resolve("ab-history.db").toString())) {
            assertEquals(java.util.Set.of("sum"), store.subsections(1).stream().map(s -> s.benchmark())
                    .collect(java.util.stream.Collectors.toSet()));
            assertEquals(3, store.subsections(1).get(0).forks().size(), "the current side's three forks");
        }
        JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
        assertEquals(2, report.get("summary").get("regressions").asInt(), report.toString());
        // Time and allocation: a suite of two benchmark entries.
        JsonNode time = report.get("benchmarks").get("sum"); // a data set per benchmark method, as the main job's
        assertTrue(time != null && time.get("current").asText().contains("args -Dtiny.repeat=8"), report.toString());
        JsonNode sidecar = JSON.readTree(dir.resolve("current/sum.meta.json").toFile());
        assertEquals("us/op", sidecar.get("unit").asText());
        assertEquals(3, sidecar.get("forks").get("Bench.sum").get("size=2000").size(), sidecar.toString());
        // Every fork records its benchmark threads' allocation (the host's profiler, on the side's forks' class
        // path), and the report gates it exactly.
        JsonNode fork = sidecar.get("forks").get("Bench.sum").get("size=2000").get(0);
        assertTrue(fork.get("alloc_b_per_op").isNumber(), sidecar.toString());
        assertEquals("benchmark_threads", fork.path("alloc_scope").asText(), sidecar.toString());
        java.util.List<String> names = new java.util.ArrayList<>();
        report.get("benchmarks").fieldNames().forEachRemaining(names::add);
        assertTrue(names.stream().anyMatch(n -> n.endsWith(".alloc")
                && report.get("benchmarks").get(n).get("unit").asText().equals("B/op")), names.toString());
        assertTrue(Files.isRegularFile(dir.resolve("baseline/sum.json")));
        assertFalse(Files.exists(dir.resolve("forks")), "fork files are merged into the side files");
        Run again = perfRegression("compare", "--rule", "gate", "--interleaved", "-b", dir.resolve("baseline").toString(),
                "-c", dir.resolve("current").toString(), "--format", "json=" + dir.resolve("again.json"));
        assertEquals(1, again.exit, "compare re-analyses both sides' files as ab did: " + again.output);
        assertEquals(report.get("summary").get("regressions").asInt(),
                JSON.readTree(dir.resolve("again.json").toFile()).get("summary").get("regressions").asInt());
    }

    /**
     * Each side's host JVM runs with small arguments of its own (C1 only, a small heap); JMH hands a
     * host's arguments to its forks unless told otherwise, and then every fork measured C1 code.
     */
    @Test
    void forksRunWithPlainJmhArgumentsPlusTheSidesOnly() throws Exception {
        Path dir = work.resolve("args");
        Path recorded = Files.createDirectories(work.resolve("args-recorded"));
        Run run = ab("--baseline-jar", twoSizes.toString(), "--current-jar", twoSizes.toString(),
                "--baseline-jvm-args", "-Dtiny.args=" + recorded.resolve("baseline"),
                "--current-jvm-args", "-Xss2m -Dtiny.args=" + recorded.resolve("current"),
                "--results-dir", dir.toString(), "Bench.sum", "-p", "size=2000", "-f", "2", "-wi", "1", "-i", "1");
        assertEquals(0, run.exit, run.output);
        List<Path> files;
        try (Stream<Path> list = Files.list(recorded)) {
            files = list.sorted().toList();
        }
        assertEquals(4, files.size(), "one record per fork: " + files);
        // What plain JMH gives a fork of this jar, started as a user starts it (the jar has no manifest: JMH's Main).
        Path plain = recorded.resolve("plain");
        Process jmh = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                twoSizes.toString(), "org.openjdk.jmh.Main", "Bench.sum", "-p", "size=2000", "-f", "1", "-wi", "1", "-i", "1",
                "-jvmArgsPrepend", "-Dtiny.args=" + plain).redirectErrorStream(true).start();
        String jmhOutput = new String(jmh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, jmh.waitFor(), jmhOutput);
        Path plainFile;
        try (Stream<Path> list = Files.list(recorded)) {
            plainFile = list.filter(f -> f.getFileName().toString().startsWith("plain")).findFirst().orElseThrow();
        }
        List<String> plainArgs = Files.readAllLines(plainFile);
        assertTrue(plainArgs.contains("-Dtiny.own=yes"), "the benchmark's own @Fork(jvmArgsAppend): " + plainArgs);
        for (Path file : files) {
            String side = file.getFileName().toString().startsWith("baseline") ? "baseline" : "current";
            List<String> expected = new ArrayList<>(side.equals("current") ? List.of("-Xss2m") : List.of());
            plainArgs.forEach(a -> expected.add(a.equals("-Dtiny.args=" + plain) ? "-Dtiny.args=" + recorded.resolve(side)
                    : a.startsWith("-XX:CompileCommandFile=") ? "hints" : a));
            List<String> args = Files.readAllLines(file).stream()
                    .map(a -> a.startsWith("-XX:CompileCommandFile=") ? "hints" : a).toList(); // a temporary file per fork
            assertEquals(expected, args, "plain JMH's arguments with the side's before them: " + file);
            assertFalse(args.stream().anyMatch(a -> a.startsWith("-XX:TieredStopAtLevel") || a.startsWith("-Xmx128m")),
                    "nothing of the host's own: " + args);
        }
    }

    @Test
    void aBenchmarkThatFailsOnOneSideIsNamedWithItsSide() throws Exception {
        Run run = ab("--baseline-jar", twoSizes.toString(), "--current-jar", twoSizes.toString(),
                "--current-jvm-args", "-Dtiny.fail=true", "--results-dir", work.resolve("boom").toString(),
                "Bench.boom", "-p", "size=2000", "-f", "2");
        assertEquals(2, run.exit, run.output);
        String error = run.lastLine();
        assertTrue(error.contains("boom size=2000") && error.contains("current side") && error.contains("boom on purpose"),
                error);
    }

    @Test
    void sidesWithDifferentParametersAreRefusedWithTheDifferences() throws Exception {
        Run run = ab("--baseline-jar", twoSizes.toString(), "--current-jar", threeSizes.toString(),
                "--results-dir", work.resolve("params").toString(), "Bench.sum", "-f", "2");
        assertEquals(2, run.exit, run.output);
        assertTrue(run.lastLine().contains("only in the current (1): Bench.sum {size=32000} [avgt]"), run.lastLine());
        assertFalse(run.output.contains("\tat "), "no stack trace: " + run.output);
    }

    @Test
    void aMissingJarIsOneLineNamingTheOption() throws Exception {
        Run run = ab("--baseline-jar", twoSizes.toString(), "--current-jar", work.resolve("nope.jar").toString());
        assertEquals(2, run.exit, run.output);
        assertTrue(run.lastLine().contains("--current-jar " + work.resolve("nope.jar") + ": no such file"), run.output);
    }

    @Test
    void aResultsFolderThatHoldsAnythingIsRefusedAndLeftAsItWas() throws Exception {
        Path gt = Files.createDirectories(work.resolve("gt/linux"));
        Files.writeString(gt.resolve("metadata.json"), "{}");
        Files.writeString(gt.resolve("constructor.json"), "{}");
        Run run = ab("--baseline-jar", twoSizes.toString(), "--current-jar", twoSizes.toString(),
                "--results-dir", gt.toString(), "Bench.sum", "-f", "2");
        assertEquals(2, run.exit, run.output);
        assertTrue(run.lastLine().contains("--results-dir " + gt + ": not empty (constructor.json, metadata.json)"),
                run.lastLine());
        try (Stream<Path> files = Files.list(gt)) {
            assertEquals(2, files.count(), "nothing added to a set of baselines");
        }
        Path file = Files.writeString(work.resolve("a-file"), "x");
        run = ab("--baseline-jar", twoSizes.toString(), "--current-jar", twoSizes.toString(), "--results-dir",
                file.toString(), "Bench.sum", "-f", "2");
        assertEquals(2, run.exit, run.output);
        assertTrue(run.lastLine().endsWith("--results-dir " + file + ": a file, not a folder; give a new or empty folder"),
                run.lastLine());
    }

    @Test
    void aReportIsNeverWrittenOverTheRunsOwnSamples() throws Exception {
        Path dir = work.resolve("own");
        for (String target : List.of("baseline/sum.json", "current/sum.meta.json", "jmh-current.log")) {
            Run run = ab("--baseline-jar", twoSizes.toString(), "--current-jar", twoSizes.toString(),
                    "--results-dir", dir.toString(), "--format", "json=" + dir.resolve(target), "Bench.sum", "-f", "2");
            assertEquals(2, run.exit, run.output);
            String protectedPath = target.contains("/") ? "in " + dir.resolve(target).getParent() : "" + dir.resolve(target);
            assertTrue(run.lastLine().contains("json=" + dir.resolve(target) + ": that is " + protectedPath
                    + ", which this run reads or writes"), run.lastLine());
            assertFalse(Files.exists(dir), "refused before anything is measured or created");
        }
    }

    @Test
    void aJavaThatIsNoJvmOrArgumentsItRefusesAreOneLineNamingTheOption() throws Exception {
        Path dir = work.resolve("bad-java");
        Run folder = ab("--baseline-jar", twoSizes.toString(), "--current-jar", twoSizes.toString(),
                "--baseline-java", work.toString(), "--results-dir", dir.toString(), "Bench.sum", "-f", "2");
        assertEquals(2, folder.exit, folder.output);
        assertTrue(folder.lastLine().endsWith("--baseline-java " + work + ": not an executable java (a folder; give its "
                + "bin/java)"), folder.lastLine());
        Run notJava = ab("--baseline-jar", twoSizes.toString(), "--current-jar", twoSizes.toString(),
                "--baseline-java", "/bin/true", "--results-dir", dir.toString(), "Bench.sum", "-f", "2");
        assertEquals(2, notJava.exit, notJava.output);
        assertTrue(notJava.lastLine().contains("its JMH host stopped with status 0 without a word: is --baseline-java "
                + "/bin/true a java?"), notJava.lastLine());
        Run flag = ab("--baseline-jar", twoSizes.toString(), "--current-jar", twoSizes.toString(),
                "--current-jvm-args", "-XX:+NoSuchFlag", "--results-dir", dir.toString(), "Bench.sum", "-p", "size=2000",
                "-f", "2", "-wi", "1", "-i", "1");
        assertEquals(2, flag.exit, flag.output);
        assertTrue(flag.lastLine().endsWith("current side: its forks cannot start: Unrecognized VM option 'NoSuchFlag' "
                + "(--current-jvm-args -XX:+NoSuchFlag)"), flag.lastLine());
        for (Run run : List.of(folder, notJava, flag)) {
            assertFalse(run.output.contains("Exception"), "no exception names: " + run.output);
        }
        assertFalse(Files.exists(dir), "no results folder is left behind by a run that never measured");
    }

    @Test
    void anotherJmhRunHoldingTheLockIsNamedAsSuch() throws Exception {
        Path tmp = Files.createDirectories(work.resolve("lock-tmp"));
        try (java.nio.channels.FileChannel lock = java.nio.channels.FileChannel.open(tmp.resolve("jmh.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock held = lock.lock()) {
            Run run = perfRegression(List.of("-Djava.io.tmpdir=" + tmp), "ab", "--baseline-jar", twoSizes.toString(),
                    "--current-jar", twoSizes.toString(), "--results-dir", work.resolve("locked").toString(),
                    "Bench.sum", "-p", "size=2000", "-f", "2");
            assertEquals(2, run.exit, run.output);
            assertTrue(run.lastLine().contains("another JMH run on this machine holds JMH's lock (" + tmp.resolve("jmh.lock")
                    + ")"), run.lastLine());
            assertFalse(run.lastLine().contains("failed on the"), "the benchmark is not blamed: " + run.lastLine());
        }
    }

    @Test
    void anInterruptedRunStopsBothHostsAndTheirForksAndLeavesNoTemporaryFiles() throws Exception {
        Path dir = work.resolve("interrupted");
        Path tmp = Files.createDirectories(work.resolve("interrupt-tmp"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-jar", System.getProperty("perf-regression.jar"), "ab",
                "--baseline-jar", twoSizes.toString(), "--current-jar", twoSizes.toString(), "--results-dir",
                dir.toString(), "Bench.sum", "-f", "5", "-wi", "20", "-i", "20"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null && !line.startsWith("[3/"); line = lines.readLine()) {
            output.append(line).append('\n');
        }
        Thread.sleep(500); // a fork of the third request is running now
        List<ProcessHandle> started = process.descendants().toList();
        assertFalse(started.isEmpty(), "hosts and a fork run: " + output);
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stopped: " + output);
        for (ProcessHandle p : started) {
            p.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(p.isAlive(), "every host and fork stopped: " + p.info());
        }
        assertTrue(output.toString().contains("ab: interrupted: both sides' JMH hosts and their forks stopped; "
                + "nothing measured was kept but JMH's logs"), output.toString());
        assertFalse(Files.exists(dir.resolve("forks")), "no partial forks to be taken up by a later run");
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("perf-regression"))
                    .toList(), "no temporary folder left");
        }
        Run again = ab("--baseline-jar", twoSizes.toString(), "--current-jar", twoSizes.toString(), "--results-dir",
                dir.toString(), "Bench.sum", "-f", "2");
        assertEquals(2, again.exit, "a new run into the interrupted one's folder is refused: " + again.output);
    }

    @Test
    void aRunLeavesNoTemporaryFolder() throws Exception {
        Path tmp = Files.createDirectories(work.resolve("clean-tmp"));
        Run run = perfRegression(List.of("-Djava.io.tmpdir=" + tmp), "ab", "--baseline-jar", twoSizes.toString(),
                "--current-jar", twoSizes.toString(), "--results-dir", work.resolve("clean").toString(), "Bench.sum",
                "-p", "size=2000", "-f", "2", "-wi", "1", "-i", "1");
        assertEquals(0, run.exit, run.output);
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("perf-regression")).toList());
        }
    }

    private record Run(int exit, String output) {
        String lastLine() {
            List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    private static Run ab(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("ab"));
        all.addAll(List.of(args));
        return perfRegression(all.toArray(new String[0]));
    }

    private static Run perfRegression(String... args) throws IOException, InterruptedException {
        return perfRegression(List.of(), args);
    }

    private static Run perfRegression(List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", System.getProperty("perf-regression.jar")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "ab did not finish");
        return new Run(process.exitValue(), output);
    }

    /** Compiles the tiny benchmark with JMH's annotation processor and packs it with JMH into one jar. */
    private static Path tinyJar(String name, String params) throws Exception {
        Path src = Files.createDirectories(work.resolve(name + "-src/tiny"));
        Files.writeString(src.resolve("Bench.java"), SOURCE.replace("PARAMS", params));
        Path classes = Files.createDirectories(work.resolve(name + "-classes"));
        List<Path> jmh = List.of(location("org.openjdk.jmh.Main"), location("joptsimple.OptionParser"),
                location("org.apache.commons.math3.stat.descriptive.SummaryStatistics"));
        String classpath = String.join(java.io.File.pathSeparator, Stream.concat(jmh.stream(),
                Stream.of(location("org.openjdk.jmh.generators.BenchmarkProcessor"))).map(Path::toString).toList());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(), "-cp", classpath,
                "-processor", "org.openjdk.jmh.generators.BenchmarkProcessor", src.resolve("Bench.java").toString());
        assertEquals(0, status, "the tiny benchmark must compile");
        Path jar = work.resolve(name + ".jar");
        Set<String> seen = new HashSet<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String entry = classes.relativize(file).toString().replace('\\', '/');
                    seen.add(entry);
                    out.putNextEntry(new JarEntry(entry));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
            for (Path dependency : jmh) {
                copyEntries(dependency, out, seen);
            }
        }
        return jar;
    }

    private static void copyEntries(Path jar, JarOutputStream target, Set<String> seen) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : java.util.Collections.list(file.entries())) {
                String name = entry.getName();
                if (entry.isDirectory() || name.startsWith("META-INF/") && (name.endsWith(".SF") || name.endsWith(".RSA")
                        || name.endsWith(".DSA") || name.equals("META-INF/MANIFEST.MF")) || !seen.add(name)) {
                    continue;
                }
                target.putNextEntry(new JarEntry(name));
                try (InputStream in = file.getInputStream(entry)) {
                    in.transferTo(target);
                }
                target.closeEntry();
            }
        }
    }

    private static Path location(String className) throws ClassNotFoundException, URISyntaxException {
        return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
