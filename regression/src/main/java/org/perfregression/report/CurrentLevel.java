package org.perfregression.report;

import java.util.ArrayList;
import java.util.List;
import org.perfregression.data.SubsectionKey;
import org.perfregression.stats.SampleStatistics;

/**
 * One subsection of the current run as the exports to dashboards show it: the median of its samples
 * and their median absolute deviation.
 */
record CurrentLevel(SubsectionKey key, double median, double mad, int samples) {

    /** Every subsection of {@code input}'s current data, in order. */
    static List<CurrentLevel> of(ReportInput input) {
        List<CurrentLevel> levels = new ArrayList<>();
        input.current().forEach((key, samples) -> {
            double[] values = samples.toArray();
            double median = SampleStatistics.median(values);
            levels.add(new CurrentLevel(key, median, SampleStatistics.madAround(values, median), values.length));
        });
        return levels;
    }

    /** The benchmark a dashboard files it under: an allocation comparison under its benchmark's name. */
    static String benchmarkName(ReportInput input) {
        String name = input.benchmark();
        return input.allocation() ? name.substring(0, name.length() - ReportInput.ALLOCATION_SUFFIX.length()) : name;
    }
}
