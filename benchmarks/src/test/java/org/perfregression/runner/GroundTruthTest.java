package org.perfregression.runner;

import org.perfregression.harness.GroundTruth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.PerformanceData;
import org.perfregression.input.Sidecar;
import org.perfregression.platform.Platform;

/** A platform's baselines are replaced as one set: all old or all new, whatever stops the writer. */
class GroundTruthTest {

    private static final String PLATFORM = "p";
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @TempDir
    Path root;

    /** A set of three benchmarks whose every file says which generation it belongs to. */
    private static GroundTruth.NewSet generation(int g) {
        Map<String, PerformanceData> data = new LinkedHashMap<>();
        Map<String, Sidecar> sidecars = new LinkedHashMap<>();
        for (String benchmark : new String[] {"a", "b", "c"}) {
            data.put(benchmark, PerformanceData.builder().add("rank_2", "X", new double[] {g, g, g}).build());
            sidecars.put(benchmark, new Sidecar("ns/op", Platform.current()));
        }
        return new GroundTruth.NewSet(data, sidecars, Map.of("generation", g));
    }

    /** The generation every file of the readable set belongs to; fails on a mix. */
    private int generationOnDisk() throws IOException {
        org.perfregression.input.Baselines baselines = new GroundTruth(root).load(PLATFORM);
        Map<String, Double> values = new TreeMap<>();
        baselines.byBenchmark().forEach((b, d) -> values.put(b, d.median("rank_2", "X")));
        assertEquals(3, values.size(), "every baseline present: " + values);
        assertEquals(1, values.values().stream().distinct().count(), "one generation: " + values);
        String metadata = Files.readString(java.nio.file.Path.of(baselines.where()).resolve(GroundTruth.METADATA));
        int g = values.values().iterator().next().intValue();
        assertTrue(metadata.contains("\"generation\" : " + g), "metadata of the same generation: " + metadata);
        return g;
    }

    /** Stops the writer at its {@code n}-th step, as a kill would. */
    private static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aWriterStoppedAtAnyStepLeavesTheOldSetOrTheNew() throws IOException {
        new GroundTruth(root).write(PLATFORM, generation(1), false, false, QUIET);
        assertEquals(1, generationOnDisk());
        int steps = 0;
        int[] seen = {0};
        new GroundTruth(root.resolveSibling(root.getFileName() + "-count"), f -> seen[0]++)
                .write(PLATFORM, generation(1), false, false, QUIET);
        steps = seen[0];
        assertTrue(steps >= 7, "three data files, three sidecars, metadata (and the swap): " + steps);
        for (int stop = 0; stop < steps; stop++) {
            int at = stop;
            int[] step = {0};
            GroundTruth killedAt = new GroundTruth(root, f -> {
                if (step[0]++ == at) {
                    throw new Killed();
                }
            });
            assertThrows(Killed.class, () -> killedAt.write(PLATFORM, generation(2), true, false, QUIET));
            assertEquals(1, generationOnDisk(), "stopped at step " + at);
        }
        new GroundTruth(root).write(PLATFORM, generation(3), true, false, QUIET);
        assertEquals(3, generationOnDisk());
        try (Stream<Path> left = Files.list(root)) {
            assertEquals(java.util.List.of(".p.lock", PLATFORM), left.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "no staging or old set left behind");
        }
    }

    @Test
    void ofTwoConcurrentRegenerationsOneFailsAndTheOtherWinsWhole() throws Exception {
        new GroundTruth(root).write(PLATFORM, generation(1), false, false, QUIET);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroundTruth slow = new GroundTruth(root, f -> {
            inside.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<?> first = executor.submit(() -> {
                slow.write(PLATFORM, generation(2), true, false, QUIET);
                return null;
            });
            assertTrue(inside.await(30, TimeUnit.SECONDS));
            InvalidInputException second = assertThrows(InvalidInputException.class,
                    () -> new GroundTruth(root).write(PLATFORM, generation(3), true, false, QUIET));
            assertTrue(second.getMessage().contains("another process is writing"), second.getMessage());
            release.countDown();
            first.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
        assertEquals(2, generationOnDisk());
    }

    @Test
    void aForcedRegenerationReplacesACorruptBaselineWithTheWholeSet() throws IOException {
        new GroundTruth(root).write(PLATFORM, generation(1), false, false, QUIET);
        Files.writeString(root.resolve(PLATFORM).resolve("b.json"), "{ not json");
        new GroundTruth(root).write(PLATFORM, generation(2), true, false, QUIET);
        assertEquals(2, generationOnDisk());
    }

    @Test
    void withoutForceNothingIsReplaced() throws IOException {
        new GroundTruth(root).write(PLATFORM, generation(1), false, false, QUIET);
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> new GroundTruth(root).write(PLATFORM, generation(2), false, false, QUIET));
        assertTrue(refused.getMessage().contains("--force"), refused.getMessage());
        assertEquals(1, generationOnDisk());
    }

    @Test
    void platformNamesAreFileNames() {
        for (String bad : new String[] {"../x", "a/b", "..", ".", "", "a\nb", "a\\b"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> new GroundTruth(root).dir(bad));
            assertTrue(e.getMessage().contains("not usable as a file name"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }
}
