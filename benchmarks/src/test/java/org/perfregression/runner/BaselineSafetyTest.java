package org.perfregression.runner;

import org.perfregression.harness.BaselineCoverage;
import org.perfregression.analysis.SuiteKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;

/**
 * The main job under hostile use, on synthetic results (no JMH run): partial and short runs never
 * replace a full set, names never escape their folder, a run in another unit, mode or JDK is never
 * compared as if it were comparable, and a failed benchmark never passes.
 */
class BaselineSafetyTest {

    private static final String PLATFORM = "test-platform";

    @TempDir
    Path dir;

    private Path gt;

    @BeforeEach
    void baselines() throws IOException {
        gt = dir.resolve("gt");
        SyntheticRun.wholeSuite().write(dir.resolve("full"));
        MainJob made = regenerate("full");
        assertEquals(0, made.exitCode(), made.toString());
    }

    private MainJob regenerate(String results, String... more) {
        return MainJob.run(Stream.concat(Stream.of("--from-results", dir.resolve(results).toString(), "--gt-dir",
                gt.toString(), "--platform", PLATFORM, "--regenerate-gt", "--allow-busy"), Stream.of(more))
                .toArray(String[]::new));
    }

    private MainJob compare(String results, String... more) {
        return MainJob.run(Stream.concat(Stream.of("--from-results", dir.resolve(results).toString(), "--gt-dir",
                gt.toString(), "--platform", PLATFORM), Stream.of(more)).toArray(String[]::new));
    }

    /** Every file of the platform's folder, by name, with its content. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(gt.resolve(PLATFORM))) {
            for (Path file : list.toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return files;
    }

    @Test
    void aPartialRunNeverReplacesAFullSet() throws IOException {
        Map<String, String> before = snapshot();
        SuiteKey one = new SuiteKey("constructor", new SubsectionKey("rank_2", "SHARDED_ACCESSOR_0000001"));
        SyntheticRun.wholeSuite().only(List.of(one)).scaled(2).write(dir.resolve("one"));
        MainJob forced = regenerate("one", "--force");
        assertEquals(2, forced.exitCode(), forced.toString());
        assertTrue(forced.err().contains("partial run") && forced.err().contains("--partial"), forced.err());
        assertEquals(before, snapshot(), "nothing changed");
    }

    @Test
    void tooFewSamplesAreRefused() throws IOException {
        Map<String, String> before = snapshot();
        SyntheticRun.wholeSuite().samples(1, 2).write(dir.resolve("short"));
        MainJob forced = regenerate("short", "--force");
        assertEquals(2, forced.exitCode(), forced.toString());
        assertTrue(forced.err().contains("too few samples") && forced.err().contains("at least 100"), forced.err());
        assertEquals(before, snapshot());
    }

    @Test
    void partialReplacesOnlyTheMeasuredSubsectionsAndKeepsTheRest() throws IOException {
        PerformanceData before = PerformanceData.fromJsonFile(gt.resolve(PLATFORM).resolve("constructor.json"));
        Map<String, String> files = snapshot();
        SubsectionKey key = new SubsectionKey("rank_2", "SHARDED_ACCESSOR_0000001");
        SyntheticRun.wholeSuite().only(List.of(new SuiteKey("constructor", key))).scaled(2).write(dir.resolve("one"));
        MainJob partial = regenerate("one", "--partial");
        assertEquals(0, partial.exitCode(), partial.toString());
        PerformanceData after = PerformanceData.fromJsonFile(gt.resolve(PLATFORM).resolve("constructor.json"));
        assertEquals(before.keys(), after.keys(), "every subsection kept, in order");
        assertTrue(after.median(key.section(), key.subsection()) > 1.9 * before.median(key.section(), key.subsection()),
                "the measured subsection is the new one");
        before.keys().stream().filter(k -> !k.equals(key)).forEach(k -> assertEquals(before.samples(k).stream().boxed()
                .toList(), after.samples(k).stream().boxed().toList(), k + " kept"));
        Map<String, String> now = snapshot();
        for (String other : List.of("get_noc_addr_page_id.json", "pages_iterator.json", "pages_iterator.meta.json")) {
            assertEquals(files.get(other), now.get(other), other + " untouched");
        }
        JsonNode metadata = new ObjectMapper().readTree(now.get("metadata.json"));
        assertEquals(1, metadata.get("partial_updates").size(), now.get("metadata.json"));
        assertEquals(new ObjectMapper().readTree(files.get("metadata.json")).get("created"), metadata.get("created"),
                "the set's provenance is kept");
        JsonNode forks = new ObjectMapper().readTree(now.get("constructor.meta.json")).get("forks");
        assertEquals(before.subsectionCount(), countSubsections(forks), "the fork layout covers every subsection");
    }

    private static int countSubsections(JsonNode forks) {
        int n = 0;
        for (JsonNode section : forks) {
            n += section.size();
        }
        return n;
    }

    @Test
    void aPlatformNameCannotEscapeTheGroundTruthFolder() {
        MainJob escape = MainJob.run("--from-results", dir.resolve("full").toString(), "--gt-dir", gt.toString(),
                "--platform", "../../escaped", "--regenerate-gt", "--allow-busy");
        assertEquals(2, escape.exitCode(), escape.toString());
        assertTrue(escape.err().contains("--platform \"../../escaped\": not usable as a file name"), escape.err());
        assertFalse(Files.exists(dir.getParent().resolve("escaped")) || Files.exists(dir.resolve("escaped")));
    }

    @Test
    void aBenchmarkNamedLikeAPathIsRefusedNotWritten() throws IOException {
        SuiteKey evil = new SuiteKey("/" + dir.resolve("evil").toString().substring(1),
                new SubsectionKey("rank_2", "SHARDED_ACCESSOR_0000001"));
        SyntheticRun.wholeSuite().only(List.of(evil)).write(dir.resolve("evil-results"));
        MainJob run = compare("evil-results");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("not usable as a file name"), run.err());
        assertFalse(Files.exists(dir.resolve("evil.json")), "nothing written outside the results folder");
    }

    @Test
    void resultsAreNeverWrittenIntoTheGroundTruth() throws IOException {
        Map<String, String> before = snapshot();
        for (String option : List.of("--results-dir", "--from-results")) {
            MainJob run = MainJob.run(option, gt.resolve(PLATFORM).toString(), "--gt-dir", gt.toString(), "--platform",
                    PLATFORM, "constructor", "-p", "rank=2");
            assertEquals(2, run.exitCode(), option + "\n" + run);
            assertTrue(run.err().contains("that is a ground-truth folder"), run.err());
        }
        assertEquals(before, snapshot());
    }

    @Test
    void anotherUnitIsRefusedBeforeAndAfterTheRun() throws IOException {
        MainJob asked = MainJob.run("--gt-dir", gt.toString(), "--platform", PLATFORM, "constructor", "-tu", "ms");
        assertEquals(2, asked.exitCode(), asked.toString());
        assertTrue(asked.err().contains("unit ns/op") && asked.err().contains("ms/op"), asked.err());
        MainJob mode = MainJob.run("--gt-dir", gt.toString(), "--platform", PLATFORM, "constructor", "-bm", "thrpt");
        assertEquals(2, mode.exitCode(), mode.toString());
        assertTrue(mode.err().contains("mode thrpt"), mode.err());

        SyntheticRun.wholeSuite().in("ms/op").scaled(1e-6 * 40).write(dir.resolve("ms"));
        MainJob measured = compare("ms");
        assertEquals(2, measured.exitCode(), "a 40x slowdown in ms/op must not read as an improvement\n" + measured);
        assertTrue(measured.err().contains("not be comparable"), measured.err());
    }

    @Test
    void resultsOfAnotherJdkAreAnotherPlatform() throws IOException {
        SyntheticRun.wholeSuite().on("25.0.1").write(dir.resolve("jdk25"));
        MainJob run = compare("jdk25");
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().contains("java: " + Runtime.version().feature() + " vs 25")
                || run.err().contains("java"), run.err());
        String sidecar = Files.readString(dir.resolve("jdk25").resolve("constructor.meta.json"));
        assertTrue(sidecar.contains("\"java_major\" : 25"), "re-analysed results keep the JDK they ran on:\n" + sidecar);
    }

    @Test
    void aFailedBenchmarkNeverPasses() throws IOException {
        List<SuiteKey> all = BaselineCoverage.wholeSuite(BenchmarksMain.ACCESSOR);
        List<SuiteKey> withoutOne = all.stream().filter(k -> !k.benchmark().equals("pages_iterator")).toList();
        SyntheticRun.wholeSuite().only(withoutOne).planned(all).write(dir.resolve("failed"));
        MainJob planned = compare("failed");
        assertEquals(2, planned.exitCode(), planned.toString());
        assertTrue(planned.err().contains("have no result") && planned.err().contains("pages_iterator"), planned.err());

        SyntheticRun.wholeSuite().only(withoutOne).planned(null).write(dir.resolve("foreign"));
        MainJob foreign = compare("foreign");
        assertEquals(2, foreign.exitCode(), "without a plan every baseline is expected\n" + foreign);
        assertTrue(foreign.err().contains("pages_iterator"), foreign.err());

        SyntheticRun.wholeSuite().write(dir.resolve("same"));
        MainJob same = compare("same");
        assertNotEquals(2, same.exitCode(), same.toString());
        assertTrue(same.out().contains("absolute floor: changes under ") && same.out().contains("--min-delta to change"),
                "the main job says which floor it chose:\n" + same.out());
    }

    @Test
    void aRegressionOnAFarBusierMachineIsNotComparableRatherThanAVerdict() throws IOException {
        SyntheticRun slower = SyntheticRun.wholeSuite().samples(2, 25).scaled(1.3);
        slower.write(dir.resolve("slower"));
        slower.busy(8).write(dir.resolve("slower-busy"));
        MainJob quiet = compare("slower");
        assertEquals(1, quiet.exitCode(), quiet.toString());
        assertFalse(quiet.out().contains("the machine was busier"), quiet.out());
        MainJob busy = compare("slower-busy");
        assertEquals(3, busy.exitCode(), busy.toString());
        assertTrue(busy.err().contains(": error: the machine was busier than when the baselines were "
                + "made: the calibration kernel's median lay 7.") && busy.err().contains("% above its 10th percentile in this "
                + "run, 0.6% then") && busy.err().contains("its regressions are no verdict") && busy.err().contains(
                "--allow-busy"), busy.err());
        assertEquals(1, compare("slower-busy", "--allow-busy").exitCode(), "--allow-busy gives them their verdict");
        assertTrue(busy.out().contains("FAILED"), "the report still shows what the samples say:\n" + busy.out());
    }

    @Test
    void baselinesAreNotMadeOnAFarBusierMachineAndTheSamplesAreKept() throws IOException {
        Map<String, String> before = snapshot();
        Path busy = SyntheticRun.wholeSuite().busy(8).write(dir.resolve("busy"));
        MainJob refused = MainJob.run("--from-results", busy.toString(), "--gt-dir", gt.toString(), "--platform",
                PLATFORM, "--regenerate-gt", "--force");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("refusing to make baselines on a busy machine: the calibration kernel's "
                + "median lay 7.") && refused.err().contains("--from-results " + busy + " --allow-busy"), refused.err());
        assertEquals(before, snapshot(), "nothing written");
        assertEquals(0, regenerate("busy", "--force").exitCode(), "--allow-busy keeps them");
    }

    @Test
    void theMainJobAndCompareOnTheFoldersWriteTheSameReports() throws IOException {
        SyntheticRun.wholeSuite().samples(2, 25).write(dir.resolve("again")); // a main job: 2 forks against 6
        for (String format : List.of("json", "junit", "markdown", "json-gate")) {
            String rule = format.endsWith("-gate") ? "gate" : "seed";
            format = format.replace("-gate", "");
            String ext = format.equals("junit") ? "xml" : format.equals("markdown") ? "md" : "json";
            Path job = dir.resolve("job-" + rule + "." + ext);
            Path compare = dir.resolve("compare-" + rule + "." + ext);
            MainJob run = compare("again", "--rule", rule, "--min-delta", "0.5", "--format", format + "=" + job);
            assertTrue(run.exitCode() == 0 || run.exitCode() == 1, run.toString());
            // Under the gate as the README writes it: baselines of 6 forks against 2 need no --lenient.
            List<String> args = new java.util.ArrayList<>(List.of("compare", "-b", gt.resolve(PLATFORM).toString(),
                    "-c", dir.resolve("again").toString(), "--rule", rule, "--min-delta", "0.5",
                    "--format", format + "=" + compare));
            if (rule.equals("seed")) {
                args.add("--lenient");
            }
            int exit = org.perfregression.cli.Main.run(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                    new java.io.PrintWriter(java.io.Writer.nullWriter()), args.toArray(new String[0]));
            assertEquals(run.exitCode(), exit, "one exit code for the same data");
            assertEquals(Files.readString(job), Files.readString(compare), format + " (" + rule + "): identical reports");
        }
    }
}
