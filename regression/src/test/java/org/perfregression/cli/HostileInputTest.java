package org.perfregression.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.data.PerformanceData;
import org.perfregression.testing.Cli;
import org.perfregression.testing.Resources;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line under hostile input: each case a refusal in one line with exit 2, or a correct result. */
class HostileInputTest {

    @TempDir
    Path dir;
    Path baseline;
    Path current;

    private static PerformanceData data(String section, String subsection, double scale) {
        double[] values = new double[120];
        for (int i = 0; i < values.length; i++) {
            values[i] = scale * (100 + i % 7);
        }
        return PerformanceData.builder().add(section, subsection, values).build();
    }

    @BeforeEach
    void files() throws IOException {
        baseline = dir.resolve("baseline.json");
        current = dir.resolve("current.json");
        data("rank_2", "X", 1).toJsonFile(baseline);
        data("rank_2", "X", 1.5).toJsonFile(current);
    }

    private static Cli run(String... args) {
        return Cli.run((out, err) -> Main.run(out, err, args));
    }

    private static void assertOneLineError(Cli run, String expected) {
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(1, run.err().strip().lines().filter(l -> !l.startsWith("warning:")).count(), "one line:\n"
                + run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace:\n" + run.err());
    }

    @Test
    void dashIsStandardOutput() {
        Cli run = run("compare", "-b", baseline.toString(), "-c", current.toString(), "--format", "markdown=-");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("| rank\\_2 |") || run.out().contains("rank\\_2"), run.out());
        assertFalse(Files.exists(Path.of("-")), "no file named -");
    }

    @Test
    void devStdoutIsStandardOutputNotAFileToReplace() {
        Cli run = run("compare", "-b", baseline.toString(), "-c", current.toString(), "--format", "markdown=/dev/stdout");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("<!-- perf-regression report, schema version 2 -->\n## Performance check: FAILED"), "the report on this command's output:\n" + run);
        assertTrue(Files.isSymbolicLink(Path.of("/dev/stdout")), "/dev/stdout untouched");
    }

    @Test
    void devNullAsAReportTargetStaysADevice() {
        Cli run = run("compare", "-b", baseline.toString(), "-c", current.toString(), "--format", "junit=/dev/null");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(Files.exists(Path.of("/dev/null")) && !Files.isRegularFile(Path.of("/dev/null")));
    }

    @Test
    void aReportNeverOverwritesAnInput() throws IOException {
        String before = Files.readString(baseline);
        Cli run = run("compare", "-b", baseline.toString(), "-c", current.toString(), "-o", baseline.toString());
        assertOneLineError(run, "which this run reads or writes; refusing to overwrite it with a report");
        assertEquals(before, Files.readString(baseline));
    }

    @Test
    void convertNeverReplacesASidecarWithoutForce() throws IOException {
        Path output = dir.resolve("out.json");
        Path sidecar = dir.resolve("out.meta.json");
        Files.writeString(sidecar, "{\"unit\": \"us/op\"}");
        Cli run = run("convert", "-i", Resources.path("jmh/throughput.json").toString(), "-o", output.toString());
        assertOneLineError(run, "out.meta.json exists already");
        assertFalse(Files.exists(output), "nothing written");
        assertEquals("{\"unit\": \"us/op\"}", Files.readString(sidecar));
    }

    @Test
    void aFifoAsInputIsRefusedInsteadOfBlocking() throws Exception {
        Path fifo = dir.resolve("pipe.json");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Cli run = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> run("convert", "-i", fifo.toString(), "-o", dir.resolve("o.json").toString()));
        assertOneLineError(run, "not a regular file");
        Cli compare = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> run("compare", "-b", fifo.toString(), "-c", current.toString()));
        assertOneLineError(compare, "not a regular file");
    }

    @Test
    void aJmhFileWithAByteOrderMarkIsStillJmh() throws IOException {
        Path withBom = dir.resolve("bom.json");
        byte[] jmh = Files.readAllBytes(Resources.path("jmh/throughput.json"));
        byte[] bytes = new byte[jmh.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(jmh, 0, bytes, 3, jmh.length);
        Files.write(withBom, bytes);
        Cli run = run("convert", "-i", withBom.toString(), "-o", dir.resolve("o.json").toString());
        assertEquals(0, run.exitCode(), run.toString());
    }

    /** The sample-mode fixture with its first result's histogram replaced by one fork of one iteration of {@code bins}. */
    private Path histogramFile(String bins) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(Resources.path("jmh/sample-mode.json").toFile());
        ((ObjectNode) root.get(0).get("primaryMetric")).set("rawDataHistogram", json.readTree("[[[" + bins + "]]]"));
        return Files.writeString(dir.resolve("hist.json"), json.writeValueAsString(root));
    }

    @Test
    void aHugeHistogramCountIsRefusedNotExpanded() throws IOException {
        Path file = histogramFile("[ 49.0, 3000000000 ]");
        Cli run = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> run("convert", "-i", file.toString(), "-o", dir.resolve("o.json").toString()));
        assertOneLineError(run, "more than 10,000,000 samples");
    }

    @Test
    void aHistogramBinWithoutCountIsNamed() throws IOException {
        Path file = histogramFile("[ 49.0 ]");
        Cli run = run("convert", "-i", file.toString(), "-o", dir.resolve("o.json").toString());
        assertOneLineError(run, "bin 0: expected [value, count]");
    }

    @Test
    void namesCannotForgeLinesOrColours() throws IOException {
        String section = "rank_2\n::error::forged";
        String subsection = "\u001b[32mPASSED\u001b[0m\rX";
        Path b = dir.resolve("b.json");
        Path c = dir.resolve("c.json");
        data(section, subsection, 1).toJsonFile(b);
        data(section, subsection, 1.5).toJsonFile(c);
        Cli run = run("compare", "-b", b.toString(), "-c", c.toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertFalse(run.out().contains("\u001b") || run.out().contains("\r"), "no escape sequence:\n" + run.out());
        assertTrue(run.out().lines().noneMatch(l -> l.startsWith("::") || l.startsWith("PASSED")), run.out());
        assertTrue(run.out().contains("rank_2\\n::error::forged"), "shown escaped:\n" + run.out());
    }

    @Test
    void aControlCharacterInAFileNameNeverReachesTheMarkdown() throws IOException {
        Path odd = dir.resolve("cur\rrent\u001b.json");
        data("rank_2", "X", 1.5).toJsonFile(odd);
        Cli run = run("compare", "-b", baseline.toString(), "-c", odd.toString(), "--format", "markdown");
        assertEquals(1, run.exitCode(), run.toString());
        assertFalse(run.out().contains("\r") || run.out().contains("\u001b"), run.out());
        assertTrue(run.out().contains("cur\\rrent\\u001b.json"), run.out());
    }

    @Test
    void samplesWhoseMedianOverflowsAreRefused() throws IOException {
        Path b = dir.resolve("big.json");
        Files.writeString(b, "{\"s\": {\"x\": [1.7e308, 1.7e308, 1.7e308, 1.7e308]}}");
        Cli run = run("compare", "-b", b.toString(), "-c", b.toString());
        assertOneLineError(run, "too large for double arithmetic");
    }

    @Command(name = "hungry")
    static final class Hungry implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void runningOutOfMemoryIsOneLine() {
        CommandLine commandLine = Main.newCommandLine(new Hungry());
        Cli run = Cli.run((out, err) -> {
            commandLine.setOut(out);
            commandLine.setErr(err);
            return Main.execute(commandLine);
        });
        assertOneLineError(run, "out of memory");
    }

    @Test
    void shortSubsectionsAreWarnedAboutOnce() throws IOException {
        PerformanceData.Builder builder = PerformanceData.builder();
        for (int i = 0; i < 50; i++) {
            builder.add("s", "x" + i, new double[] {1, 2, 3});
        }
        Path small = dir.resolve("small.json");
        Path other = dir.resolve("other.json");
        builder.build().toJsonFile(small);
        builder.build().toJsonFile(other);
        Cli run = run("compare", "-b", small.toString(), "-c", other.toString());
        assertEquals(2, run.err().lines().filter(l -> l.startsWith("warning:")).count(), "one per file:\n" + run.err());
        assertTrue(run.err().contains("50 subsections have fewer than 100 samples"), run.err());
    }
}
