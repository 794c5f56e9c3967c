package org.perfregression.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.data.PerformanceData;
import org.perfregression.testing.Cli;

class CompareCommandTest {

    @TempDir
    Path dir;
    Path baseline;
    Path same;
    Path slower;
    Path faster;

    private static PerformanceData data(double factorOfSecond, long seed) {
        Random random = new Random(seed);
        PerformanceData.Builder builder = PerformanceData.builder();
        double[] medians = {100, 200};
        for (int s = 0; s < medians.length; s++) {
            double[] values = new double[120];
            for (int i = 0; i < values.length; i++) {
                double m = s == 1 ? medians[s] * factorOfSecond : medians[s];
                values[i] = Math.rint(m + random.nextGaussian() * m * 0.003);
            }
            builder.add("rank_2", "SHARDED_ACCESSOR_000000" + (s + 1), values);
        }
        return builder.build();
    }

    @BeforeEach
    void files() throws IOException {
        baseline = dir.resolve("baseline.json");
        same = dir.resolve("same.json");
        slower = dir.resolve("slower.json");
        faster = dir.resolve("faster.json");
        data(1.0, 1).toJsonFile(baseline);
        data(1.0, 2).toJsonFile(same);
        data(1.10, 3).toJsonFile(slower);
        data(0.90, 4).toJsonFile(faster);
    }

    private static Cli compare(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "compare";
        System.arraycopy(args, 0, full, 1, args.length);
        return Cli.run((out, err) -> Main.run(out, err, full));
    }

    @Test
    void noChangeExitsZeroWithATable() {
        Cli run = compare("--baseline", baseline.toString(), "--current", same.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("section  subsection")), run.out());
        assertTrue(run.out().contains("values in unit unknown, lower is better"), run.out());
        assertTrue(run.out().contains("PASSED: 2 compared: 0 regressions, 0 improvements, 2 no change"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void regressionExitsOneAndComesFirst() {
        Cli run = compare("-b", baseline.toString(), "-c", slower.toString());
        assertEquals(1, run.exitCode(), run.toString());
        String[] lines = run.out().split("\n");
        int header = java.util.Arrays.asList(lines).indexOf(run.out().lines().filter(l -> l.startsWith("section  subsection"))
                .findFirst().orElseThrow());
        assertTrue(lines[header + 1].contains("SHARDED_ACCESSOR_0000002") && lines[header + 1].endsWith("regression"),
                run.out());
        assertTrue(lines[lines.length - 1].startsWith("FAILED: 2 compared: 1 regression"), run.out());
    }

    @Test
    void improvementExitsZero() {
        Cli run = compare("-b", baseline.toString(), "-c", faster.toString(), "--format", "json");
        assertEquals(0, run.exitCode(), run.toString());
    }

    @Test
    void jsonReportHasTheSeedsFieldsAndTheSummary() throws IOException {
        Path report = dir.resolve("reports/result.json");
        Cli run = compare("-b", baseline.toString(), "-c", slower.toString(), "--format", "json", "--output",
                report.toString());
        assertEquals(1, run.exitCode(), run.toString());
        JsonNode root = new ObjectMapper().readTree(Files.readString(report));
        JsonNode result = root.get("results").get("rank_2").get("SHARDED_ACCESSOR_0000002");
        for (String field : new String[] {"is_regression", "delta_median_pct", "p_value", "noise_band_pct", "message",
            "current_median", "baseline_median", "verdict"}) {
            assertTrue(result.has(field), field);
        }
        assertTrue(result.get("is_regression").asBoolean());
        assertEquals("regression", result.get("verdict").asText());
        JsonNode summary = root.get("summary");
        assertEquals(2, summary.get("total_tests").asInt());
        assertEquals(1, summary.get("regressions").asInt());
        assertEquals(0, summary.get("improvements").asInt());
        assertEquals(1, summary.get("no_change").asInt());
        assertTrue(summary.get("regression_messages").get(0).asText()
                .startsWith("rank_2.SHARDED_ACCESSOR_0000002: Performance regression: +"));
        assertTrue(run.out().contains("json: " + report), run.out());
    }

    @Test
    void structureMismatchIsInvalidInputNamingEveryDifference() throws IOException {
        Path other = dir.resolve("other.json");
        PerformanceData.fromJsonString("{\"rank_3\": {\"X\": [1, 2, 3]}}").toJsonFile(other);
        Cli run = compare("-b", baseline.toString(), "-c", other.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("section rank_2 is missing from current")
                && run.err().contains("section rank_3 is new in current"), run.err());
        assertEquals(1, run.err().strip().lines().filter(l -> !l.startsWith("warning:")).count(), run.err());
        assertTrue(run.err().contains("warning: " + other + ": rank_3.X has 3 samples"), run.err());
    }

    @Test
    void lenientComparesAndFailsOnMissing() throws IOException {
        Path partial = dir.resolve("partial.json");
        PerformanceData full = data(1.0, 5);
        PerformanceData.builder().add("rank_2", "SHARDED_ACCESSOR_0000001",
                full.samples("rank_2", "SHARDED_ACCESSOR_0000001").toArray()).build().toJsonFile(partial);
        Cli run = compare("-b", baseline.toString(), "-c", partial.toString(), "--lenient");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("MISSING rank_2.SHARDED_ACCESSOR_0000002"), run.out());
    }

    @Test
    void badInputIsOneLineWithoutStackTrace() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"rank_2\": {\"X\": [1, \"NaN\"]}}");
        Cli run = compare("-b", baseline.toString(), "-c", bad.toString());
        assertEquals(2, run.exitCode());
        assertEquals("compare: error: " + bad + ": line 1, column 22: rank_2.X[1]: expected a finite number, "
                + "found the string \"NaN\"\n", run.err());
        assertFalse(run.err().contains("at org."), run.err());

        Cli missing = compare("-b", dir.resolve("nope.json").toString(), "-c", bad.toString());
        assertEquals(2, missing.exitCode());
        assertEquals("compare: error: " + dir.resolve("nope.json") + ": no such file\n", missing.err());
    }

    @Test
    void usageErrorsExitTwoWithAHint() {
        Cli run = compare("--baseline", baseline.toString());
        assertEquals(2, run.exitCode());
        assertEquals("compare: Missing required option: '--current=FILE' (see perf-regression compare --help)\n",
                run.err());
        Cli badOption = compare("-b", baseline.toString(), "-c", same.toString(), "--significance", "2");
        assertEquals(2, badOption.exitCode());
        assertEquals("compare: error: significance must be in (0, 1], got 2.0\n", badOption.err());
        Cli noCommand = Cli.run((out, err) -> Main.run(out, err));
        assertEquals(2, noCommand.exitCode());
    }

    @Test
    void helpAndVersion() {
        Cli help = compare("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--noise-threshold=PCT") && help.out().contains("Exit codes"), help.out());
        Cli version = Cli.run((out, err) -> Main.run(out, err, "--version"));
        assertEquals(0, version.exitCode());
        assertTrue(version.out().matches("perf-regression \\d+\\.\\d+\\.\\d+.*\\n"), version.out());
    }
}
