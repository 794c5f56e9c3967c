package org.perfregression.report;

import java.util.List;
import org.perfregression.check.CheckResult;
import org.perfregression.data.PerformanceData;

/**
 * What a report shows: the verdicts, the data they were computed from, where that data came from,
 * and notes that qualify the whole comparison (for example that the platforms differ).
 *
 * @param result the verdicts
 * @param baseline the baseline samples
 * @param current the current samples
 * @param baselineName where the baseline came from, e.g. its file name
 * @param currentName where the current data came from
 * @param notes lines every report must show, e.g. {@code advisory: platforms differ}
 */
public record ReportInput(
        CheckResult result,
        PerformanceData baseline,
        PerformanceData current,
        String baselineName,
        String currentName,
        List<String> notes) {

    public ReportInput {
        notes = List.copyOf(notes);
    }
}
