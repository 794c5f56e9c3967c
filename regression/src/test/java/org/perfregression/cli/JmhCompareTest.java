package org.perfregression.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.data.PerformanceData;
import org.perfregression.input.Sidecar;
import org.perfregression.testing.Cli;
import org.perfregression.testing.Resources;

/** compare and convert with JMH result files, directions, units, platforms and several reports. */
class JmhCompareTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Cli run(String... args) {
        return Cli.run((out, err) -> Main.run(out, err, args));
    }

    /** A copy of a JMH file with every raw sample multiplied by {@code factor} and the JDK version replaced. */
    private Path scaled(String resource, double factor, String jdk) throws IOException {
        ArrayNode root = (ArrayNode) JSON.readTree(Resources.path(resource).toFile());
        for (var entry : root) {
            ((ObjectNode) entry).put("jdkVersion", jdk);
            for (var fork : entry.get("primaryMetric").get("rawData")) {
                for (int i = 0; i < fork.size(); i++) {
                    ((ArrayNode) fork).set(i, JSON.getNodeFactory().numberNode(fork.get(i).asDouble() * factor));
                }
            }
        }
        Path file = dir.resolve(resource.replace('/', '-') + "-" + factor + "-" + jdk + ".json");
        JSON.writeValue(file.toFile(), root);
        return file;
    }

    @Test
    void throughputDropIsTheRegression() throws IOException {
        Path base = scaled("jmh/throughput.json", 1.0, "17.0.15");
        // Three samples per side cannot be significant; a single-shot file with ten is.
        Path slow = scaled("jmh/single-shot.json", 1.0, "17.0.15");
        Path slower = scaled("jmh/single-shot.json", 2.0, "17.0.15");
        Cli regression = run("compare", "-b", slow.toString(), "-c", slower.toString());
        assertEquals(1, regression.exitCode(), regression.toString());
        Cli improvement = run("compare", "-b", slower.toString(), "-c", slow.toString());
        assertEquals(0, improvement.exitCode(), improvement.toString());
        assertTrue(improvement.out().contains("improvement"), improvement.out());

        // Throughput: the same doubling of the numbers is an improvement, and halving them a regression.
        Path faster = scaled("jmh/throughput.json", 2.0, "17.0.15");
        Cli thrpt = run("compare", "-b", base.toString(), "-c", faster.toString(), "--format", "json");
        assertTrue(thrpt.out().contains("\"direction\" : \"higher_is_better\""), thrpt.out());
        Cli flipped = run("compare", "-b", base.toString(), "-c", faster.toString(), "--direction", "lower",
                "--format", "json");
        assertTrue(flipped.out().contains("\"direction\" : \"lower_is_better\""), flipped.out());
    }

    @Test
    void differentUnitsAreRefused() throws IOException {
        Path thrpt = scaled("jmh/throughput.json", 1.0, "17.0.15");
        Path data = dir.resolve("ns.json");
        PerformanceData.fromJsonString("{\"JMHSample_10_ConstantFold.measureRight\": {\"default\": [1, 2, 3]}}").toJsonFile(data);
        new Sidecar("ns/op", org.perfregression.platform.Platform.UNKNOWN).writeFor(data);
        Cli run = run("compare", "-b", data.toString(), "-c", thrpt.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("the baseline is in ns/op") && run.err().contains("current data in ops/ms"), run.err());
    }

    @Test
    void platformMismatchIsRefusedUnlessAllowedAndThenAdvisoryEverywhere() throws IOException {
        Path jdk17 = scaled("jmh/single-shot.json", 1.0, "17.0.15");
        Path jdk21 = scaled("jmh/single-shot.json", 2.0, "21.0.4");
        Cli refused = run("compare", "-b", jdk17.toString(), "-c", jdk21.toString());
        assertEquals(3, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("different platforms (java: 17 vs 21)")
                && refused.err().contains("--allow-platform-mismatch"), refused.err());

        Path md = dir.resolve("r.md");
        Path xml = dir.resolve("r.xml");
        Path html = dir.resolve("r.html");
        Path json = dir.resolve("r.json");
        Cli allowed = run("compare", "-b", jdk17.toString(), "-c", jdk21.toString(), "--allow-platform-mismatch",
                "--format", "markdown=" + md, "--format", "junit=" + xml, "--format", "html=" + html,
                "--format", "json=" + json, "--format", "text");
        assertEquals(1, allowed.exitCode(), allowed.toString());
        assertTrue(allowed.out().startsWith("NOTE: advisory: baseline and current were measured on different platforms"),
                allowed.out());
        for (Path report : new Path[] {md, xml, html, json}) {
            assertTrue(Files.readString(report).contains("advisory: baseline and current were measured on different"),
                    report + " marks the result as advisory");
        }
    }

    @Test
    void convertWritesDataAndSidecarAndNeverOverwritesSilently() throws IOException {
        Path out = dir.resolve("gt/params.json");
        Cli convert = run("convert", "--input", Resources.path("jmh/avgt-params-gc.json").toString(), "--output",
                out.toString(), "--section-param", "arg", "--section-format", "arg_{arg}", "--mode", "avgt");
        assertEquals(2, convert.exitCode(), "the ConstantFold results have no 'arg': " + convert);
        assertTrue(convert.err().contains("no parameter 'arg'"), convert.err());

        Cli plain = run("convert", "-i", Resources.path("jmh/avgt-params-gc.json").toString(), "-o", out.toString());
        assertEquals(0, plain.exitCode(), plain.toString());
        PerformanceData data = PerformanceData.fromJsonFile(out);
        assertEquals(5, data.sections().size());
        Sidecar sidecar = Sidecar.of(out);
        assertEquals("ns/op", sidecar.unit());
        assertEquals(Integer.valueOf(17), sidecar.platform().javaMajor());

        Cli again = run("convert", "-i", Resources.path("jmh/avgt-params-gc.json").toString(), "-o", out.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("exists already; pass --force"), again.err());

        Cli compare = run("compare", "-b", out.toString(), "-c", Resources.path("jmh/avgt-params-gc.json").toString());
        assertEquals(0, compare.exitCode(), "a converted file compares with its JMH source: " + compare);
        assertTrue(compare.out().contains("6 compared: 0 regressions"), compare.out());
    }

    /** A copy of the GC profiler's JMH file with {@code bytes} more allocated per operation in the first result. */
    private Path allocating(double bytes) throws IOException {
        ArrayNode root = (ArrayNode) JSON.readTree(Resources.path("jmh/avgt-params-gc.json").toFile());
        for (var fork : root.get(0).get("secondaryMetrics").get("gc.alloc.rate.norm").get("rawData")) {
            for (int i = 0; i < fork.size(); i++) {
                ((ArrayNode) fork).set(i, JSON.getNodeFactory().numberNode(fork.get(i).asDouble() + bytes));
            }
        }
        Path file = dir.resolve("gc-" + bytes + ".json");
        JSON.writeValue(file.toFile(), root);
        return file;
    }

    @Test
    void underTheGateAllocationIsABenchmarkOfItsOwnAndARiseInEveryForkFails() throws IOException {
        Path base = allocating(0);
        Path json = dir.resolve("alloc.json");
        Cli same = run("compare", "-b", base.toString(), "-c", base.toString(), "--rule", "gate", "--format",
                "json=" + json);
        assertEquals(0, same.exitCode(), same.toString());
        var alloc = JSON.readTree(json.toFile()).get("benchmarks").get("gc-0.0.alloc");
        assertEquals("B/op", alloc.get("unit").asText(), alloc.toString());
        assertEquals(6, alloc.get("summary").get("total_tests").asInt(), alloc.toString());
        assertEquals(0, alloc.get("summary").get("regressions").asInt(), alloc.toString());

        Cli more = run("compare", "-b", base.toString(), "-c", allocating(16).toString(), "--rule", "gate");
        assertEquals(1, more.exitCode(), more.toString());
        assertTrue(more.out().contains("regression (exact)") && more.out().contains("gc-0.0.alloc  FAILED"), more.out());
        Cli markdown = run("compare", "-b", base.toString(), "-c", allocating(16).toString(), "--rule", "gate",
                "--format", "json");
        assertTrue(markdown.out().contains("Allocation regression: +16.0 B/op"), markdown.out());

        Cli seed = run("compare", "-b", base.toString(), "-c", allocating(16).toString());
        assertEquals(0, seed.exitCode(), "the seed's rule exactly: time only: " + seed);
        assertTrue(!seed.out().contains(".alloc"), seed.out());
    }

    /** {@code file} with JMH's GC figure renamed to the benchmark threads' ({@code ThreadAllocationProfiler}'s). */
    private Path countedByThreads(Path file) throws IOException {
        ArrayNode root = (ArrayNode) JSON.readTree(file.toFile());
        for (var result : root) {
            var metrics = (com.fasterxml.jackson.databind.node.ObjectNode) result.get("secondaryMetrics");
            metrics.set(org.perfregression.jmh.fork.ThreadAllocationProfiler.METRIC, metrics.remove("gc.alloc.rate.norm"));
        }
        Path threads = dir.resolve("threads-" + file.getFileName());
        JSON.writeValue(threads.toFile(), root);
        return threads;
    }

    @Test
    void allocationCountedOtherwiseThanTheBaselineIsNotComparedAndTheReportSaysWhy() throws IOException {
        Path base = allocating(0);
        Path threads = countedByThreads(allocating(16));
        Cli mixed = run("compare", "-b", base.toString(), "-c", threads.toString(), "--rule", "gate");
        assertEquals(0, mixed.exitCode(), "16 B/op more, but counted otherwise: no verdict either way: " + mixed);
        assertTrue(mixed.out().contains("allocation not compared in 6 subsections: the baseline counted the bytes of "
                + "the whole JVM (JMH's gc.alloc.rate.norm), this run those of the benchmark's threads only; regenerate "
                + "the baselines to gate it"), mixed.out());
        assertTrue(!mixed.out().contains(".alloc "), mixed.out());

        Cli alike = run("compare", "-b", countedByThreads(base).toString(), "-c", threads.toString(), "--rule", "gate");
        assertEquals(1, alike.exitCode(), "both counted by the benchmark's threads: " + alike);
        assertTrue(alike.out().contains("alloc  FAILED"), alike.out());
    }

    @Test
    void emptyJmhFileIsOneLine() {
        Cli run = run("compare", "-b", Resources.path("jmh/aborted-run.json").toString(), "-c",
                Resources.path("jmh/throughput.json").toString());
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("empty file (an aborted JMH run"), run.err());
    }

    @Test
    void onlyOneReportOnStandardOutput() {
        Cli run = run("compare", "-b", "x.json", "-c", "y.json", "--format", "text", "--format", "json");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("only one report can go to standard output"), run.err());
    }
}
