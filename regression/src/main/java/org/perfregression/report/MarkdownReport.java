package org.perfregression.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.perfregression.check.SubsectionResult;
import org.perfregression.check.Verdict;
import org.perfregression.data.Printable;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.GateResult;

/**
 * A summary for a pull-request comment or a CI job summary ({@code $GITHUB_STEP_SUMMARY}): the
 * verdict, per benchmark its regressions and improvements in tables with the unit, and every result
 * folded away in a {@code <details>} block. It fits a GitHub comment: past {@link #LIMIT} characters
 * the rows that do not fit are left out, most important first kept (regressions, then improvements,
 * then the rest), and a last line says how many are not shown.
 */
public final class MarkdownReport implements Report {

    /** What a GitHub pull-request comment holds. */
    public static final int LIMIT = 65_536;
    /** Kept free for the folded block's tags and the "not shown" line. */
    private static final int RESERVE = 400;

    private static final String RULE = "|---|---|--:|--:|--:|--:|--:|---|";
    private static final String GATE_RULE = "|---|---|--:|--:|--:|--:|--:|---|--:|---|";

    private final int limit;

    public MarkdownReport() {
        this(LIMIT);
    }

    /** A report that fits in {@code limit} characters (tests use a small one). */
    MarkdownReport(int limit) {
        this.limit = limit;
    }

    @Override
    public void write(ReportSuite suite, Appendable out) throws IOException {
        Budget budget = new Budget(limit - RESERVE);
        budget.add("<!-- perf-regression report, schema version " + JsonReport.SCHEMA_VERSION + " -->\n"
                + "## Performance check: " + (suite.failed() ? "FAILED" : "passed") + "\n\n");
        for (String note : suite.allNotes()) {
            budget.add("> **Note:** " + Escape.markdown(note) + "\n\n");
        }
        budget.add(Escape.markdown(suite.summaryLine()) + "\n\n");
        for (ReportInput input : suite.benchmarks()) {
            budget.add("### " + (suite.single() ? "" : Escape.markdown(input.benchmark()) + ": ")
                    + (input.failed() ? "FAILED" : "passed") + " (" + Escape.markdown(input.scale()) + ")\n\n"
                    + (suite.single() ? "" : Escape.markdown(input.summaryLine()) + "\n\n")
                    + "Baseline `" + code(input.baselineName()) + "`, current `" + code(input.currentName()) + "`"
                    + (input.gate() == null ? "" : "; seed rule, for comparison: "
                            + Escape.markdown(input.result().summary().oneLine())) + "\n\n");
            var seed = input.seedByKey();
            table(budget, input, seed, "Regressions", rows(input, Verdict.REGRESSION));
            table(budget, input, seed, "Improvements", rows(input, Verdict.IMPROVEMENT));
            keys(budget, "Missing from current (fail the gate)", input.result().missingInCurrent());
            keys(budget, "New in current (not compared)", input.result().newInCurrent());
        }
        int all = suite.benchmarks().stream().mapToInt(b -> b.result().results().size()).sum();
        // Opened whatever the tables above took (RESERVE keeps room for it): its rows fit or are counted.
        budget.force("<details><summary>All " + all + " results</summary>\n\n");
        for (ReportInput input : suite.benchmarks()) {
            if (!suite.single()) {
                budget.add("**" + Escape.markdown(input.benchmark()) + "**\n\n");
            }
            budget.add(header(input) + "\n");
            var seed = input.seedByKey();
            for (Object row : rows(input, null)) {
                budget.add(row(seed, row) + "\n");
            }
            budget.add("\n");
        }
        budget.force("</details>\n");
        out.append(budget.text);
        if (budget.skipped > 0) {
            List<String> others = suite.reports().stream().filter(r -> !r.startsWith(ReportFormat.MARKDOWN.id() + ":"))
                    .toList();
            out.append("\n_").append(String.valueOf(budget.skipped)).append(" more not shown: a GitHub comment holds ")
                    .append(String.format("%,d", LIMIT)).append(" characters; ")
                    .append(others.isEmpty() ? "for every result, ask for a json or html report as well (--format "
                            + "json=FILE)" : "every result is in " + Escape.markdown(String.join(", ", others)))
                    .append("._\n");
        }
    }

    /** Adds text while it fits; counts the rows that do not. */
    private static final class Budget {
        private final StringBuilder text = new StringBuilder();
        private final int max;
        private int skipped;

        Budget(int max) {
            this.max = max;
        }

        boolean add(String chunk) {
            if (text.length() + chunk.length() > max) {
                if (chunk.startsWith("| ") && !chunk.startsWith("| Section")) {
                    skipped++;
                }
                return false;
            }
            text.append(chunk);
            return true;
        }

        /** Closing tags: always, out of the reserve. */
        void force(String chunk) {
            text.append(chunk);
        }
    }

    /** The benchmark's rows, worst first: gate results when the gate decided, else the seed rule's; null: all. */
    private static List<Object> rows(ReportInput input, Verdict only) {
        List<Object> rows = new ArrayList<>();
        if (input.gate() != null) {
            input.gate().worstFirst().stream().filter(g -> only == null || g.verdict() == only).forEach(rows::add);
        } else {
            input.result().worstFirst().stream().filter(r -> only == null || r.verdict() == only).forEach(rows::add);
        }
        return rows;
    }

    private static void table(Budget budget, ReportInput input, Map<SubsectionKey, SubsectionResult> seed, String title,
            List<Object> rows) {
        if (rows.isEmpty()) {
            return;
        }
        budget.add("#### " + title + " (" + rows.size() + ")\n\n" + header(input) + "\n");
        for (Object row : rows) {
            budget.add(row(seed, row) + "\n");
        }
        budget.add("\n");
    }

    private static String header(ReportInput input) {
        String unit = input.unit() == null ? "" : " (" + Escape.markdown(input.unit()) + ")";
        return input.gate() != null
                ? "| Section | Subsection | Baseline median" + unit + " | Current median" + unit + " | Change | CI "
                        + "| Detectable | Gate verdict | Seed Δ median | Seed verdict |\n" + GATE_RULE
                : "| Section | Subsection | Baseline median" + unit + " | Current median" + unit + " | Δ median "
                        + "| Noise band | p | Verdict |\n" + RULE;
    }

    private static String row(Map<SubsectionKey, SubsectionResult> seed, Object row) {
        if (row instanceof GateResult g) {
            SubsectionResult r = seed.get(g.key());
            return "| " + Escape.markdown(g.key().section()) + " | " + Escape.markdown(g.key().subsection())
                    + " | " + Numbers.compact(r.baselineMedian()) + " | " + Numbers.compact(r.currentMedian())
                    + " | " + Numbers.gateChange(g) + "% | " + Numbers.gateInterval(g) + " | " + Numbers.gateMdc(g)
                    + "% | " + Numbers.gateVerdict(g) + " | " + Numbers.delta(r)
                    + (Double.isNaN(r.deltaMedianPct()) ? "" : "%") + " | " + Numbers.verdict(r) + " |";
        }
        SubsectionResult r = (SubsectionResult) row;
        return "| " + Escape.markdown(r.key().section()) + " | " + Escape.markdown(r.key().subsection())
                + " | " + Numbers.compact(r.baselineMedian()) + " | " + Numbers.compact(r.currentMedian())
                + " | " + Numbers.delta(r) + (Double.isNaN(r.deltaMedianPct()) ? "" : "%")
                + " | " + Numbers.band(r) + "% | " + Numbers.p(r.pValue()) + " | " + Numbers.verdict(r)
                + (r.verdict() == Verdict.NO_CHANGE ? ": " + Escape.markdown(r.reason()) : "") + " |";
    }

    private static void keys(Budget budget, String title, List<SubsectionKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        budget.add("#### " + title + "\n\n");
        for (SubsectionKey key : keys) {
            budget.add("- " + Escape.markdown(key.toString()) + "\n");
        }
        budget.add("\n");
    }

    /** Inside backticks only a backtick needs care: replace it. */
    private static String code(String text) {
        // A file name may carry a CR or an escape sequence: shown, never passed into the comment.
        return Printable.of(text.replace('`', '\''));
    }
}
