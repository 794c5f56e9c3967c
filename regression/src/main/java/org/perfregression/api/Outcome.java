package org.perfregression.api;

import java.util.ArrayList;
import java.util.List;
import org.perfregression.check.SubsectionResult;
import org.perfregression.check.Verdict;
import org.perfregression.gate.GateResult;
import org.perfregression.report.ReportInput;
import org.perfregression.report.ReportSuite;

/**
 * What a comparison decided: every benchmark's verdicts, ready for any report. Front ends decide
 * what it means for them (an exit code on the command line, a failed build in Maven).
 *
 * @param suite the comparisons, as every report renders them
 */
public record Outcome(ReportSuite suite) {

    /** Whether the current side is worse: a regression, or a baseline subsection or benchmark without a result. */
    public boolean failed() {
        return suite.failed();
    }

    /**
     * What failed, one line each: {@code benchmark section/subsection +12.3%} per regression (the
     * deciding rule's), then each subsection and benchmark without current data.
     */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        for (ReportInput input : suite.benchmarks()) {
            String prefix = suite.single() ? "" : input.benchmark() + " ";
            if (input.gate() != null) {
                for (GateResult r : input.gate().results()) {
                    if (r.verdict() == Verdict.REGRESSION && r.confirmation() != org.perfregression.gate.Confirmation.ACCEPTED) {
                        failures.add(prefix + r.key() + String.format(java.util.Locale.ROOT, " %+.1f%%", r.changePct()));
                    }
                }
            } else {
                for (SubsectionResult r : input.result().results()) {
                    if (r.verdict() == Verdict.REGRESSION) {
                        failures.add(prefix + r.key() + String.format(java.util.Locale.ROOT, " %+.1f%%",
                                r.deltaMedianPct()));
                    }
                }
            }
            input.result().missingInCurrent().forEach(k -> failures.add(prefix + k + " has no current result"));
        }
        suite.missing().forEach(b -> failures.add(b + " has no current data"));
        return failures;
    }
}
