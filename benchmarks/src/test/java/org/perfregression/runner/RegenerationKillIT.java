package org.perfregression.runner;

import org.perfregression.harness.GroundTruth;
import org.perfregression.cli.MainJobCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes against one set of baselines: a regeneration killed with {@code kill -9} between
 * any two of its files leaves the old set whole (data, sidecars and metadata), and of two
 * regenerations at once one fails with exit code 2 while the other writes its whole set. The jar
 * pauses after each staged file ({@link MainJobCommand#STAGE_PAUSE_PROPERTY}) so the kill lands
 * where the test says.
 */
class RegenerationKillIT {

    private static final String PLATFORM = "kill-test";
    /**
     * Long enough for a second regeneration, started after the first file is staged, to reach the
     * lock while the first still holds it (11 files): it starts a JVM and reads the results and
     * what they say about themselves first. At 150 ms the first had finished on a slower machine.
     */
    private static final long PAUSE_MS = 500;

    @TempDir
    static Path work;

    @BeforeAll
    static void results() throws IOException, InterruptedException {
        SyntheticRun.wholeSuite().write(work.resolve("old"));
        SyntheticRun.wholeSuite().scaled(1.3).write(work.resolve("new"));
        Jar made = Jar.run(work, regenerate("old", "pristine"));
        assertEquals(0, made.exitCode(), made.toString());
    }

    private static String[] regenerate(String results, String gt, String... more) {
        List<String> args = new ArrayList<>(List.of("--from-results", results, "--gt-dir", gt, "--platform", PLATFORM,
                "--regenerate-gt", "--allow-busy"));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    /** A regeneration of the new results over {@code gt}, pausing after each file. */
    private static Process start(String gt) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + MainJobCommand.STAGE_PAUSE_PROPERTY + "=" + PAUSE_MS, "-jar", Jar.JAR.toAbsolutePath().toString()));
        command.addAll(List.of(regenerate("new", gt, "--force")));
        return new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
    }

    /** Reads the process's output until it has staged {@code files} files; false if it ended first. */
    private static boolean awaitStaged(Process process, int files, StringBuilder log) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        int staged = 0;
        for (String line; (line = out.readLine()) != null;) {
            log.append(line).append('\n');
            if (line.startsWith("staged ") && ++staged == files) {
                return true;
            }
        }
        return false;
    }

    /** Which run every file of the readable set comes from: "old" or "new"; fails on a mix. */
    private static String generation(Path gt) throws IOException {
        Path dir = gt.resolve(PLATFORM);
        if (!Files.exists(dir)) {
            dir = gt.resolve("." + PLATFORM + ".old"); // a swap killed between its two renames
        }
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        Map<String, String> old = snapshot(work.resolve("pristine").resolve(PLATFORM));
        assertEquals(old.keySet(), files.keySet(), "the same files");
        String metadata = files.get(GroundTruth.METADATA);
        String which = metadata.contains("--from-results old") ? "old" : "new";
        assertTrue(metadata.contains("--from-results " + which), metadata);
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (!file.getKey().equals(GroundTruth.METADATA)) {
                assertEquals(which.equals("old"), file.getValue().equals(old.get(file.getKey())),
                        file.getKey() + " belongs to the " + which + " set");
            }
        }
        return which;
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return files;
    }

    private static Path freshCopy(String name) throws IOException {
        Path target = work.resolve(name);
        Path source = work.resolve("pristine");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Files.copy(file, target.resolve(source.relativize(file).toString()));
            }
        }
        return target;
    }

    @Test
    void aKillBetweenAnyTwoFilesLeavesTheOldSetWhole() throws Exception {
        // 5 baselines and 5 sidecars, metadata.json, then the old set moved aside before the new one moves in.
        for (int files : new int[] {1, 2, 5, 9, 11, 12}) {
            Path gt = freshCopy("gt-" + files);
            Process process = start(gt.getFileName().toString());
            StringBuilder log = new StringBuilder();
            try {
                assertTrue(awaitStaged(process, files, log), "staged " + files + " files:\n" + log);
            } finally {
                process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
                process.waitFor(30, TimeUnit.SECONDS);
            }
            assertEquals("old", generation(gt), "killed after " + files + " staged files:\n" + log);
            // The next regeneration puts everything right and replaces the set whole.
            Jar next = Jar.run(work, regenerate("new", gt.getFileName().toString(), "--force"));
            assertEquals(0, next.exitCode(), next.toString());
            assertEquals("new", generation(gt));
            try (Stream<Path> left = Files.list(gt)) {
                assertEquals(List.of("." + PLATFORM + ".lock", PLATFORM), left.map(p -> p.getFileName().toString())
                        .sorted().toList(), "nothing staged or old left behind");
            }
        }
    }

    @Test
    void ofTwoRegenerationsAtOnceOneFailsAndTheOtherWritesItsWholeSet() throws Exception {
        Path gt = freshCopy("gt-concurrent");
        Process first = start(gt.getFileName().toString());
        StringBuilder log = new StringBuilder();
        try {
            assertTrue(awaitStaged(first, 1, log), log.toString());
            Jar second = Jar.run(work, regenerate("old", gt.getFileName().toString(), "--force"));
            assertEquals(2, second.exitCode(), second.toString());
            assertTrue(second.err().contains("another process is writing"), second.err());
            awaitStaged(first, Integer.MAX_VALUE, log);
            assertTrue(first.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, first.exitValue(), log.toString());
        } finally {
            first.destroyForcibly();
        }
        assertEquals("new", generation(gt));
    }
}
