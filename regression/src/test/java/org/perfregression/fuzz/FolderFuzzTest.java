package org.perfregression.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.perfregression.cli.Main;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkLayout;
import org.perfregression.gate.MeasuredFork;
import org.perfregression.input.Sidecar;
import org.perfregression.platform.Platform;
import org.perfregression.testing.Cli;

/**
 * {@code compare} on two folders whose files were taken away, added, swapped or mutated: data files
 * without sidecars and sidecars without data, a sidecar of another benchmark, extra benchmarks on
 * either side, a folder where a file should be, bytes changed. Every run ends with exit 0-3; a
 * refusal is one line; no input file changes; and a baseline benchmark whose data file is gone (its
 * sidecar still there) is always an input error, never a benchmark that silently stops being gated.
 */
class FolderFuzzTest {

    private static final List<String> BENCHMARKS = List.of("constructor", "get_noc_addr", "pages");
    private static final Path DIR;
    private static int tries;
    private static int refused;

    static {
        try {
            DIR = Files.createTempDirectory("folder-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterContainer
    static void report() throws IOException {
        System.out.printf("FolderFuzzTest: %d folder pairs, %d refused in one line%n", tries, refused);
        try (Stream<Path> files = Files.walk(DIR)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 150)
    void foldersWithFilesMissingExtraOrMismatched(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        Path root = Files.createDirectories(DIR.resolve(tries + "-" + Long.toHexString(seed)));
        Path gt = Files.createDirectories(root.resolve("gt"));
        Path results = Files.createDirectories(root.resolve("results"));
        for (String benchmark : BENCHMARKS) {
            write(gt, benchmark, 6, random);
            write(results, benchmark, 2, random);
        }
        Files.writeString(gt.resolve(Sidecar.FOLDER_METADATA), "{\"unit\": \"ns/op\"}");
        int operations = 1 + random.nextInt(3);
        for (int i = 0; i < operations; i++) {
            mutate(random.nextBoolean() ? gt : results, random);
        }
        Map<Path, byte[]> before = contents(root);
        boolean orphanBaseline = BENCHMARKS.stream().anyMatch(b -> Files.exists(gt.resolve(b + ".meta.json"))
                && !Files.exists(gt.resolve(b + ".json")));
        List<String> args = new ArrayList<>(List.of("compare", "-b", gt.toString(), "-c", results.toString()));
        if (random.nextBoolean()) {
            args.addAll(List.of("--rule", "gate"));
        }
        if (random.nextInt(4) == 0) {
            args.add("--lenient");
        }
        args.addAll(List.of("--format", "json=" + root.resolve("report.json")));
        Cli run = Cli.run((out, err) -> Main.run(out, err, args.toArray(new String[0])));
        tries++;
        assertTrue(run.exitCode() >= 0 && run.exitCode() <= 3, run.toString());
        if (run.exitCode() == 2) {
            refused++;
            List<String> errors = run.err().lines().filter(l -> !l.startsWith("warning:")).toList();
            assertEquals(1, errors.size(), "one line:\n" + run);
            assertFalse(errors.get(0).contains("unexpected") || errors.get(0).contains("Exception"), run.toString());
        }
        if (orphanBaseline) {
            assertEquals(2, run.exitCode(), "a baseline benchmark's data file is gone: " + run);
        }
        Map<Path, byte[]> after = contents(root);
        after.remove(root.resolve("report.json"));
        assertEquals(before.keySet().toString(), after.keySet().toString(), "no input file added or removed");
        before.forEach((file, bytes) -> assertArrayEquals(bytes, after.get(file), "unchanged: " + file));
    }

    /** One benchmark: two sections of two subsections, {@code forks} forks of 5 samples, with its sidecar. */
    private static void write(Path dir, String benchmark, int forks, Random random) throws IOException {
        PerformanceData.Builder data = PerformanceData.builder();
        Map<SubsectionKey, List<MeasuredFork>> layout = new LinkedHashMap<>();
        for (String section : List.of("rank_2", "rank_3")) {
            for (String subsection : List.of("A", "B")) {
                double[] samples = new double[forks * 5];
                List<MeasuredFork> list = new ArrayList<>();
                for (int f = 0; f < forks; f++) {
                    double level = 100 * (1 + 0.03 * random.nextGaussian());
                    for (int i = 0; i < 5; i++) {
                        samples[f * 5 + i] = level * (1 + 0.01 * random.nextGaussian());
                    }
                    list.add(new MeasuredFork(5, 0, f + 1, false, null, Double.NaN));
                }
                data.add(section, subsection, samples);
                layout.put(new SubsectionKey(section, subsection), list);
            }
        }
        Path file = dir.resolve(benchmark + ".json");
        data.build().toJsonFile(file);
        new Sidecar("ns/op", Platform.current(), new ForkLayout(layout)).writeFor(file);
    }

    private static void mutate(Path dir, Random random) throws IOException {
        String benchmark = BENCHMARKS.get(random.nextInt(BENCHMARKS.size()));
        String other = BENCHMARKS.get(random.nextInt(BENCHMARKS.size()));
        Path data = dir.resolve(benchmark + ".json");
        Path sidecar = dir.resolve(benchmark + ".meta.json");
        switch (random.nextInt(8)) {
            case 0 -> Files.deleteIfExists(data);
            case 1 -> Files.deleteIfExists(sidecar);
            case 2 -> copy(dir.resolve(other + ".meta.json"), sidecar); // another benchmark's layout
            case 3 -> copy(dir.resolve(other + ".json"), dir.resolve("extra_" + benchmark + ".json"));
            case 4 -> copy(dir.resolve(other + ".meta.json"), dir.resolve("lonely_" + benchmark + ".meta.json"));
            case 5 -> {
                Files.deleteIfExists(data);
                Files.createDirectories(data);
            }
            case 6 -> {
                Path target = random.nextBoolean() ? data : sidecar;
                if (Files.isRegularFile(target)) {
                    Files.write(target, Mutator.mutate(Files.readAllBytes(target), random));
                }
            }
            default -> {
                if (Files.isRegularFile(data)) {
                    Files.move(data, dir.resolve("." + benchmark + ".json"));
                }
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.isRegularFile(from) && !Files.isDirectory(to)) {
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Map<Path, byte[]> contents(Path root) throws IOException {
        Map<Path, byte[]> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.put(file, Files.readAllBytes(file));
            }
        }
        return contents;
    }
}
