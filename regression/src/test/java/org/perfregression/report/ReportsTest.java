package org.perfregression.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.perfregression.check.CheckResult;
import org.perfregression.check.RegressionCheck;
import org.perfregression.data.PerformanceData;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Every format on the same comparison, with names that try to break out of their format. */
class ReportsTest {

    static final String HOSTILE_SECTION = "Bench.<script>alert(1)</script>";
    static final String HOSTILE_SUBSECTION = "name=\"x\" | `y` & 'z' *w* ]]> \u0001";

    static double[] around(double median, long seed) {
        Random random = new Random(seed);
        double[] values = new double[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = median * (1 + random.nextGaussian() * 0.002);
        }
        return values;
    }

    static ReportInput input() {
        PerformanceData baseline = PerformanceData.builder()
                .add(HOSTILE_SECTION, HOSTILE_SUBSECTION, around(100, 1))
                .add("plain", "faster", around(100, 2))
                .add("plain", "same", around(100, 3))
                .add("plain", "gone", around(100, 4))
                .build();
        PerformanceData current = PerformanceData.builder()
                .add(HOSTILE_SECTION, HOSTILE_SUBSECTION, around(120, 5))
                .add("plain", "faster", around(80, 6))
                .add("plain", "same", around(100, 7))
                .build();
        CheckResult result = RegressionCheck.withDefaults().withLenient(true).compare(baseline, current);
        return new ReportInput("bench", "ns/op", result, baseline, current, "base<line>.json", "cur&rent.json",
                List.of(), null);
    }

    static ReportSuite suite() {
        return new ReportSuite(List.of(input()), List.of("advisory: platforms differ <b>"));
    }

    static String render(ReportFormat format) throws IOException {
        return render(format, suite());
    }

    static String render(ReportFormat format, ReportSuite suite) throws IOException {
        StringWriter out = new StringWriter();
        format.create(false).write(suite, out);
        return out.toString();
    }

    /** A second benchmark, unchanged, measured in ops/s. */
    static ReportInput unchanged(String name) {
        PerformanceData data = PerformanceData.builder().add("rank_2", "A", around(50, 11)).add("rank_3", "A",
                around(60, 12)).build();
        PerformanceData same = PerformanceData.builder().add("rank_2", "A", around(50, 13)).add("rank_3", "A",
                around(60, 14)).build();
        CheckResult result = RegressionCheck.withDefaults().with(org.perfregression.check.Direction.HIGHER_IS_BETTER)
                .compare(data, same);
        return new ReportInput(name, "ops/s", result, data, same, name + ".json", "results/" + name + ".json", List.of(),
                null);
    }

    @Test
    void markdownPutsRegressionsFirstAndFoldsTheRest() throws IOException {
        String md = render(ReportFormat.MARKDOWN);
        assertTrue(md.startsWith("<!-- perf-regression report, schema version 2 -->\n## Performance check: FAILED\n"), md);
        assertTrue(md.contains("> **Note:** advisory: platforms differ &lt;b&gt;"), md);
        assertTrue(md.indexOf("#### Regressions (1)") < md.indexOf("#### Improvements (1)"), md);
        assertTrue(md.contains("#### Missing from current (fail the gate)\n\n- plain.gone"), md);
        assertTrue(md.contains("<details><summary>All 3 results</summary>"), md);
        assertFalse(md.contains("<script>"), "markup is escaped");
        assertTrue(md.contains("Bench.&lt;script&gt;alert(1)&lt;/script&gt;"), md);
        assertTrue(md.contains("name=\"x\" \\| \\`y\\` &amp; 'z' \\*w\\* \\]\\]&gt;"), "a pipe cannot split the cell: " + md);
    }

    @Test
    void junitIsWellFormedXmlWithRegressionsAsFailures() throws Exception {
        String xml = render(ReportFormat.JUNIT);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml)));
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertEquals("4", suite.getAttribute("tests"));
        assertEquals("2", suite.getAttribute("failures"));
        NodeList cases = doc.getElementsByTagName("testcase");
        Element hostile = (Element) cases.item(0);
        assertEquals("bench." + HOSTILE_SECTION, hostile.getAttribute("classname"));
        assertEquals(HOSTILE_SUBSECTION.replace('\u0001', '\uFFFD'), hostile.getAttribute("name"));
        Element failure = (Element) hostile.getElementsByTagName("failure").item(0);
        assertTrue(failure.getAttribute("message").startsWith("Performance regression: +"), failure.getAttribute("message"));
        Element missing = (Element) cases.item(3);
        assertEquals("gone", missing.getAttribute("name"));
        assertEquals("missing", ((Element) missing.getElementsByTagName("failure").item(0)).getAttribute("type"));
    }

    @Test
    void htmlIsSelfContainedEscapedAndPlotsEverySubsection() throws IOException {
        String html = render(ReportFormat.HTML);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("<script>alert"), "names are escaped");
        assertTrue(html.contains("Bench.&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(html.contains("src=\"http") || html.contains("href=\"http"), "nothing is fetched");
        assertEquals(3, html.split("<svg ", -1).length - 1, "one plot per compared subsection");
        assertTrue(html.contains("<title>noise band ") && html.contains("baseline median"), "band and medians drawn");
        assertTrue(html.contains("advisory: platforms differ &lt;b&gt;"), "notes are shown, escaped");
        assertEquals(1, html.split("<script>", -1).length - 1, "one script: the table sorter");
    }

    @Test
    void jsonAndTextCarryTheNotes() throws IOException {
        var json = new ObjectMapper().readTree(render(ReportFormat.JSON));
        assertEquals("advisory: platforms differ <b>", json.get("notes").get(0).asText());
        assertEquals(1, json.get("summary").get("missing_in_current").asInt());
        assertTrue(render(ReportFormat.TEXT).startsWith("NOTE: advisory: platforms differ <b>\n"));
    }

    @Test
    void everyFormatCarriesTheUnitAndWhichWayIsBetter() throws IOException {
        assertTrue(render(ReportFormat.TEXT).contains("values in ns/op, lower is better"));
        assertTrue(render(ReportFormat.TEXT).contains("baseline median (ns/op)"));
        var json = new ObjectMapper().readTree(render(ReportFormat.JSON));
        assertEquals("ns/op", json.get("unit").asText());
        assertEquals("lower_is_better", json.get("direction").asText());
        assertTrue(render(ReportFormat.MARKDOWN).contains("Baseline median (ns/op)"));
        assertTrue(render(ReportFormat.MARKDOWN).contains("ns/op, lower is better"));
        assertTrue(render(ReportFormat.JUNIT).contains("value=\"ns/op, lower is better\""));
        String html = render(ReportFormat.HTML);
        assertTrue(html.contains("ns/op, lower is better") && html.contains(">ns/op</text>"), "the plot axis has the unit");
        String suite = render(ReportFormat.TEXT, new ReportSuite(List.of(input(), unchanged("thr")), List.of()));
        assertTrue(suite.contains("== thr (ops/s, higher is better) =="), suite);
    }

    @Test
    void aSuiteIsOneReportWithOneVerdict() throws Exception {
        ReportSuite suite = new ReportSuite(List.of(input(), unchanged("other")), List.of("note for all"));
        String text = render(ReportFormat.TEXT, suite);
        assertTrue(text.contains("== bench (") && text.contains("== other ("), text);
        assertTrue(text.strip().endsWith("FAILED: performance regressions found"), text);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(render(ReportFormat.JUNIT, suite))));
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertEquals(2, suites.getLength(), "one testsuite per benchmark");
        assertEquals("other", ((Element) suites.item(1)).getAttribute("name"));
        Element first = (Element) ((Element) suites.item(1)).getElementsByTagName("testcase").item(0);
        assertEquals("other.rank_2", first.getAttribute("classname"));
        assertEquals("A", first.getAttribute("name"));
        var json = new ObjectMapper().readTree(render(ReportFormat.JSON, suite));
        assertEquals(2, json.get("summary").get("benchmarks").asInt());
        assertTrue(json.get("summary").get("failed").asBoolean());
        assertEquals("ops/s", json.get("benchmarks").get("other").get("unit").asText());
        String html = render(ReportFormat.HTML, suite);
        assertTrue(html.indexOf("id=\"overview\"") < html.indexOf("id=\"worst\"")
                && html.indexOf("id=\"worst\"") < html.indexOf("<table class=\"results\""), "overview, worst, tables");
        assertEquals(2, html.split("<table class=\"heat\"", -1).length - 1, "a heat map per benchmark");
    }

    @Test
    void markdownFitsAGitHubCommentAndSaysWhatIsLeftOut() throws IOException {
        PerformanceData.Builder b = PerformanceData.builder();
        PerformanceData.Builder c = PerformanceData.builder();
        for (int i = 0; i < 2000; i++) {
            b.add("rank_" + (i % 6), "SHARDED_ACCESSOR_" + i, around(100, i));
            c.add("rank_" + (i % 6), "SHARDED_ACCESSOR_" + i, around(i % 3 == 0 ? 130 : 100, i + 5000));
        }
        PerformanceData baseline = b.build();
        PerformanceData current = c.build();
        CheckResult result = RegressionCheck.withDefaults().compare(baseline, current);
        ReportSuite suite = ReportSuite.of(new ReportInput("big", "ns/op", result, baseline, current,
                "b.json", "c.json", List.of(), null));
        String md = render(ReportFormat.MARKDOWN, suite);
        assertTrue(md.length() <= MarkdownReport.LIMIT, "fits: " + md.length());
        assertTrue(md.matches("(?s).*_\\d+ more not shown: a GitHub comment holds 65,536 characters; for every "
                + "result, ask for a json or html report as well \\(--format json=FILE\\)\\._\n"),
                "no other report was written: " + md.substring(md.length() - 300));
        String named = render(ReportFormat.MARKDOWN, suite.withReports(List.of("markdown: pr.md", "json: out/r.json",
                "junit: perf.xml")));
        assertTrue(named.endsWith("characters; every result is in json: out/r.json, junit: perf.xml._\n"),
                "the reports actually written: " + named.substring(named.length() - 300));
        assertEquals(md.contains("<details>"), md.contains("</details>"), "a folded block that opens is closed");
        assertTrue(md.indexOf("#### Regressions") < md.indexOf("<details>"), "regressions come first");
    }

    @Test
    void worstFirstIsByHowFarPastTheBandAndNoChangeSaysWhy() throws IOException {
        PerformanceData baseline = PerformanceData.builder().add("s", "small", around(100, 1)).add("s", "large",
                around(100, 2)).add("s", "same", around(100, 3)).build();
        PerformanceData current = PerformanceData.builder().add("s", "small", around(110, 4)).add("s", "large",
                around(150, 5)).add("s", "same", around(100.1, 6)).build();
        CheckResult result = RegressionCheck.withDefaults().compare(baseline, current);
        assertEquals(List.of("large", "small", "same"), result.worstFirst().stream().map(r -> r.key().subsection()).toList());
        String text = render(ReportFormat.TEXT, ReportSuite.of(new ReportInput("x", "ns/op", result, baseline, current,
                "b", "c", List.of(), null)));
        assertTrue(text.contains("inside the noise band (+0.099% within 1.000%)"), text);
    }

    @Test
    void theExportsCarryTheCurrentRunForDashboards() throws IOException {
        ObjectMapper json = new ObjectMapper();
        var gab = json.readTree(render(ReportFormat.GITHUB_ACTION_BENCHMARK));
        assertEquals(3, gab.size(), "one entry per current subsection: " + gab);
        var hostile = gab.get(0);
        assertEquals("bench/" + HOSTILE_SECTION + "/" + HOSTILE_SUBSECTION, hostile.get("name").asText());
        assertEquals("ns/op", hostile.get("unit").asText());
        assertEquals(120, hostile.get("value").asDouble(), 1);
        assertTrue(hostile.get("range").asText().startsWith("± "), hostile.toString());
        assertTrue(hostile.get("extra").asText().startsWith("100 samples"), hostile.toString());

        var bmf = json.readTree(render(ReportFormat.BENCHER));
        var same = bmf.get("bench/plain/same").get("latency");
        assertEquals(100, same.get("value").asDouble(), 1);
        assertTrue(same.get("lower_value").asDouble() < same.get("value").asDouble()
                && same.get("value").asDouble() < same.get("upper_value").asDouble(), same.toString());
        assertEquals(3, bmf.size());

        // Bencher's own measures and units: latency in ns, throughput in ops/s.
        assertEquals(new BencherReport.Measure("latency", 1e3), BencherReport.Measure.of("us/op"));
        assertEquals(new BencherReport.Measure("throughput", 1e3), BencherReport.Measure.of("ops/ms"));
        assertEquals(new BencherReport.Measure("allocation", 1), BencherReport.Measure.of("B/op"));
        assertEquals("sample-op", BencherReport.Measure.of("sample/op").slug());
        // An allocation comparison is filed under its benchmark's name.
        PerformanceData bytes = PerformanceData.builder().add("rank_2", "A", around(48, 21)).build();
        ReportInput alloc = new ReportInput("constructor.alloc", "B/op",
                RegressionCheck.withDefaults().compare(bytes, bytes), bytes, bytes, "b", "c", List.of(), null);
        var allocation = json.readTree(render(ReportFormat.BENCHER, new ReportSuite(List.of(alloc), List.of())));
        assertEquals(48, allocation.get("constructor/rank_2/A").get("allocation").get("value").asDouble(), 0.5);
        assertEquals(ReportFormat.BENCHER, ReportFormat.of("bencher"));
        assertEquals(ReportFormat.GITHUB_ACTION_BENCHMARK, ReportFormat.of("GitHub-Action-Benchmark"));
    }
}
