package org.perfregression.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.perfregression.check.Summary;
import org.perfregression.check.SubsectionResult;
import org.perfregression.check.Verdict;

/**
 * An aligned table for a terminal, regressions first, then a one-line summary. Colour (red for
 * regressions, green for improvements) only when asked for, i.e. when writing to a terminal.
 */
public final class TextReport implements Report {

    private static final String[] HEADER = {
        "section", "subsection", "baseline median", "current median", "delta %", "band %", "p", "verdict"};
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String RESET = "\u001b[0m";

    private final boolean colour;

    public TextReport(boolean colour) {
        this.colour = colour;
    }

    @Override
    public void write(ReportInput input, Appendable out) throws IOException {
        for (String note : input.notes()) {
            out.append("NOTE: ").append(note).append('\n');
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        List<SubsectionResult> ordered = input.result().worstFirst();
        for (SubsectionResult r : ordered) {
            rows.add(new String[] {
                r.key().section(),
                r.key().subsection(),
                Numbers.compact(r.baselineMedian()),
                Numbers.compact(r.currentMedian()),
                Numbers.delta(r),
                Numbers.band(r),
                Numbers.p(r.pValue()),
                Numbers.verdict(r)});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            String line = formatRow(rows.get(i), widths);
            Verdict verdict = i == 0 ? Verdict.NO_CHANGE : ordered.get(i - 1).verdict();
            out.append(paint(line, verdict)).append('\n');
        }
        for (var key : input.result().missingInCurrent()) {
            out.append(paint("MISSING " + key + ": in the baseline but not in the current data", Verdict.REGRESSION))
                    .append('\n');
        }
        for (var key : input.result().newInCurrent()) {
            out.append("NEW " + key + ": in the current data only, not compared").append('\n');
        }
        Summary summary = input.result().summary();
        String verdict = summary.failed() ? "FAILED" : "PASSED";
        out.append(paint(verdict + ": " + summary.oneLine(), summary.failed() ? Verdict.REGRESSION : Verdict.NO_CHANGE))
                .append('\n');
    }

    private static String formatRow(String[] row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            boolean numeric = c >= 2 && c <= 6;
            String cell = row[c];
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(numeric ? pad + cell : cell + (c == row.length - 1 ? "" : pad));
            if (c < row.length - 1) {
                line.append("  ");
            }
        }
        return line.toString();
    }

    private String paint(String text, Verdict verdict) {
        if (!colour || verdict == Verdict.NO_CHANGE) {
            return text;
        }
        return (verdict == Verdict.REGRESSION ? RED : GREEN) + text + RESET;
    }
}
