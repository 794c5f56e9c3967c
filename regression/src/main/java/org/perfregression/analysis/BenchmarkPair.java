package org.perfregression.analysis;

import java.util.List;
import org.perfregression.check.Direction;
import org.perfregression.input.Dataset;

/**
 * One benchmark's two sides, as a comparison takes them.
 *
 * @param benchmark the benchmark's name in the reports
 * @param baseline the reference samples; {@link Dataset#source()} names them in the reports
 * @param current the samples under test, with any confirmation forks in its fork layout
 * @param direction which way is better
 * @param notes what every report must say about this benchmark, e.g. how its direction was chosen
 */
public record BenchmarkPair(String benchmark, Dataset baseline, Dataset current, Direction direction,
        List<String> notes) {

    public BenchmarkPair {
        notes = List.copyOf(notes);
    }

    /** This pair with {@code current} as its current side, e.g. after more forks were measured. */
    public BenchmarkPair withCurrent(Dataset current) {
        return new BenchmarkPair(benchmark, baseline, current, direction, notes);
    }

    /** The unit of the samples: the baseline's, else the current side's; null when neither says. */
    public String unit() {
        return baseline.unit() != null ? baseline.unit() : current.unit();
    }
}
