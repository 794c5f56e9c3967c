package org.perfregression.report;

import java.io.IOException;
import java.util.List;
import org.perfregression.check.CheckResult;
import org.perfregression.check.Summary;
import org.perfregression.check.SubsectionResult;
import org.perfregression.check.Verdict;
import org.perfregression.data.SubsectionKey;

/**
 * A summary for a pull-request comment or a CI job summary ({@code $GITHUB_STEP_SUMMARY}): the
 * verdict, the regressions and improvements in tables, and every result folded away in a
 * {@code <details>} block.
 */
public final class MarkdownReport implements Report {

    private static final String HEADER = "| Section | Subsection | Baseline median | Current median | Δ median | Noise band | p |";
    private static final String RULE = "|---|---|--:|--:|--:|--:|--:|";

    @Override
    public void write(ReportInput input, Appendable out) throws IOException {
        CheckResult result = input.result();
        Summary summary = result.summary();
        out.append("## Performance check: ").append(summary.failed() ? "FAILED" : "passed").append("\n\n");
        for (String note : input.notes()) {
            out.append("> **Note:** ").append(Escape.markdown(note)).append("\n\n");
        }
        out.append(Escape.markdown(summary.oneLine())).append(" (baseline `").append(code(input.baselineName()))
                .append("`, current `").append(code(input.currentName())).append("`)\n\n");
        table(out, "Regressions", result.results().stream().filter(r -> r.verdict() == Verdict.REGRESSION).toList());
        table(out, "Improvements", result.results().stream().filter(r -> r.verdict() == Verdict.IMPROVEMENT).toList());
        keys(out, "Missing from current (fail the gate)", result.missingInCurrent());
        keys(out, "New in current (not compared)", result.newInCurrent());
        out.append("<details><summary>All ").append(String.valueOf(result.results().size()))
                .append(" results</summary>\n\n").append(HEADER).append(" Verdict |\n").append(RULE).append("---|\n");
        for (SubsectionResult r : result.worstFirst()) {
            row(out, r).append(" ").append(Numbers.verdict(r)).append(" |\n");
        }
        out.append("\n</details>\n");
    }

    private static void table(Appendable out, String title, List<SubsectionResult> rows) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        out.append("### ").append(title).append(" (").append(String.valueOf(rows.size())).append(")\n\n")
                .append(HEADER).append('\n').append(RULE).append('\n');
        for (SubsectionResult r : rows) {
            row(out, r).append('\n');
        }
        out.append('\n');
    }

    private static Appendable row(Appendable out, SubsectionResult r) throws IOException {
        return out.append("| ").append(Escape.markdown(r.key().section()))
                .append(" | ").append(Escape.markdown(r.key().subsection()))
                .append(" | ").append(Numbers.compact(r.baselineMedian()))
                .append(" | ").append(Numbers.compact(r.currentMedian()))
                .append(" | ").append(Numbers.delta(r)).append(Double.isNaN(r.deltaMedianPct()) ? "" : "%")
                .append(" | ").append(Numbers.band(r)).append("%")
                .append(" | ").append(Numbers.p(r.pValue())).append(" |");
    }

    private static void keys(Appendable out, String title, List<SubsectionKey> keys) throws IOException {
        if (keys.isEmpty()) {
            return;
        }
        out.append("### ").append(title).append("\n\n");
        for (SubsectionKey key : keys) {
            out.append("- ").append(Escape.markdown(key.toString())).append('\n');
        }
        out.append('\n');
    }

    /** Inside backticks only a backtick needs care: replace it. */
    private static String code(String text) {
        return text.replace('`', '\'').replace('\n', ' ');
    }
}
