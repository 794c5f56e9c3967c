package org.perfregression.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.perfregression.data.SubsectionKey;

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
}
