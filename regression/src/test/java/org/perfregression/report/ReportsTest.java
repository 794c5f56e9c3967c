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
        return new ReportInput(result, baseline, current, "base<line>.json", "cur&rent.json",
                List.of("advisory: platforms differ <b>"));
    }

    static String render(ReportFormat format) throws IOException {
        StringWriter out = new StringWriter();
        format.create(false).write(input(), out);
        return out.toString();
    }

    @Test
    void markdownPutsRegressionsFirstAndFoldsTheRest() throws IOException {
        String md = render(ReportFormat.MARKDOWN);
        assertTrue(md.startsWith("## Performance check: FAILED\n"), md);
        assertTrue(md.contains("> **Note:** advisory: platforms differ &lt;b&gt;"), md);
        assertTrue(md.indexOf("### Regressions (1)") < md.indexOf("### Improvements (1)"), md);
        assertTrue(md.contains("### Missing from current (fail the gate)\n\n- plain.gone"), md);
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
        assertEquals(HOSTILE_SECTION, hostile.getAttribute("classname"));
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
        assertTrue(html.contains("<title>noise band</title>") && html.contains("baseline median"), "band and medians drawn");
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
}
