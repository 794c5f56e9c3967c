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
            @Fork(1)
            public class Bench {

                /** -Dtiny.repeat=N does the work N times: a real slowdown, through the JIT. */
                private static final int REPEAT = Integer.getInteger("tiny.repeat", 1);

                @Param({PARAMS})
                public int size;

                private long[] data;

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
                "Bench.sum", "-f", "3");
        assertEquals(1, run.exit, run.output);
        assertTrue(run.output.contains("[12/12] pass 3/3"), run.output);
        JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
        assertEquals(2, report.get("summary").get("regressions").asInt(), report.toString());
        assertTrue(report.get("current").asText().contains("args -Dtiny.repeat=8"), report.get("current").asText());
        JsonNode sidecar = JSON.readTree(dir.resolve("current.meta.json").toFile());
        assertEquals("us/op", sidecar.get("unit").asText());
        assertEquals(3, sidecar.get("forks").get("Bench.sum").get("size=2000").size(), sidecar.toString());
        assertTrue(Files.isRegularFile(dir.resolve("baseline.json")));
        assertEquals(0, Files.list(dir.resolve("forks")).count(), "fork files are merged into the side files");
        Run again = perfRegression("compare", "--rule", "gate", "--interleaved", "-b", dir.resolve("baseline.json").toString(),
                "-c", dir.resolve("current.json").toString(), "--format", "json=" + dir.resolve("again.json"));
        assertEquals(1, again.exit, "compare re-analyses both sides' files as ab did: " + again.output);
        assertEquals(report.get("summary").get("regressions").asInt(),
                JSON.readTree(dir.resolve("again.json").toFile()).get("summary").get("regressions").asInt());
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
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("perf-regression.jar")));
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
