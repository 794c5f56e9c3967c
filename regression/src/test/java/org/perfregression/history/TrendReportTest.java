package org.perfregression.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.data.SubsectionKey;
import org.perfregression.testing.Chromium;

/** {@code history report}: the levels over runs with their change points, as a page and as Markdown, in a real browser. */
class TrendReportTest {

    @TempDir
    Path dir;

    /** 30 runs of 40 subsections, 3 of them 15 % slower from run 20 on, one with a hostile name. */
    private TrendReport report() {
        Random random = new Random(11);
        try (HistoryStore store = HistoryStore.open(dir.resolve("history.db").toString())) {
            for (int i = 0; i < 30; i++) {
                RecordedRun run = Runs.run(i, 40, 0.02, 20, 0.15, 3, random);
                List<RecordedSubsection> subsections = run.subsections().stream().map(s -> s.key().subsection()
                        .equals("config_39") ? new RecordedSubsection("<script>alert(1)</script>",
                        new SubsectionKey("rank_<b>", "config_39"), s.unit(), s.samples(), s.median(), s.forks()) : s)
                        .toList();
                store.record(new RecordedRun(run.commit(), run.branch(), run.time(), run.machine(), run.calibrationNs(),
                        run.source(), subsections));
            }
            return TrendReport.of(store);
        }
    }

    @Test
    void theChangedSubsectionsComeFirstWithTheirChangePointsMarked() throws Exception {
        TrendReport report = report();
        List<TrendReport.Trend> trends = report.trends();
        assertEquals(HistoryChanges.SUITE, trends.get(0).series().benchmark(), "the run shifts first");
        List<TrendReport.Trend> bench = trends.stream().filter(t -> t.series().benchmark().equals("bench")).toList();
        for (int i = 0; i < 3; i++) {
            assertEquals(1, bench.get(i).changes().size(), bench.get(i).toString());
            assertTrue(bench.get(i).changes().get(0).regression());
        }
        assertTrue(bench.get(3).changes().isEmpty());
        assertEquals(41, trends.size(), "the run shifts and 40 subsections");

        StringBuilder html = new StringBuilder();
        report.html(html);
        String page = html.toString();
        Matcher marks = Pattern.compile("<g><title>slower: \\+1[0-9]\\.[0-9] %").matcher(page);
        int count = 0;
        while (marks.find()) {
            count++;
        }
        assertEquals(3, count, "one red mark per change point");
        assertTrue(page.contains("from commit " + String.format("%040x", 20)), "the commit of the new level");
        assertFalse(page.contains("<script>alert(1)"), "a hostile name stays text");
        assertEquals(41, page.split("<svg class=\"trend\"", -1).length - 1);

        StringBuilder md = new StringBuilder();
        report.markdown(md);
        assertTrue(md.toString().contains("### Levels of the subsections that changed"), md.toString());
        assertEquals(3, md.toString().lines().filter(l -> l.startsWith("| bench |")).count(), md.toString());
        assertEquals(30, TrendReport.sparkline(new double[30], 60).length());
        assertEquals("\u2581\u2588", TrendReport.sparkline(new double[] {0, 10}, 60));
        assertEquals(60, TrendReport.sparkline(new double[1000], 60).length());
    }

    @Test
    void inABrowserTheScriptRunsPointingShowsTheCommitAndTheMarksAreDrawn() throws Exception {
        Chromium chromium = Chromium.find(dir);
        StringBuilder html = new StringBuilder();
        report().html(html);
        Path file = dir.resolve("trends.html");
        Files.writeString(file, html, StandardCharsets.UTF_8);
        Chromium.Run run = chromium.run(file.toUri() + "#selftest", "--dump-dom");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("data-ready=\"yes\""), "the script ran to its end");
        assertEquals(List.of(), run.consoleErrors());
        // The self-test pointed at the right end of the first line: the last run, its commit and level.
        assertTrue(run.out().contains("data-hover=\"run #30 \u00b7 " + String.format("%040x", 29) + " \u00b7 "),
                run.out().substring(0, Math.min(3000, run.out().length())));
        BufferedImage image = chromium.screenshot(file.toUri().toString(), "trends.png", "1200,1400");
        assertTrue(Chromium.count(image, 0xc62828) > 100, "the red marks of the change points are on screen");
        assertTrue(Chromium.countNear(image, 0x1f77b4, 60) > 500, "the lines are drawn");
    }
}
