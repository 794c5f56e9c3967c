package org.perfregression.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.perfregression.check.CheckResult;
import org.perfregression.check.SubsectionResult;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.GateOutcome;
import org.perfregression.gate.GateResult;

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
 * @param gate the fork-aware gate's verdicts, shown beside the seed rule's and deciding the
 *     summary; null when only the seed's rule was applied
 */
public record ReportInput(
        CheckResult result,
        PerformanceData baseline,
        PerformanceData current,
        String baselineName,
        String currentName,
        List<String> notes,
        GateOutcome gate) {

    public ReportInput {
        notes = List.copyOf(notes);
    }

    /** A report of the seed's rule alone. */
    public ReportInput(CheckResult result, PerformanceData baseline, PerformanceData current, String baselineName,
            String currentName, List<String> notes) {
        this(result, baseline, current, baselineName, currentName, notes, null);
    }

    /** The gate's results by subsection, empty without a gate: built once per report, looked up per row. */
    public Map<SubsectionKey, GateResult> gateByKey() {
        Map<SubsectionKey, GateResult> byKey = new HashMap<>();
        if (gate != null) {
            gate.results().forEach(r -> byKey.put(r.key(), r));
        }
        return byKey;
    }

    /** The seed rule's results by subsection: built once per report, looked up per row. */
    public Map<SubsectionKey, SubsectionResult> seedByKey() {
        Map<SubsectionKey, SubsectionResult> byKey = new HashMap<>();
        result.results().forEach(r -> byKey.put(r.key(), r));
        return byKey;
    }

    /** The deciding rule's one-line summary. */
    public String summaryLine() {
        return gate != null ? gate.oneLine() : result.summary().oneLine();
    }

    /** Whether the comparison fails: the gate's verdict when there is one, else the seed rule's. */
    public boolean failed() {
        return gate != null ? gate.failed() || !result.missingInCurrent().isEmpty() : result.failed();
    }
}
