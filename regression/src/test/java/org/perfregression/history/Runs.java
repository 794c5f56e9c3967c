package org.perfregression.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkLayout;
import org.perfregression.gate.MeasuredFork;
import org.perfregression.input.Sidecar;
import org.perfregression.platform.Platform;

/** Recorded runs with known levels, for the history's tests. */
final class Runs {

    private Runs() {
    }

    /**
     * Run {@code index} of a series: {@code subsections} subsections of benchmark {@code bench}, two
     * forks each around level {@code 1000 * (s + 1)} ns with a fork SD of {@code sd} (log scale),
     * the subsections listed in {@code stepped} {@code step} slower from run {@code stepAt} on.
     */
    static RecordedRun run(int index, int subsections, double sd, int stepAt, double step, int stepped, Random random) {
        List<RecordedSubsection> list = new ArrayList<>();
        double shift = random.nextGaussian() * 0.03;
        for (int s = 0; s < subsections; s++) {
            double level = Math.log(1000.0 * (s + 1)) + shift + (s < stepped && index >= stepAt ? Math.log1p(step) : 0);
            List<RecordedSubsection.Fork> forks = new ArrayList<>();
            for (int f = 0; f < 2; f++) {
                double l = level + random.nextGaussian() * sd;
                forks.add(new RecordedSubsection.Fork(l, l + 0.01, Math.log(3400), f == 0 ? 24 : Double.NaN));
            }
            list.add(new RecordedSubsection("bench", new SubsectionKey("rank_" + (s % 7), "config_" + s), "ns/op", 50,
                    Math.exp(level), forks));
        }
        return new RecordedRun(String.format("%040x", index), "main", Instant.parse("2026-11-01T00:00:00Z")
                .plusSeconds(3600L * index), "machine-a", 3400, "test", list);
    }

    /**
     * A results folder as the main job writes it, run {@code index} of a series: benchmark
     * {@code constructor}, 12 subsections of 2 forks x 10 samples with calibration times, around
     * {@code 100 * (s + 1)} ns with 1 % noise; the first {@code stepped} subsections {@code factor}
     * slower. Each fork's last sample is a confirmation fork's when {@code confirmation} (3 samples,
     * 10 times slower: a baseline must never take it).
     */
    static Path folder(Path dir, int index, int stepped, double factor, boolean confirmation) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("run" + index));
        Random random = new Random(index);
        PerformanceData.Builder data = PerformanceData.builder();
        Map<SubsectionKey, List<MeasuredFork>> layout = new LinkedHashMap<>();
        long started = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(3600L * index).toEpochMilli();
        for (int s = 0; s < 12; s++) {
            List<Double> samples = new ArrayList<>();
            List<MeasuredFork> forks = new ArrayList<>();
            for (int f = 0; f < (confirmation ? 3 : 2); f++) {
                boolean confirming = f == 2;
                int n = confirming ? 3 : 10;
                double[] speeds = new double[n];
                for (int i = 0; i < n; i++) {
                    speeds[i] = 3400 * (1 + random.nextGaussian() * 0.002);
                    samples.add(100 * (s + 1) * (s < stepped ? factor : 1) * (confirming ? 10 : 1) * speeds[i] / 3400
                            * (1 + random.nextGaussian() * 0.01));
                }
                forks.add(new MeasuredFork(n, started + 1000L * (s * 3 + f), f + 1, confirming, speeds, Double.NaN, 16));
            }
            data.add("rank_" + (s % 3 + 2), "config_" + s, samples.stream().mapToDouble(Double::doubleValue).toArray());
            layout.put(new SubsectionKey("rank_" + (s % 3 + 2), "config_" + s), forks);
        }
        Path file = folder.resolve("constructor.json");
        data.build().toJsonFile(file);
        new Sidecar("ns/op", Platform.current(), new ForkLayout(layout)).writeFor(file);
        return folder;
    }

    /** {@link #folder} as the history records it, on {@code machine}, an hour after run {@code index - 1}. */
    static RecordedRun recorded(Path dir, int index, int stepped, double factor, String machine) throws IOException {
        return RunRecorder.read(folder(dir, index, stepped, factor, index % 2 == 0), String.format("%040x", index), "main",
                Instant.parse("2026-11-01T00:00:00Z").plusSeconds(3600L * index), machine);
    }
}
