package org.perfregression.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** Results folders as the main job writes them, for tests of what the commands do with them. */
public final class ResultsFolders {

    private ResultsFolders() {
    }

    /**
     * A results folder of one benchmark, {@code constructor}: 12 subsections ({@code rank_2..4},
     * {@code config_0..11}) of 2 forks x 10 samples with calibration, around {@code 100 * (s + 1)} ns;
     * the first {@code slower} subsections {@code factor} slower.
     */
    public static Path write(Path folder, long seed, int slower, double factor) throws IOException {
        return write(folder, seed, slower, factor, 1_764_000_000_000L);
    }

    /** {@link #write(Path, long, int, double)}, its first fork started at {@code startedMillis}. */
    public static Path write(Path folder, long seed, int slower, double factor, long startedMillis) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(seed);
        PerformanceData.Builder data = PerformanceData.builder();
        Map<SubsectionKey, List<MeasuredFork>> layout = new LinkedHashMap<>();
        double shift = 1 + random.nextGaussian() * 0.01;
        for (int s = 0; s < 12; s++) {
            double[] samples = new double[20];
            List<MeasuredFork> forks = new ArrayList<>();
            for (int f = 0; f < 2; f++) {
                double[] speeds = new double[10];
                for (int i = 0; i < 10; i++) {
                    speeds[i] = 3400 * (1 + random.nextGaussian() * 0.002);
                    samples[f * 10 + i] = 100 * (s + 1) * shift * (s < slower ? factor : 1) * speeds[i] / 3400
                            * (1 + random.nextGaussian() * 0.005);
                }
                forks.add(new MeasuredFork(10, startedMillis + f, f + 1, false, speeds, Double.NaN, 16));
            }
            data.add("rank_" + (s % 3 + 2), "config_" + s, samples);
            layout.put(new SubsectionKey("rank_" + (s % 3 + 2), "config_" + s), forks);
        }
        Path file = folder.resolve("constructor.json");
        data.build().toJsonFile(file);
        new Sidecar("ns/op", Platform.current(), new ForkLayout(layout)).writeFor(file);
        return folder;
    }
}
