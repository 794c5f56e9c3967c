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
 * One benchmark's comparison as the reports show it: the verdicts, the data they were computed from,
 * where that data came from, its unit, and notes that qualify this benchmark only.
 *
 * @param benchmark the benchmark's name, e.g. {@code constructor} (a file compare uses the file's stem)
 * @param unit the samples' unit, e.g. {@code ns/op}; null when neither side says
 * @param result the seed rule's verdicts (which also carry the direction: which way is better)
 * @param baseline the baseline samples
 * @param current the current samples
 * @param baselineName where the baseline came from, e.g. its file name
 * @param currentName where the current data came from
 * @param notes lines every report must show for this benchmark
 * @param gate the fork-aware gate's verdicts, shown beside the seed rule's and deciding the
 *     summary; null when only the seed's rule was applied
 */
public record ReportInput(
        String benchmark,
        String unit,
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

    /** The suffix of a benchmark's comparison of bytes allocated per operation, reported beside its time. */
    public static final String ALLOCATION_SUFFIX = ".alloc";

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

    /** Whether this is a benchmark's allocation comparison ({@code NAME.alloc}, {@code B/op}), not a time. */
    public boolean allocation() {
        return "B/op".equals(unit) && benchmark.endsWith(ALLOCATION_SUFFIX);
    }

    /** Whether the comparison fails: the gate's verdict when there is one, else the seed rule's. */
    public boolean failed() {
        return gate != null ? gate.failed() || !result.missingInCurrent().isEmpty() : result.failed();
    }

    /** E.g. {@code ns/op, lower is better}: what every report says about the numbers. */
    public String scale() {
        String better = result.direction() == org.perfregression.check.Direction.LOWER_IS_BETTER
                ? "lower is better" : "higher is better";
        return (unit == null ? "unit unknown" : unit) + ", " + better;
    }
}
