package org.perfregression.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.perfregression.cli.Main;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.PerformanceData;
import org.perfregression.input.DatasetLoader;
import org.perfregression.input.Sidecar;
import org.perfregression.jmh.JmhResultReader;
import org.perfregression.platform.MachineSpeed;
import org.perfregression.testing.Cli;
import org.perfregression.testing.Resources;

/**
 * Every reader under mutated input (see {@link Mutator}): each input either loads or is refused with
 * one line ({@link InvalidInputException}, exit code 2 on the command line), never another
 * exception, a stack trace, a hang or an OutOfMemoryError. The budget is jqwik's default number of
 * tries per property, 1,000 in {@code mvn verify}; the long run sets it on the command line:
 * {@code mvn -pl regression test -Dtest=ReaderFuzzTest -Djqwik.tries.default=25000}.
 */
class ReaderFuzzTest {

    /** A try slower than this is a hang in the making: inputs are a few kilobytes. */
    private static final long SLOW_NANOS = 5_000_000_000L;

    private static final AtomicLong INPUTS = new AtomicLong();
    private static final AtomicLong TRIED = new AtomicLong();
    private static final AtomicLong LOADED = new AtomicLong();
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String PERFORMANCE_DATA = "{\"rank_2\": {\"SHARDED_ACCESSOR_0000001\": [10.5, 11, 10.75, 12],"
            + " \"SHARDED_ACCESSOR_1111101\": [20, 21.5]}, \"rank_3\": {\"X\": [1e-3, 2e-3, 1.5e-3]}}";
    private static final String SIDECAR = "{\"unit\": \"ns/op\", \"platform\": {\"os\": \"linux\", \"arch\": \"amd64\", "
            + "\"cpus\": 2, \"java_major\": 17}, \"forks\": {\"rank_2\": {\"SHARDED_ACCESSOR_0000001\": [{\"samples\": 2, "
            + "\"started_ms\": 1, \"pass\": 1, \"confirmation\": false, \"other_cpu_pct\": 0.5, \"calibration_ns\": "
            + "[10.1, 10.2]}, {\"samples\": 2, \"pass\": 2, \"calibration_ns\": null}]}}}";
    private static final String METADATA = "{\"platform_name\": \"linux-amd64-2cpu-jdk17\", \"unit\": \"ns/op\", "
            + "\"platform\": {\"os\": \"linux\", \"arch\": \"amd64\", \"cpus\": 2, \"java_major\": 17, \"cpu_model\": \"x\"},"
            + " \"created\": \"2026-11-28T12:00:00Z\", \"jmh\": {\"version\": \"1.37\", \"mode\": \"avgt\", \"forks\": \"6\"},"
            + " \"calibration\": {\"p10_ns\": 10.5, \"median_ns\": 11.0, \"count\": 900}}";

    private static final List<byte[]> JMH_SEEDS = jmhSeeds();

    private static List<byte[]> jmhSeeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (String name : new String[] {"throughput", "avgt-params-gc", "sample-mode", "single-shot",
            "one-benchmark-failed"}) {
            try {
                seeds.add(Files.readAllBytes(Resources.path("jmh/" + name + ".json")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return seeds;
    }

    @AfterContainer
    static void report() throws IOException {
        System.out.printf("ReaderFuzzTest: %,d mutated inputs, %,d reader calls: %,d loaded, the rest refused in one "
                + "line%n", INPUTS.get(), TRIED.get(), LOADED.get());
        try (Stream<Path> files = Files.walk(DIR)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property
    void performanceData(@ForAll long seed) throws IOException {
        Path file = fuzzed(PERFORMANCE_DATA.getBytes(), seed, "data/data.json");
        check(file, () -> PerformanceData.fromJsonFile(file).warnings());
        check(file, () -> DatasetLoader.withDefaults().load(file));
    }

    @Property
    void jmhResults(@ForAll long seed) throws IOException {
        byte[] base = JMH_SEEDS.get(Math.floorMod(seed, JMH_SEEDS.size()));
        Path file = fuzzed(base, seed, "jmh/jmh.json");
        check(file, () -> JmhResultReader.read(file));
        check(file, () -> DatasetLoader.withDefaults().load(file));
    }

    @Property
    void sidecars(@ForAll long seed) throws IOException {
        Path file = fuzzed(SIDECAR.getBytes(), seed, "sidecar/data.meta.json");
        check(file, () -> Sidecar.read(file));
    }

    @Property
    void baselineMetadata(@ForAll long seed) throws IOException {
        Path file = fuzzed(METADATA.getBytes(), seed, "metadata/metadata.json");
        check(file, () -> {
            Sidecar.read(file);
            // What the main job reads of it beside the sidecar fields: the machine's speed.
            Map<?, ?> root = new ObjectMapper().readValue(file.toFile(), Map.class);
            return root.get("calibration") instanceof Map<?, ?> calibration ? MachineSpeed.fromMap(calibration) : null;
        }, IOException.class);
    }

    /** The command line end to end: exit 0-3, and an exit 2 is one line that is not an "unexpected" failure. */
    @Property(tries = 200)
    void compareCommand(@ForAll long seed) throws IOException {
        Path baseline = fuzzed(PERFORMANCE_DATA.getBytes(), seed, "cli/b.json");
        Path current = DIR.resolve("cli/c.json");
        Files.writeString(current, PERFORMANCE_DATA);
        long started = System.nanoTime();
        Cli run = Cli.run((out, err) -> Main.run(out, err, "compare", "-b", baseline.toString(), "-c",
                current.toString(), "--lenient"));
        TRIED.incrementAndGet();
        assertTrue(System.nanoTime() - started < SLOW_NANOS, "slow input " + baseline);
        assertTrue(run.exitCode() >= 0 && run.exitCode() <= 3, run.toString());
        if (run.exitCode() == 2) {
            List<String> errors = run.err().lines().filter(l -> !l.startsWith("warning:")).toList();
            assertTrue(errors.size() == 1, "one line:\n" + run);
            assertFalse(errors.get(0).contains("unexpected"), run.toString());
        } else {
            LOADED.incrementAndGet();
        }
    }

    private static Path fuzzed(byte[] seedFile, long seed, String name) throws IOException {
        Path file = DIR.resolve(name);
        Files.createDirectories(file.getParent());
        INPUTS.incrementAndGet();
        return Files.write(file, Mutator.mutate(seedFile, new Random(seed)));
    }

    @FunctionalInterface
    private interface Reader {
        Object read() throws Exception;
    }

    private static void check(Path file, Reader reader) {
        check(file, reader, null);
    }

    /**
     * Runs {@code reader}: it returns, or refuses with one line. {@code alsoAllowed}: an exception a
     * caller handles itself (the main job turns Jackson's IOException on metadata into one line).
     */
    private static void check(Path file, Reader reader, Class<? extends Exception> alsoAllowed) {
        long started = System.nanoTime();
        TRIED.incrementAndGet();
        try {
            reader.read();
            LOADED.incrementAndGet();
        } catch (InvalidInputException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a refusal says why");
            assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"),
                    "one line: " + e.getMessage());
        } catch (Exception e) {
            if (alsoAllowed == null || !alsoAllowed.isInstance(e)) {
                fail("unexpected " + e + " on " + file + ": " + preview(file), e);
            }
        } catch (OutOfMemoryError e) {
            fail("out of memory on " + preview(file), e);
        }
        assertTrue(System.nanoTime() - started < SLOW_NANOS, "slow input: " + preview(file));
    }

    private static String preview(Path file) {
        try {
            String text = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
            return text.length() > 300 ? text.substring(0, 300) + "..." : text;
        } catch (IOException e) {
            return "(unreadable)";
        }
    }
}
