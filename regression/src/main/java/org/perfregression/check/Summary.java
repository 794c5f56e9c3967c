package org.perfregression.check;

import java.util.List;

/**
 * Counts over a {@link CheckResult}, as the original tool's {@code summarize_regression_results}.
 *
 * @param totalTests subsections compared
 * @param regressions subsections that got slower
 * @param improvements subsections that got faster
 * @param noChange subsections without a significant change
 * @param regressionMessages {@code section.subsection: message} for each regression
 * @param improvementMessages {@code section.subsection: message} for each improvement
 * @param missingInCurrent subsections of the baseline that the current data lacks (lenient mode)
 * @param newInCurrent subsections only the current data has (lenient mode; informational)
 */
public record Summary(
        int totalTests,
        int regressions,
        int improvements,
        int noChange,
        List<String> regressionMessages,
        List<String> improvementMessages,
        int missingInCurrent,
        int newInCurrent) {

    public Summary {
        regressionMessages = List.copyOf(regressionMessages);
        improvementMessages = List.copyOf(improvementMessages);
    }

    /** Whether the gate fails: a regression, or a baseline subsection without a current result. */
    public boolean failed() {
        return regressions > 0 || missingInCurrent > 0;
    }

    /** One line, e.g. {@code 90 compared: 2 regressions, 1 improvement, 87 no change}. */
    public String oneLine() {
        StringBuilder line = new StringBuilder()
                .append(totalTests).append(" compared: ")
                .append(plural(regressions, "regression")).append(", ")
                .append(plural(improvements, "improvement")).append(", ")
                .append(noChange).append(" no change");
        if (missingInCurrent > 0) {
            line.append(", ").append(missingInCurrent).append(" missing from current");
        }
        if (newInCurrent > 0) {
            line.append(", ").append(newInCurrent).append(" new in current");
        }
        return line.toString();
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
