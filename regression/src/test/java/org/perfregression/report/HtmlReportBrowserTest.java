package org.perfregression.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.testing.Chromium;

/**
 * The HTML report in a real browser: headless Chromium (Debian's {@code chromium}) runs its script
 * without a console error, and its screenshot shows the plots. Skipped where Chromium is not
 * installed, except in CI ({@code CI} set), which installs it and must not skip.
 */
class HtmlReportBrowserTest {

    @TempDir
    static Path dir;
    static Chromium chromium;
    static String report;

    @BeforeAll
    static void writeReport() throws IOException {
        chromium = Chromium.find(dir);
        StringBuilder html = new StringBuilder();
        new HtmlReport().write(new ReportSuite(List.of(ReportsTest.input(), ReportsTest.unchanged("other")),
                List.of("advisory: platforms differ")), html);
        Path file = dir.resolve("report.html");
        Files.writeString(file, html, StandardCharsets.UTF_8);
        report = file.toUri().toString();
    }

    @Test
    void scriptRunsWithoutConsoleErrors() throws Exception {
        Chromium.Run run = chromium.run(report, "--dump-dom");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("data-ready=\"yes\""), "the script ran to its end:\n" + run.out());
        assertEquals(List.of(), run.consoleErrors());
        assertFalse(run.out().contains("<script>alert"), "the hostile name stays text");
    }

    @Test
    void screenshotShowsTheDistributions() throws Exception {
        BufferedImage image = chromium.screenshot(report, "report.png", "1000,2200");
        int baseline = Chromium.count(image, 0x1f77b4);
        int current = Chromium.count(image, 0xff7f0e);
        assertTrue(baseline > 500 && current > 500,
                "baseline and current histograms are drawn: " + baseline + " and " + current + " pixels");
    }

    @Test
    void theOverviewRendersFirst() throws Exception {
        BufferedImage image = chromium.screenshot(report, "overview.png", "1000,700");
        int worse = Chromium.count(image, Integer.parseInt(HtmlReport.WORSE.substring(1), 16));
        int better = Chromium.count(image, Integer.parseInt(HtmlReport.BETTER.substring(1), 16));
        assertTrue(worse > 200 && better > 200, "the heat map's regression and improvement cells are on the first "
                + "screen: " + worse + " and " + better + " pixels");
    }
}
