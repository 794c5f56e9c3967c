package org.perfregression.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium (Debian's {@code chromium}) for the tests of HTML pages: skipped where it is not
 * installed, except in CI ({@code CI} set), which installs it and must not skip.
 */
public final class Chromium {

    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));

    private final Path executable;
    private final Path dir;

    private Chromium(Path executable, Path dir) {
        this.executable = executable;
        this.dir = dir;
    }

    /** The installed Chromium, working in {@code dir}; aborts the test where there is none outside CI. */
    public static Chromium find(Path dir) {
        Path chromium = CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (chromium == null && System.getenv("CI") == null) {
            Assumptions.abort("Chromium is not installed (apt-get install chromium): the browser test is skipped");
        }
        assertTrue(chromium != null, "CI must install chromium for the browser test");
        return new Chromium(chromium, dir);
    }

    /** What a run printed. */
    public record Run(int exitCode, String out, String err) {

        /** Lines of its log that report a script error or a refused resource. */
        public List<String> consoleErrors() {
            return err.lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught") || l.contains("Refused to"))
                    .toList();
        }
    }

    /** Opens {@code url} headless with {@code args} and waits for it (at most 90 s). */
    public Run run(String url, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(dir, "profile"),
                "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000"));
        command.addAll(List.of(args));
        command.add(url);
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Path err = Files.createTempFile(dir, "chromium", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** {@code url} as a window of {@code size} ("width,height") shows it. */
    public BufferedImage screenshot(String url, String name, String size) throws Exception {
        Path png = dir.resolve(name);
        Run run = run(url, "--window-size=" + size, "--screenshot=" + png);
        assertEquals(0, run.exitCode(), run.err());
        return ImageIO.read(png.toFile());
    }

    /** Pixels of exactly colour {@code rgb}. */
    public static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    /** Pixels within {@code tolerance} of colour {@code rgb} in each channel: anti-aliased lines. */
    public static int countNear(BufferedImage image, int rgb, int tolerance) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                boolean near = true;
                for (int shift = 0; shift <= 16; shift += 8) {
                    near &= Math.abs(((p >> shift) & 0xFF) - ((rgb >> shift) & 0xFF)) <= tolerance;
                }
                n += near ? 1 : 0;
            }
        }
        return n;
    }
}
