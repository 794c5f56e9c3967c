package org.perfregression.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.data.PerformanceData;
import org.perfregression.input.BenchmarkFolder;
import org.perfregression.input.Sidecar;
import org.perfregression.platform.Platform;
import org.perfregression.report.ReportSuite;
import org.perfregression.testing.Cli;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code compare} on two folders: every benchmark, one report per format, one exit code. */
class FolderCompareTest {

    @TempDir
    Path dir;
    Path gt;
    Path results;

    private static PerformanceData data(double scaleOfB, long seed) {
        Random random = new Random(seed);
        PerformanceData.Builder builder = PerformanceData.builder();
        for (String rank : List.of("rank_2", "rank_3")) {
            for (String config : List.of("A", "B")) {
                double[] values = new double[120];
                double median = config.equals("B") ? 200 * scaleOfB : 100;
                for (int i = 0; i < values.length; i++) {
                    values[i] = median * (1 + random.nextGaussian() * 0.003);
                }
                builder.add(rank, config, values);
            }
        }
        return builder.build();
    }

    private static void write(Path folder, String benchmark, PerformanceData data, String unit) throws IOException {
        Path file = folder.resolve(benchmark + ".json");
        data.toJsonFile(file);
        if (unit != null) {
            new Sidecar(unit, Platform.current()).writeFor(file);
        }
    }

    @BeforeEach
    void folders() throws IOException {
        gt = Files.createDirectories(dir.resolve("gt"));
        results = Files.createDirectories(dir.resolve("results"));
        write(gt, "constructor", data(1, 1), "ns/op");
        write(gt, "pages", data(1, 2), "ns/op");
        write(results, "constructor", data(1, 3), "ns/op");
        write(results, "pages", data(1.2, 4), "ns/op");
        Files.writeString(results.resolve("jmh-result.json"), "[]");
        Files.writeString(results.resolve("plan.json"), "[]");
    }

    private static Cli run(String... args) {
        return Cli.run((out, err) -> Main.run(out, err, args));
    }

    @Test
    void twoFoldersGiveOneReportAndOneExitCode() throws Exception {
        Path junit = dir.resolve("perf.xml");
        Path json = dir.resolve("perf.json");
        Cli run = run("compare", "-b", gt.toString(), "-c", results.toString(), "--format", "text",
                "--format", "junit=" + junit, "--format", "json=" + json);
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("== constructor (ns/op, lower is better) ==")
                && run.out().contains("== pages (ns/op, lower is better) =="), run.out());
        assertTrue(run.out().contains("FAILED: performance regressions found"), run.out());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertEquals(2, suites.getLength());
        Element failing = (Element) ((Element) suites.item(1)).getElementsByTagName("testcase").item(0);
        assertEquals("pages.rank_2", failing.getAttribute("classname").replace("rank_3", "rank_2"));
        assertEquals("B", failing.getAttribute("name"));
        assertEquals(1, failing.getElementsByTagName("failure").getLength());
        String report = Files.readString(json);
        assertTrue(report.contains("\"benchmarks\" : 2") && report.contains("\"failing\" : 1"), report);
    }

    @Test
    void aBenchmarkWithoutCurrentDataFails() throws IOException {
        Files.delete(results.resolve("constructor.json"));
        Files.delete(results.resolve("constructor.meta.json"));
        write(results, "pages", data(1, 5), "ns/op");
        Cli run = run("compare", "-b", gt.toString(), "-c", results.toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("missing from " + results + " (fails the check): constructor"), run.out());
    }

    @Test
    void aFileAgainstAFolderIsRefused() {
        Cli run = run("compare", "-b", gt.toString(), "-c", results.resolve("pages.json").toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("not a folder"), run.err());
    }

    @Test
    void dataWithoutAUnitSaysHowItWasCompared() throws IOException {
        Path b = dir.resolve("b.json");
        Path c = dir.resolve("c.json");
        data(1, 1).toJsonFile(b);
        data(0.5, 2).toJsonFile(c); // half the time: or half the throughput, if these were ops/s
        Cli run = run("compare", "-b", b.toString(), "-c", c.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("no unit known (no sidecar b.meta.json): compared as lower-is-better; for "
                + "throughput pass --direction higher"), run.out());
    }

    @Test
    void underGitHubActionsTheMarkdownGoesToTheJobSummary() throws IOException {
        Path summary = Files.writeString(dir.resolve("step-summary.md"), "earlier step\n");
        ReportSuite suite = ReportSuite.of(org.perfregression.report.ReportsFixture.input());
        StringWriter out = new StringWriter();
        ReportTargets.of(List.of("text"), null).writeAll(suite, new PrintWriter(out), new PrintWriter(new StringWriter()),
                Map.of("GITHUB_STEP_SUMMARY", summary.toString()));
        String written = Files.readString(summary);
        assertTrue(written.startsWith("earlier step\n<!-- perf-regression report, schema version 2 -->\n## Performance check:"), "appended: " + written);
        // A Markdown report to a file of its own (the Maven plugin's report.md): the job summary gets it too.
        Path other = Files.writeString(dir.resolve("other.md"), "");
        ReportTargets.of(List.of("markdown=" + dir.resolve("asked.md")), null).writeAll(suite,
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                Map.of("GITHUB_STEP_SUMMARY", other.toString()));
        assertTrue(Files.readString(other).contains("## Performance check:"), "the job summary has the report");
        // A Markdown report to the job summary itself is not written twice.
        Path itself = Files.writeString(dir.resolve("itself.md"), "");
        ReportTargets.of(List.of("markdown=" + itself), null).writeAll(suite,
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                Map.of("GITHUB_STEP_SUMMARY", itself.toString()));
        String once = Files.readString(itself);
        assertEquals(once.indexOf("## Performance check:"), once.lastIndexOf("## Performance check:"), once);
    }

    @Test
    void aJobSummaryThatIsAnInputOrCannotBeWrittenIsAWarningNotAFailure() throws IOException {
        Path baselineFile = gt.resolve("pages.json");
        byte[] before = Files.readAllBytes(baselineFile);
        ReportSuite suite = ReportSuite.of(org.perfregression.report.ReportsFixture.input());
        ReportTargets targets = ReportTargets.of(List.of("json=" + dir.resolve("r.json")), null)
                .protecting(BenchmarkFolder.dataFiles(gt).toArray(new Path[0]));
        StringWriter err = new StringWriter();
        targets.writeAll(suite, new PrintWriter(new StringWriter()), new PrintWriter(err),
                Map.of("GITHUB_STEP_SUMMARY", baselineFile.toString()));
        assertEquals("warning: GITHUB_STEP_SUMMARY=" + baselineFile + ": that is " + baselineFile
                + ", which this run reads or writes; no job summary written", err.toString().strip());
        assertEquals(new String(before), new String(Files.readAllBytes(baselineFile)), "the baseline is untouched");
        Path nowhere = dir.resolve("no/such/folder/summary.md");
        StringWriter err2 = new StringWriter();
        targets.writeAll(suite, new PrintWriter(new StringWriter()), new PrintWriter(err2),
                Map.of("GITHUB_STEP_SUMMARY", nowhere.toString()));
        assertTrue(err2.toString().startsWith("warning: GITHUB_STEP_SUMMARY=" + nowhere + ": cannot append to it "
                + "(NoSuchFileException"), err2.toString());
        assertEquals(1, err2.toString().strip().lines().count(), err2.toString());
        assertTrue(Files.isRegularFile(dir.resolve("r.json")), "the reports were written all the same");
    }

    @Test
    void twoReportsToOneFileAreRefused() throws IOException {
        Path x = dir.resolve("x");
        Cli run = run("compare", "-b", gt.toString(), "-c", results.toString(), "--format", "html=" + x,
                "--format", "json=" + x);
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--format html=" + x + " and --format json=" + x + " are one file"), run.err());
        assertTrue(Files.notExists(x), "nothing written");
        run = run("compare", "-b", gt.toString(), "-c", results.toString(), "--format", "json=" + dir.resolve("b.json"),
                "--format", "json=" + dir.resolve("sub/../b.json"));
        assertEquals(2, run.exitCode(), "the same file, spelled differently: " + run);
        Cli devices = run("compare", "-b", gt.toString(), "-c", results.toString(), "--format", "junit=/dev/null",
                "--format", "html=/dev/null");
        assertEquals(1, devices.exitCode(), "a device takes any number of reports: " + devices);
    }

    @Test
    void aReportOverAFileOfEitherFolderIsRefused() {
        Cli run = run("compare", "-b", gt.toString(), "-c", results.toString(), "--format",
                "json=" + gt.resolve("pages.meta.json"));
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("which this run reads or writes; refusing to overwrite it"), run.err());
    }

    @Test
    void aBaselineBenchmarkWhoseDataFileIsGoneIsAnError() throws IOException {
        Files.delete(gt.resolve("pages.json"));
        Cli run = run("compare", "-b", gt.toString(), "-c", results.toString());
        assertEquals(2, run.exitCode(), "a benchmark of the baseline never silently stops being gated: " + run);
        assertTrue(run.err().contains(gt + ": the baseline has pages.meta.json but no pages.json"), run.err());
    }

    @Test
    void anAbsoluteFloorSilencesChangesTooSmallToMatter() throws IOException {
        // A constant returned to JMH: 0.34 -> 0.60 ns is +76 %, and nothing anyone can act on.
        Path b = dir.resolve("tiny.json");
        Path c = dir.resolve("tiny-now.json");
        Random random = new Random(7);
        double[] before = new double[120];
        double[] after = new double[120];
        for (int i = 0; i < 120; i++) {
            before[i] = 0.34 * (1 + 0.01 * random.nextGaussian());
            after[i] = 0.60 * (1 + 0.01 * random.nextGaussian());
        }
        PerformanceData.builder().add("s", "constant", before).build().toJsonFile(b);
        PerformanceData.builder().add("s", "constant", after).build().toJsonFile(c);
        new Sidecar("ns/op", Platform.current()).writeFor(b);
        new Sidecar("ns/op", Platform.current()).writeFor(c);
        assertEquals(1, run("compare", "-b", b.toString(), "-c", c.toString()).exitCode(), "off by default: seed-exact");
        Cli floored = run("compare", "-b", b.toString(), "-c", c.toString(), "--min-delta", "0.5");
        assertEquals(0, floored.exitCode(), floored.toString());
        assertTrue(floored.out().contains("smaller than the absolute floor"), floored.out());
        Cli negative = run("compare", "-b", b.toString(), "-c", c.toString(), "--min-delta", "-1");
        assertEquals(2, negative.exitCode(), negative.toString());
    }
}
