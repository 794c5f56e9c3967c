package org.perfregression.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.perfregression.check.Summary;
import org.perfregression.check.SubsectionResult;
import org.perfregression.data.Printable;
import org.perfregression.check.Verdict;
import org.perfregression.gate.GateOutcome;
import org.perfregression.gate.GateResult;

/**
 * An aligned table per benchmark for a terminal, worst first (by how far past its band a change
 * went), the unit and which way is better, why a change is no verdict, then a one-line summary; for
 * several benchmarks a summary line each and one PASSED or FAILED. With the gate, each row
 * shows the gate's change, interval, minimum detectable change and verdict beside the seed rule's
 * delta and verdict, and the gate decides PASSED or FAILED. Colour (red for regressions, green for
 * improvements) only when asked for, i.e. when writing to a terminal.
 */
public final class TextReport implements Report {

    private static final String[] HEADER = {
        "section", "subsection", "baseline median", "current median", "delta %", "band %", "p", "verdict", "why"};
    private static final String[] GATE_HEADER = {
        "section", "subsection", "baseline median", "current median", "change %", "CI %", "MDC %", "gate verdict",
        "seed delta %", "seed verdict"};
    /** Which columns are right-aligned. */
    private static final boolean[] SEED_NUMERIC = {false, false, true, true, true, true, true, false, false};
    private static final boolean[] GATE_NUMERIC = {false, false, true, true, true, true, true, false, true, false};
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String RESET = "\u001b[0m";

    private final boolean colour;

    public TextReport(boolean colour) {
        this.colour = colour;
    }

    @Override
    public void write(ReportSuite suite, Appendable out) throws IOException {
        for (String note : suite.notes()) {
            line(out, "NOTE: " + note, Verdict.NO_CHANGE);
        }
        for (ReportInput input : suite.benchmarks()) {
            if (!suite.single()) {
                out.append('\n');
                line(out, "== " + input.benchmark() + " (" + input.scale() + ") ==", Verdict.NO_CHANGE);
            }
            benchmark(input, suite.single(), out);
        }
        if (!suite.single()) {
            out.append('\n');
            line(out, "Summary (" + (suite.benchmarks().get(0).gate() != null ? "fork-aware gate" : "seed rule") + "):",
                    Verdict.NO_CHANGE);
            int width = suite.benchmarks().stream().mapToInt(b -> b.benchmark().length()).max().orElse(0);
            for (ReportInput input : suite.benchmarks()) {
                line(out, "  " + input.benchmark() + " ".repeat(width - input.benchmark().length()) + "  "
                        + (input.failed() ? "FAILED  " : "passed  ") + input.summaryLine(),
                        input.failed() ? Verdict.REGRESSION : Verdict.NO_CHANGE);
            }
            for (ReportInput input : suite.benchmarks()) {
                for (String note : input.notes()) {
                    line(out, "NOTE: " + input.benchmark() + ": " + note, Verdict.NO_CHANGE);
                }
            }
            line(out, suite.failed() ? "FAILED: performance regressions found" : "PASSED: no performance regression",
                    suite.failed() ? Verdict.REGRESSION : Verdict.NO_CHANGE);
        }
    }

    /** One benchmark's table; for a single one with its notes, unit line and verdict line. */
    private void benchmark(ReportInput input, boolean single, Appendable out) throws IOException {
        if (single) {
            for (String note : input.notes()) {
                line(out, "NOTE: " + note, Verdict.NO_CHANGE);
            }
            line(out, "values in " + input.scale(), Verdict.NO_CHANGE);
        }
        List<String[]> rows = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        String unit = input.unit() == null ? "" : " (" + input.unit() + ")";
        if (input.gate() == null) {
            rows.add(withUnit(HEADER, unit));
            for (SubsectionResult r : input.result().worstFirst()) {
                rows.add(new String[] {r.key().section(), r.key().subsection(), Numbers.compact(r.baselineMedian()),
                    Numbers.compact(r.currentMedian()), Numbers.delta(r), Numbers.band(r), Numbers.p(r.pValue()),
                    Numbers.verdict(r), r.verdict() == Verdict.NO_CHANGE ? r.reason() : ""});
                verdicts.add(r.verdict());
            }
        } else {
            rows.add(withUnit(GATE_HEADER, unit));
            var seed = input.seedByKey();
            for (GateResult g : input.gate().worstFirst()) {
                SubsectionResult r = seed.get(g.key());
                rows.add(new String[] {g.key().section(), g.key().subsection(), Numbers.compact(r.baselineMedian()),
                    Numbers.compact(r.currentMedian()), Numbers.gateChange(g), Numbers.gateInterval(g),
                    Numbers.gateMdc(g), Numbers.gateVerdict(g), Numbers.delta(r), Numbers.verdict(r)});
                verdicts.add(g.verdict());
            }
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            String row = formatRow(rows.get(i), widths, input.gate() == null ? SEED_NUMERIC : GATE_NUMERIC);
            line(out, row.stripTrailing(), i == 0 ? Verdict.NO_CHANGE : verdicts.get(i - 1));
        }
        for (var key : input.result().missingInCurrent()) {
            line(out, "MISSING " + key + ": in the baseline but not in the current data", Verdict.REGRESSION);
        }
        for (var key : input.result().newInCurrent()) {
            line(out, "NEW " + key + ": in the current data only, not compared", Verdict.NO_CHANGE);
        }
        Summary summary = input.result().summary();
        GateOutcome gate = input.gate();
        String verdict = input.failed() ? "FAILED" : "PASSED";
        Verdict colourOf = input.failed() ? Verdict.REGRESSION : Verdict.NO_CHANGE;
        if (gate == null) {
            line(out, (single ? verdict + ": " : "") + summary.oneLine(), colourOf);
        } else {
            line(out, (single ? verdict + " (gate): " : "gate: ") + gate.oneLine(), colourOf);
            line(out, "seed rule: " + summary.oneLine(), Verdict.NO_CHANGE);
        }
    }

    /** The header with the unit after the median columns. */
    private static String[] withUnit(String[] header, String unit) {
        String[] named = header.clone();
        named[2] += unit;
        named[3] += unit;
        return named;
    }

    /**
     * One line of the report. Names come from input files: a newline or escape sequence in one must
     * not forge a line ({@code PASSED}, a CI annotation such as {@code ::error::}) or recolour the
     * terminal, so every line is made printable before it is painted.
     */
    private void line(Appendable out, String text, Verdict verdict) throws IOException {
        out.append(paint(Printable.of(text), verdict)).append('\n');
    }

    private static String formatRow(String[] row, int[] widths, boolean[] numericColumns) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            boolean numeric = numericColumns[c];
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
