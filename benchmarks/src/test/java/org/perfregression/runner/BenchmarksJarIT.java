package org.perfregression.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.data.PerformanceData;

/**
 * The shaded jar, driven as CI and users drive it: a quick smoke run yields well-formed
 * PerformanceData, a real injected slowdown is reported as regressions with exit code 1, and a
 * benchmark that throws fails the run and is named. Short runs of a few combinations (JMH allows one
 * run at a time per machine, so these run one after the other).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BenchmarksJarIT {

    private static final List<String> BENCHMARKS = List.of("constructor", "get_noc_addr_page_id");
    private static final List<String> RANKS = List.of("2", "3");
    private static final List<String> CONFIGS = List.of("SHARDED_ACCESSOR_0000001", "SHARDED_ACCESSOR_1111101");
    private static final String SUBSECTIONS_PER_BENCHMARK = String.valueOf(RANKS.size() * CONFIGS.size());
    /**
     * Extra work per accessor call, 2.9-5.7 µs measured with both cores busy: tens of times the compiled code's cost, so the
     * verdict does not hinge on how quiet the CI machine is (a 20-sample baseline taken there had a
     * MAD of 69 % of its median, so only a slowdown above 3x could clear its noise band).
     */
    private static final int SLOWDOWN_TOKENS = 1000;
    private static final String[] SUBSET = {String.join("|", BENCHMARKS), "-p", "rank=" + String.join(",", RANKS),
        "-p", "config=" + String.join(",", CONFIGS)};

    @TempDir
    static Path work;

    private static String[] with(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(more, 0, all, 0, more.length);
        System.arraycopy(first, 0, all, more.length, first.length);
        return all;
    }

    /** Forks of the IT's baselines: the gate needs at least two to see fork-to-fork noise. */
    private static final int BASELINE_FORKS = 3;

    @Test
    @Order(1)
    void smokeRunYieldsPerformanceDataWithExactlyTheExpectedKeys() throws Exception {
        // --quick refuses to make baselines; short settings of a subset need --partial, the user's explicit choice.
        // Warmup is longer than --quick's: on CI, half of one such baseline's samples were 4x slow.
        // --allow-busy: CI's machine may be busy with the build; the busy guard has its own test.
        Jar run = Jar.run(work, with(SUBSET, "-f", String.valueOf(BASELINE_FORKS), "-wi", "10", "-w", "60ms", "-i", "20",
                "-r", "3ms", "--results-dir", "normal", "--gt-dir", "gt", "--platform", "ci", "--regenerate-gt",
                "--partial", "--allow-busy"));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("[24/24] pass 3/3"), "progress shows n of N and the pass:\n" + run.out());
        assertTrue(run.out().contains("What a main job (2 forks"), run.out());
        assertTrue(run.out().contains(") can detect against these baselines"), run.out());
        assertTrue(Files.size(work.resolve("normal/jmh.log")) > 0, "JMH's log is kept");
        assertTrue(Files.size(work.resolve("normal/jmh-result.json")) > 0, "JMH's JSON is kept");
        for (String benchmark : BENCHMARKS) {
            PerformanceData data = PerformanceData.fromJsonFile(work.resolve("normal/" + benchmark + ".json"));
            assertEquals(RANKS.stream().map(r -> "rank_" + r).toList(), data.sections(), benchmark);
            for (String rank : data.sections()) {
                assertEquals(CONFIGS, data.subsections(rank), benchmark + " " + rank);
                for (String config : CONFIGS) {
                    var samples = data.samples(rank, config);
                    assertEquals(BASELINE_FORKS * 20, samples.size(), "3 forks x 20 iterations");
                    assertTrue(samples.stream().allMatch(v -> v > 0 && Double.isFinite(v)));
                }
            }
            assertEquals(data, PerformanceData.fromJsonFile(work.resolve("gt/ci/" + benchmark + ".json")),
                    "the baseline is the run's data");
        }
        String metadata = Files.readString(work.resolve("gt/ci/metadata.json"));
        assertTrue(metadata.contains("\"calibration\"") && metadata.contains("\"minimum_detectable_change\""), metadata);
        String sidecar = Files.readString(work.resolve("gt/ci/constructor.meta.json"));
        assertTrue(sidecar.contains("\"calibration_ns\"") && sidecar.contains("\"pass\" : 3"),
                "the baseline's sidecar records forks, passes and calibration:\n" + sidecar);
        assertTrue(sidecar.contains("\"alloc_scope\" : \"benchmark_threads\""),
                "and allocation counted on the benchmark's threads:\n" + sidecar);
    }

    @Test
    @Order(2)
    void injectedSlowdownIsReportedAsRegressions() throws Exception {
        Jar run = Jar.run(work, with(SUBSET, "--quick", "--results-dir", "slow", "--gt-dir", "gt", "--platform", "ci",
                "--confirm-forks", "1", "--allow-busy", "-jvmArgsAppend", "-Daccessor.slowdown=" + SLOWDOWN_TOKENS));
        // --allow-busy: a regression on a machine busier than for its baselines is exit 3 (BaselineSafetyTest);
        // this test is of the slowdown, on whatever CI's machine is doing meanwhile.
        assertEquals(1, run.exitCode(), run.toString());
        for (String benchmark : BENCHMARKS) {
            // One report of the whole suite: each benchmark's object under "benchmarks".
            String all = Files.readString(work.resolve("slow/report.json"));
            String report = all.substring(all.indexOf("\"" + benchmark + "\" : {"));
            assertTrue(report.contains("\"rule\" : \"gate\"") && report.contains("\"regressions\" : "
                    + SUBSECTIONS_PER_BENCHMARK) && report.contains("\"confirmed\" : " + SUBSECTIONS_PER_BENCHMARK),
                    benchmark + ": every rank and configuration must regress, confirmed in a fresh fork:\n" + report);
            assertTrue(report.contains("\"seed_summary\""), "the seed rule's verdicts are reported beside the gate's");
        }
        assertTrue(run.out().contains("Confirming 8 flagged subsections in 1 fresh forks each"), run.out());
        assertTrue(run.out().contains("machine check: the calibration kernel runs"), run.out());
        assertTrue(run.out().contains("FAILED: performance regressions found"), run.out());
    }

    @Test
    @Order(3)
    void theSeedRuleGatesOnRequest() throws Exception {
        Jar run = Jar.run(work, "--from-results", "slow", "--gt-dir", "gt", "--platform", "ci", "--rule", "seed",
                "--allow-busy");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("Summary (seed rule):"), run.out());
    }

    @Test
    @Order(4)
    void aMachineThatMeasuresDifferentlyStopsWithExitThree() throws Exception {
        // Another machine: a copy of the baselines whose machine ran the calibration kernel 1.5 times as
        // long. (Two runs on this machine can agree to the nanosecond: the timer is coarse.)
        Path other = Files.createDirectories(work.resolve("gt-other/ci"));
        try (var files = Files.list(work.resolve("gt/ci"))) {
            for (Path file : files.toList()) {
                Files.copy(file, other.resolve(file.getFileName()));
            }
        }
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var metadata = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(other.resolve("metadata.json").toFile());
        var calibration = (com.fasterxml.jackson.databind.node.ObjectNode) metadata.get("calibration");
        calibration.put("p10_ns", calibration.get("p10_ns").asDouble() * 1.5); // a slower machine: both percentiles
        calibration.put("median_ns", calibration.get("median_ns").asDouble() * 1.5);
        json.writeValue(other.resolve("metadata.json").toFile(), metadata);
        Jar run = Jar.run(work, "--from-results", "slow", "--gt-dir", "gt-other", "--platform", "ci");
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().contains("measures differently") && run.err().matches("(?s).*runs [0-9.]+% faster.*")
                && run.err().contains("--regenerate-gt") && run.err().contains("--normalise-machine"), run.err());
        Jar advisory = Jar.run(work, "--from-results", "slow", "--gt-dir", "gt-other", "--platform", "ci",
                "--normalise-machine", "--allow-busy");
        assertEquals(1, advisory.exitCode(), advisory.toString());
        assertTrue(advisory.out().contains("NOTE: advisory: this machine runs the calibration kernel"), advisory.out());
    }

    @Test
    @Order(5)
    void regenerationNeverOverwritesWithoutForce() throws Exception {
        Jar run = Jar.run(work, "--from-results", "slow", "--gt-dir", "gt", "--platform", "ci", "--regenerate-gt");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("refusing to overwrite") && run.err().contains("--force"), run.err());
        // A subset of the suite with short settings: only --partial may write it (see BaselineSafetyTest).
        Jar forced = Jar.run(work, "--from-results", "slow", "--gt-dir", "gt", "--platform", "ci", "--regenerate-gt",
                "--force", "--partial", "--allow-busy");
        assertEquals(0, forced.exitCode(), forced.toString());
        assertTrue(forced.out().contains("against the previous baseline") && forced.out().contains("slower: rank_2"),
                "regeneration shows what changed:\n" + forced.out());
    }

    @Test
    @Order(6)
    void aBenchmarkThatThrowsFailsTheRunAndIsNamed() throws Exception {
        // A runtime rank with static shapes is no legal configuration: the benchmark's setup throws.
        Jar run = Jar.run(work, "--quick", "--results-dir", "failed", "--gt-dir", "gt", "--platform", "ci",
                "get_noc_addr_page_id", "-p", "rank=2", "-p", "config=SHARDED_ACCESSOR_0000100");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("benchmarks.jar: error: benchmark get_noc_addr_page_id")
                && run.err().contains("config=SHARDED_ACCESSOR_0000100") && run.err().contains(" failed: "), run.err());
        assertEquals(1, run.err().lines().count(), "one line, no stack trace:\n" + run.err());
        Jar noFork = Jar.run(work, "--quick", "--gt-dir", "gt", "--platform", "ci", "-f", "0");
        assertEquals(2, noFork.exitCode(), noFork.toString());
        assertTrue(noFork.err().contains("-f 0: the suite needs at least one forked JVM"), noFork.err());
    }

    @Test
    @Order(7)
    void noBaselineForThePlatformExitsThree() throws Exception {
        Jar run = Jar.run(work, "--quick", "--gt-dir", "gt", "--platform", "elsewhere");
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().contains("no baselines for platform elsewhere") && run.err().contains("--regenerate-gt")
                && run.err().contains("there are: ci"), run.err());
    }

    @Test
    @Order(8)
    void compareSubcommandBehavesLikeTheRegressionJar() throws Exception {
        Jar same = Jar.run(work, "compare", "--baseline", "normal/constructor.json", "--current",
                "normal/constructor.json");
        assertEquals(0, same.exitCode(), same.toString());
        // The slow run has fewer samples (one quick fork, plus a confirmation fork): lenient.
        Jar slower = Jar.run(work, "compare", "-b", "normal/constructor.json", "-c", "slow/constructor.json",
                "--format", "json", "--lenient");
        assertEquals(1, slower.exitCode(), slower.toString());
        assertTrue(slower.out().contains("\"regressions\" : " + SUBSECTIONS_PER_BENCHMARK), slower.out());
    }

    @Test
    @Order(9)
    void badJmhOptionIsOneLine() throws Exception {
        Jar run = Jar.run(work, "--gt-dir", "gt", "--platform", "ci", "-nosuchoption");
        assertEquals(2, run.exitCode(), run.toString());
        assertFalse(run.err().contains("\tat "), run.err());
        assertTrue(run.err().startsWith("benchmarks.jar: error: JMH option:"), run.err());
    }
}
