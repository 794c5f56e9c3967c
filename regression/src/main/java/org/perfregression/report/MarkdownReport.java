package org.perfregression.report;

import java.io.IOException;
import java.util.List;
import org.perfregression.check.CheckResult;
import org.perfregression.check.SubsectionResult;
import org.perfregression.check.Verdict;
import org.perfregression.data.Printable;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.GateResult;

/**
 * A summary for a pull-request comment or a CI job summary ({@code $GITHUB_STEP_SUMMARY}): the
 * verdict, the regressions and improvements in tables, and every result folded away in a
 * {@code <details>} block.
 */
public final class MarkdownReport implements Report {

    private static final String HEADER = "| Section | Subsection | Baseline median | Current median | Δ median | Noise band | p |";
    private static final String RULE = "|---|---|--:|--:|--:|--:|--:|";
    private static final String GATE_HEADER = "| Section | Subsection | Baseline median | Current median | Change | CI "
            + "| Detectable | Gate verdict | Seed Δ median | Seed verdict |";
    private static final String GATE_RULE = "|---|---|--:|--:|--:|--:|--:|---|--:|---|";

    @Override
    public void write(ReportInput input, Appendable out) throws IOException {
        CheckResult result = input.result();
        out.append("## Performance check: ").append(input.failed() ? "FAILED" : "passed").append("\n\n");
        for (String note : input.notes()) {
            out.append("> **Note:** ").append(Escape.markdown(note)).append("\n\n");
        }
        out.append(Escape.markdown(input.summaryLine())).append(" (baseline `").append(code(input.baselineName()))
                .append("`, current `").append(code(input.currentName())).append("`)\n\n");
        if (input.gate() != null) {
            writeGate(input, out);
            return;
        }
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

    /** The gate decides; each row shows its numbers and the seed rule's beside them. */
    private static void writeGate(ReportInput input, Appendable out) throws IOException {
        CheckResult result = input.result();
        out.append("Seed rule, for comparison: ").append(Escape.markdown(result.summary().oneLine())).append("\n\n");
        List<GateResult> ordered = input.gate().worstFirst();
        gateTable(out, input, "Regressions", ordered.stream().filter(r -> r.verdict() == Verdict.REGRESSION).toList());
        gateTable(out, input, "Improvements", ordered.stream().filter(r -> r.verdict() == Verdict.IMPROVEMENT).toList());
        keys(out, "Missing from current (fail the gate)", result.missingInCurrent());
        keys(out, "New in current (not compared)", result.newInCurrent());
        out.append("<details><summary>All ").append(String.valueOf(ordered.size())).append(" results</summary>\n\n");
        gateRows(out, input, ordered);
        out.append("\n</details>\n");
    }

    private static void gateTable(Appendable out, ReportInput input, String title, List<GateResult> rows)
            throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        out.append("### ").append(title).append(" (").append(String.valueOf(rows.size())).append(")\n\n");
        gateRows(out, input, rows);
        out.append('\n');
    }

    private static void gateRows(Appendable out, ReportInput input, List<GateResult> rows) throws IOException {
        out.append(GATE_HEADER).append('\n').append(GATE_RULE).append('\n');
        var seed = input.seedByKey();
        for (GateResult g : rows) {
            SubsectionResult r = seed.get(g.key());
            out.append("| ").append(Escape.markdown(g.key().section()))
                    .append(" | ").append(Escape.markdown(g.key().subsection()))
                    .append(" | ").append(Numbers.compact(r.baselineMedian()))
                    .append(" | ").append(Numbers.compact(r.currentMedian()))
                    .append(" | ").append(Numbers.gateChange(g)).append("%")
                    .append(" | ").append(Numbers.gateInterval(g))
                    .append(" | ").append(Numbers.gateMdc(g)).append("%")
                    .append(" | ").append(Numbers.gateVerdict(g))
                    .append(" | ").append(Numbers.delta(r)).append(Double.isNaN(r.deltaMedianPct()) ? "" : "%")
                    .append(" | ").append(Numbers.verdict(r)).append(" |\n");
        }
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
        // A file name may carry a CR or an escape sequence: shown, never passed into the comment.
        return Printable.of(text.replace('`', '\''));
    }
}
