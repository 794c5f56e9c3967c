package org.perfregression.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser: headless Chromium (Debian's {@code chromium}) runs its script
 * without a console error, and its screenshot shows the plots. Skipped where Chromium is not
 * installed, except in CI ({@code CI} set), which installs it and must not skip.
 */
class HtmlReportBrowserTest {

    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));

    @TempDir
    static Path dir;
    static Path chromium;
    static Path report;

    @BeforeAll
    static void writeReport() throws IOException {
        chromium = CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (chromium == null && System.getenv("CI") == null) {
            Assumptions.abort("Chromium is not installed (apt-get install chromium): the browser test is skipped");
        }
        assertTrue(chromium != null, "CI must install chromium for the browser test");
        StringBuilder html = new StringBuilder();
        new HtmlReport().write(new ReportSuite(List.of(ReportsTest.input(), ReportsTest.unchanged("other")),
                List.of("advisory: platforms differ")), html);
        report = dir.resolve("report.html");
        Files.writeString(report, html, StandardCharsets.UTF_8);
    }

    private static Run chromium(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(dir, "profile"),
                "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000"));
        command.addAll(List.of(args));
        command.add(report.toUri().toString());
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Path err = Files.createTempFile(dir, "chromium", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    record Run(int exitCode, String out, String err) {
    }

    @Test
    void scriptRunsWithoutConsoleErrors() throws Exception {
        Run run = chromium("--dump-dom");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("data-ready=\"yes\""), "the script ran to its end:\n" + run.out());
        List<String> consoleErrors = run.err().lines()
                .filter(l -> l.contains("CONSOLE") || l.contains("Uncaught") || l.contains("Refused to"))
                .toList();
        assertEquals(List.of(), consoleErrors);
        assertFalse(run.out().contains("<script>alert"), "the hostile name stays text");
    }

    @Test
    void screenshotShowsTheDistributions() throws Exception {
        BufferedImage image = screenshot("report.png", "1000,2200");
        int baseline = count(image, 0x1f77b4);
        int current = count(image, 0xff7f0e);
        assertTrue(baseline > 500 && current > 500,
                "baseline and current histograms are drawn: " + baseline + " and " + current + " pixels");
    }

    @Test
    void theOverviewRendersFirst() throws Exception {
        BufferedImage image = screenshot("overview.png", "1000,700");
        int worse = count(image, Integer.parseInt(HtmlReport.WORSE.substring(1), 16));
        int better = count(image, Integer.parseInt(HtmlReport.BETTER.substring(1), 16));
        assertTrue(worse > 200 && better > 200, "the heat map's regression and improvement cells are on the first "
                + "screen: " + worse + " and " + better + " pixels");
    }

    /** The report as a window of {@code size} ("width,height") shows it. */
    private static BufferedImage screenshot(String name, String size) throws Exception {
        Path png = dir.resolve(name);
        Run run = chromium("--window-size=" + size, "--screenshot=" + png);
        assertEquals(0, run.exitCode(), run.err());
        return ImageIO.read(png.toFile());
    }

    private static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
