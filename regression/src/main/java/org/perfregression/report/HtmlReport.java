package org.perfregression.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.perfregression.check.CheckResult;
import org.perfregression.check.Direction;
import org.perfregression.check.SubsectionResult;
import org.perfregression.check.Verdict;
import org.perfregression.data.Samples;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.GateResult;

/**
 * One self-contained HTML file that works offline, built for looking:
 * <ol>
 *   <li>an overview: per benchmark a heat map of section by subsection (for the accessor suite, rank
 *       by configuration), each cell coloured by how far its change went relative to its noise band
 *       (red worse, green better) and marked by its verdict;</li>
 *   <li>the largest changes over all benchmarks;</li>
 *   <li>per benchmark a sortable table of every result;</li>
 *   <li>per subsection the baseline and current distributions on a real axis with ticks and the
 *       unit, both medians, the noise band and (with the gate) the minimum detectable change. Each
 *       side's histogram is scaled to its own peak and its samples are drawn as a rug, so that 6
 *       samples show as clearly as 30.</li>
 * </ol>
 * Plots are inline SVG drawn here; the only script sorts the tables. Every name is escaped. Past
 * {@link #MAX_PLOTS} subsections the rest are in the tables only, worst first, so that a huge
 * comparison still gives a file a browser can open.
 */
public final class HtmlReport implements Report {

    static final int MAX_PLOTS = 500;
    /** Rows of the "largest changes" table. */
    private static final int WORST = 20;
    private static final int BINS = 40;
    private static final int WIDTH = 760;
    private static final int HEIGHT = 200;
    private static final int LEFT = 56;
    private static final int RIGHT = 20;
    private static final int AXIS = 36;
    /** The heat map's strongest colours: a change twice its band or more. */
    static final String WORSE = "#c62828";
    static final String BETTER = "#2e7d32";

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
            h1{font-size:1.4em}.failed{color:#b00020}.passed{color:#1b5e20}
            .note{background:#fff3cd;border:1px solid #e0c36a;padding:.5em 1em;margin:.5em 0}
            table{border-collapse:collapse;font-size:.9em}th,td{padding:.25em .6em;border-bottom:1px solid #ddd}
            table.results th{cursor:pointer;background:#f4f4f4;position:sticky;top:0}td.n{text-align:right;font-variant-numeric:tabular-nums}
            tr.regression td{background:#fde7e9}tr.improvement td{background:#e8f5e9}
            table.heat td,table.heat th{border:1px solid #fff;padding:0;font-size:.75em}
            table.heat td a{display:block;width:3.6em;height:2.2em;line-height:2.2em;text-align:center;color:#111;text-decoration:none}
            table.heat td.regression a{outline:3px solid #7f0000;outline-offset:-3px;font-weight:bold}
            table.heat td.improvement a{outline:3px solid #1b5e20;outline-offset:-3px;font-weight:bold}
            table.heat th.col{writing-mode:vertical-rl;transform:rotate(180deg);height:6.5em;text-align:left;font-weight:normal}
            table.heat th.row{text-align:right;padding-right:.5em;font-weight:normal}
            .heatmaps{display:flex;flex-wrap:wrap;gap:2em}.scale span{display:inline-block;width:2.4em;text-align:center;font-size:.75em}
            section.plot{margin:1.5em 0}svg.dist{background:#fafafa;border:1px solid #ddd;width:100%;max-width:900px;height:auto}
            .legend span{display:inline-block;margin-right:1.2em}.sw{display:inline-block;width:.9em;height:.9em;vertical-align:middle;margin-right:.3em}
            """;

    private static final String SCRIPT = """
            (function(){
              var tables=document.querySelectorAll('table.results');
              Array.prototype.forEach.call(tables,function(table){
                var headers=table.tHead.rows[0].cells;
                for (var i=0;i<headers.length;i++){(function(col){
                  headers[col].addEventListener('click',function(){
                    var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
                    var asc=headers[col].getAttribute('data-dir')!=='asc';
                    rows.sort(function(a,b){
                      var x=a.cells[col].getAttribute('data-v')||a.cells[col].textContent;
                      var y=b.cells[col].getAttribute('data-v')||b.cells[col].textContent;
                      var nx=parseFloat(x),ny=parseFloat(y);
                      var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y);
                      return asc?c:-c;});
                    rows.forEach(function(r){body.appendChild(r);});
                    headers[col].setAttribute('data-dir',asc?'asc':'desc');
                  });})(i);}
              });
              document.body.setAttribute('data-ready','yes');
            })();
            """;

    /** One subsection as the report places it: its benchmark, its results and the id of its plot. */
    private record Row(ReportInput input, SubsectionResult seed, GateResult gate, String plotId) {

        Verdict verdict() {
            return gate != null ? gate.verdict() : seed.verdict();
        }

        /** How far the change went, signed: positive worse, in noise bands (the gate: in detectable changes). */
        double tone() {
            double change = gate != null ? gate.changePct() : seed.deltaMedianPct();
            double scale = gate != null ? gate.mdcPct() : seed.noiseBandPct();
            if (!Double.isFinite(change)) {
                return 0;
            }
            double size = Double.isFinite(scale) && scale > 0 ? change / scale : Math.signum(change);
            return input.result().direction() == Direction.LOWER_IS_BETTER ? size : -size;
        }

        String changeText() {
            return gate != null ? Numbers.gateChange(gate) : Numbers.delta(seed);
        }

        /** The change as a heat map cell holds it: {@code +4.2}, {@code +25}; the full figure is in its title. */
        String cellText() {
            double change = gate != null ? gate.changePct() : seed.deltaMedianPct();
            if (!Double.isFinite(change)) {
                return "n/a";
            }
            return String.format(Locale.ROOT, Math.abs(change) < 9.95 ? "%+.1f" : "%+.0f", change);
        }
    }

    @Override
    public void write(ReportSuite suite, Appendable out) throws IOException {
        String status = suite.failed() ? "failed" : "passed";
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"perf-regression-schema-version\" content=\"" + JsonReport.SCHEMA_VERSION + "\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'\">")
                .append("<title>Performance check: ").append(status).append("</title><style>").append(STYLE)
                .append("</style></head>\n<body>\n<h1 class=\"").append(status).append("\">Performance check: ")
                .append(status.toUpperCase(Locale.ROOT)).append("</h1>\n");
        for (String note : suite.allNotes()) {
            out.append("<p class=\"note\"><strong>Note:</strong> ").append(Escape.xml(note)).append("</p>\n");
        }
        out.append("<p>").append(Escape.xml(suite.summaryLine())).append("</p>\n");

        Map<ReportInput, List<Row>> rows = rows(suite);
        overview(out, suite, rows);
        worst(out, rows);
        for (ReportInput input : suite.benchmarks()) {
            table(out, input, rows.get(input), suite.single());
        }
        plots(out, suite, rows);
        out.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
    }

    /** Every benchmark's rows worst first; the first {@link #MAX_PLOTS} over all benchmarks get a plot. */
    private static Map<ReportInput, List<Row>> rows(ReportSuite suite) {
        Map<ReportInput, List<Row>> rows = new LinkedHashMap<>();
        int plotted = 0;
        for (int b = 0; b < suite.benchmarks().size(); b++) {
            ReportInput input = suite.benchmarks().get(b);
            var gates = input.gateByKey();
            List<Row> list = new ArrayList<>();
            for (SubsectionResult r : input.result().worstFirst()) {
                list.add(new Row(input, r, gates.get(r.key()), plotted < MAX_PLOTS ? "plot-" + b + "-" + list.size() : null));
                plotted += plotted < MAX_PLOTS ? 1 : 0;
            }
            if (input.gate() != null) {
                list.sort(Comparator.comparingInt((Row r) -> r.verdict().ordinal())
                        .thenComparing(Comparator.comparingDouble((Row r) -> Math.abs(r.tone())).reversed()));
            }
            rows.put(input, list);
        }
        return rows;
    }

    /** A heat map per benchmark: sections down, subsections across, coloured by tone, marked by verdict. */
    private static void overview(Appendable out, ReportSuite suite, Map<ReportInput, List<Row>> rows) throws IOException {
        out.append("<section id=\"overview\"><h2>Overview</h2>\n<p class=\"scale\">colour: the change in noise bands ")
                .append("(with the gate: in minimum detectable changes) &nbsp;");
        for (double t = -2; t <= 2.001; t += 0.5) {
            out.append("<span style=\"background:").append(colour(t)).append("\">")
                    .append(t == 0 ? "0" : String.format(Locale.ROOT, "%+.1f", t)).append("</span>");
        }
        out.append(" &nbsp;worse &#8594; red, better &#8594; green; framed: a verdict</p>\n<div class=\"heatmaps\">\n");
        for (ReportInput input : suite.benchmarks()) {
            List<String> sections = new ArrayList<>();
            List<String> subsections = new ArrayList<>();
            Map<SubsectionKey, Row> byKey = new LinkedHashMap<>();
            for (SubsectionResult r : input.result().results()) {
                if (!sections.contains(r.key().section())) {
                    sections.add(r.key().section());
                }
                if (!subsections.contains(r.key().subsection())) {
                    subsections.add(r.key().subsection());
                }
            }
            rows.get(input).forEach(r -> byKey.put(r.seed().key(), r));
            String prefix = commonPrefix(subsections);
            out.append("<div class=\"heatmap\"><h3>").append(Escape.xml(input.benchmark())).append(": ")
                    .append(input.failed() ? "FAILED" : "passed").append(" <small>(")
                    .append(Escape.xml(input.scale())).append(")</small></h3>\n")
                    .append(prefix.isEmpty() ? "" : "<p><small>columns: " + Escape.xml(prefix) + "&hellip;</small></p>\n")
                    .append("<table class=\"heat\"><thead><tr><th></th>");
            for (String subsection : subsections) {
                out.append("<th class=\"col\" title=\"").append(Escape.xml(subsection)).append("\">")
                        .append(Escape.xml(shorten(subsection.substring(prefix.length())))).append("</th>");
            }
            out.append("</tr></thead><tbody>\n");
            for (String section : sections) {
                out.append("<tr><th class=\"row\">").append(Escape.xml(section)).append("</th>");
                for (String subsection : subsections) {
                    Row row = byKey.get(new SubsectionKey(section, subsection));
                    if (row == null) {
                        out.append("<td></td>");
                        continue;
                    }
                    String title = section + "." + subsection + ": " + row.changeText() + "% ("
                            + row.verdict().id().replace('_', ' ') + ")";
                    out.append("<td class=\"").append(row.verdict().id()).append("\" style=\"background:")
                            .append(colour(row.tone())).append("\" title=\"").append(Escape.xml(title)).append("\"><a")
                            .append(row.plotId() == null ? "" : " href=\"#" + row.plotId() + "\"").append(">")
                            .append(Escape.xml(row.cellText())).append("</a></td>");
                }
                out.append("</tr>\n");
            }
            out.append("</tbody></table></div>\n");
        }
        out.append("</div></section>\n");
    }

    /** What every name of a heat map's columns starts with (when there are several and it is worth saying). */
    private static String commonPrefix(List<String> names) {
        if (names.size() < 2) {
            return "";
        }
        String prefix = names.get(0);
        for (String name : names) {
            int i = 0;
            while (i < Math.min(prefix.length(), name.length()) && prefix.charAt(i) == name.charAt(i)) {
                i++;
            }
            prefix = prefix.substring(0, i);
        }
        return prefix.length() >= 4 ? prefix : "";
    }

    /** Long configuration names keep their distinguishing tail. */
    private static String shorten(String name) {
        return name.length() <= 14 ? name : "\u2026" + name.substring(name.length() - 12);
    }

    /** White at no change, to {@link #WORSE} or {@link #BETTER} at two bands or more. */
    static String colour(double tone) {
        double t = Math.min(1, Math.abs(tone) / 2);
        int target = Integer.parseInt((tone > 0 ? WORSE : BETTER).substring(1), 16);
        int r = mix(255, target >> 16 & 0xFF, t);
        int g = mix(255, target >> 8 & 0xFF, t);
        int b = mix(255, target & 0xFF, t);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    private static int mix(int from, int to, double t) {
        return (int) Math.round(from + (to - from) * t);
    }

    private static void worst(Appendable out, Map<ReportInput, List<Row>> rows) throws IOException {
        List<Row> all = new ArrayList<>();
        rows.values().forEach(all::addAll);
        all.sort(Comparator.comparingInt((Row r) -> r.verdict() == Verdict.NO_CHANGE ? 1 : 0)
                .thenComparing(Comparator.comparingDouble((Row r) -> Math.abs(r.tone())).reversed()));
        out.append("<section id=\"worst\"><h2>Largest changes</h2>\n<table><thead><tr><th>benchmark</th><th>section</th>")
                .append("<th>subsection</th><th>baseline median</th><th>current median</th><th>change %</th>")
                .append("<th>verdict</th><th>why</th></tr></thead><tbody>\n");
        for (Row row : all.subList(0, Math.min(WORST, all.size()))) {
            SubsectionResult r = row.seed();
            String unit = row.input().unit() == null ? "" : " " + row.input().unit();
            out.append("<tr class=\"").append(row.verdict().id()).append("\"><td>").append(Escape.xml(row.input().benchmark()))
                    .append("</td><td>").append(Escape.xml(r.key().section())).append("</td><td>")
                    .append(row.plotId() == null ? Escape.xml(r.key().subsection())
                            : "<a href=\"#" + row.plotId() + "\">" + Escape.xml(r.key().subsection()) + "</a>")
                    .append("</td><td class=\"n\">").append(Escape.xml(Numbers.compact(r.baselineMedian()) + unit))
                    .append("</td><td class=\"n\">").append(Escape.xml(Numbers.compact(r.currentMedian()) + unit))
                    .append("</td><td class=\"n\">").append(Escape.xml(row.changeText())).append("</td><td>")
                    .append(Escape.xml(row.gate() != null ? Numbers.gateVerdict(row.gate()) : Numbers.verdict(r)))
                    .append("</td><td>").append(Escape.xml(row.gate() != null ? row.gate().message() : r.reason()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table></section>\n");
    }

    private static void table(Appendable out, ReportInput input, List<Row> rows, boolean single) throws IOException {
        CheckResult result = input.result();
        out.append("<section class=\"benchmark\"><h2>").append(Escape.xml(input.benchmark())).append(": ")
                .append(Escape.xml(input.summaryLine())).append("</h2>\n<p>")
                .append(input.gate() == null ? "" : "seed rule, for comparison: " + Escape.xml(result.summary().oneLine())
                        + "<br>")
                .append("baseline: <code>").append(Escape.xml(input.baselineName())).append("</code>, current: <code>")
                .append(Escape.xml(input.currentName())).append("</code><br>values in ")
                .append(Escape.xml(input.scale())).append("; rule: noise band at least ")
                .append(Escape.xml(Numbers.compact(result.rule().noiseThresholdPct()))).append("% and ")
                .append(Escape.xml(Numbers.compact(result.rule().madMultiplier()))).append(" baseline MADs, p &lt; ")
                .append(Escape.xml(Numbers.compact(result.rule().significanceLevel()))).append("</p>\n");
        for (String note : single ? List.<String>of() : input.notes()) {
            out.append("<p class=\"note\">").append(Escape.xml(note)).append("</p>\n");
        }
        missing(out, "Missing from current (fail the gate)", result.missingInCurrent());
        missing(out, "New in current (not compared)", result.newInCurrent());
        String unit = input.unit() == null ? "" : " (" + Escape.xml(input.unit()) + ")";
        out.append("<table class=\"results\"><thead><tr><th>section</th><th>subsection</th><th>baseline median")
                .append(unit).append("</th><th>current median").append(unit)
                .append("</th><th>delta %</th><th>band %</th><th>p</th><th>verdict</th><th>why</th>")
                .append(input.gate() == null ? "" : "<th>gate change %</th><th>detectable %</th><th>gate verdict</th>")
                .append("</tr></thead><tbody>\n");
        for (Row row : rows) {
            SubsectionResult r = row.seed();
            GateResult gate = row.gate();
            String name = Escape.xml(r.key().subsection());
            out.append("<tr class=\"").append(row.verdict().id()).append("\"><td>").append(Escape.xml(r.key().section()))
                    .append("</td><td>").append(row.plotId() != null ? "<a href=\"#" + row.plotId() + "\">" + name + "</a>" : name)
                    .append("</td>");
            numberCell(out, r.baselineMedian(), Numbers.compact(r.baselineMedian()));
            numberCell(out, r.currentMedian(), Numbers.compact(r.currentMedian()));
            numberCell(out, r.deltaMedianPct(), Numbers.delta(r));
            numberCell(out, r.noiseBandPct(), Numbers.band(r));
            numberCell(out, r.pValue(), Numbers.p(r.pValue()));
            out.append("<td>").append(Numbers.verdict(r)).append("</td><td>")
                    .append(r.verdict() == Verdict.NO_CHANGE ? Escape.xml(r.reason()) : "").append("</td>");
            if (gate != null) {
                numberCell(out, gate.changePct(), Numbers.gateChange(gate));
                numberCell(out, gate.mdcPct(), Numbers.gateMdc(gate));
                out.append("<td>").append(Escape.xml(Numbers.gateVerdict(gate))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table></section>\n");
    }

    private static void plots(Appendable out, ReportSuite suite, Map<ReportInput, List<Row>> rows) throws IOException {
        out.append("<h2>Distributions</h2>\n<p class=\"legend\"><span><i class=\"sw\" style=\"background:#1f77b4\"></i>")
                .append("baseline (above the axis)</span><span><i class=\"sw\" style=\"background:#ff7f0e\"></i>current ")
                .append("(below)</span><span><i class=\"sw\" style=\"background:#2ca02c;opacity:.25\"></i>noise band ")
                .append("around the baseline median</span><span><i class=\"sw\" style=\"border:1px dashed #6a1b9a\"></i>")
                .append("minimum detectable change (gate)</span>solid lines: medians; each side's histogram is scaled to ")
                .append("its own peak, its samples are the ticks along its edge</p>\n");
        int total = 0;
        int plotted = 0;
        for (ReportInput input : suite.benchmarks()) {
            for (Row row : rows.get(input)) {
                total++;
                if (row.plotId() == null) {
                    continue;
                }
                plotted++;
                SubsectionResult r = row.seed();
                out.append("<section class=\"plot\" id=\"").append(row.plotId()).append("\"><h3>")
                        .append(Escape.xml(input.benchmark() + " " + r.key())).append("</h3><p>")
                        .append(Escape.xml(row.gate() != null ? row.gate().message() + "; seed rule: " + r.message()
                                : r.message() + (r.verdict() == Verdict.NO_CHANGE ? ": " + r.reason() : "")))
                        .append("</p>\n");
                plot(out, input, r, row.gate(), input.baseline().samples(r.key()), input.current().samples(r.key()));
                out.append("</section>\n");
            }
        }
        if (total > plotted) {
            out.append("<p>").append(String.valueOf(total - plotted))
                    .append(" more subsections without a plot (see the tables).</p>\n");
        }
    }

    private static void numberCell(Appendable out, double value, String text) throws IOException {
        out.append("<td class=\"n\" data-v=\"").append(Double.isFinite(value) ? Double.toString(value) : "")
                .append("\">").append(Escape.xml(text)).append("</td>");
    }

    private static void missing(Appendable out, String title, List<SubsectionKey> keys) throws IOException {
        if (keys.isEmpty()) {
            return;
        }
        out.append("<h3>").append(title).append("</h3><ul>");
        for (SubsectionKey key : keys) {
            out.append("<li>").append(Escape.xml(key.toString())).append("</li>");
        }
        out.append("</ul>\n");
    }

    /**
     * Mirrored histograms over a common axis that spans the middle 90 % of both samples, both medians,
     * the band and the detectable change, with a margin; the few samples beyond (timing outliers) count
     * in the edge bins, so that one slow iteration does not squeeze the distribution into one bar.
     */
    private static void plot(Appendable out, ReportInput input, SubsectionResult r, GateResult gate, Samples baseline,
            Samples current) throws IOException {
        double[] b = baseline.sorted();
        double[] c = current.sorted();
        double median = r.baselineMedian();
        double bandLow = median * (1 - r.noiseBandPct() / 100);
        double bandHigh = median * (1 + r.noiseBandPct() / 100);
        boolean mdc = gate != null && Double.isFinite(gate.mdcPct());
        double mdcLow = mdc ? median * (1 - gate.mdcPct() / 100) : median;
        double mdcHigh = mdc ? median * (1 + gate.mdcPct() / 100) : median;
        double lo = min(quantile(b, 0.05), quantile(c, 0.05), bandLow, bandHigh, mdcLow, mdcHigh, median, r.currentMedian());
        double hi = max(quantile(b, 0.95), quantile(c, 0.95), bandLow, bandHigh, mdcLow, mdcHigh, median, r.currentMedian());
        if (!(hi > lo)) {
            hi = lo + Math.max(1e-9, Math.abs(lo) * 0.01);
        }
        double margin = (hi - lo) * 0.05;
        lo -= margin;
        hi += margin;
        int[] bh = histogram(b, lo, hi);
        int[] ch = histogram(c, lo, hi);
        double axisY = (HEIGHT - AXIS) / 2.0 + 4;
        double half = axisY - 14;
        double binWidth = (WIDTH - LEFT - RIGHT) / (double) BINS;
        out.append("<svg class=\"dist\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(String.valueOf(WIDTH))
                .append(" ").append(String.valueOf(HEIGHT)).append("\" role=\"img\" aria-label=\"")
                .append(Escape.xml(input.benchmark() + " " + r.key() + " distributions")).append("\">");
        double x0 = x(Math.min(bandLow, bandHigh), lo, hi);
        double x1 = x(Math.max(bandLow, bandHigh), lo, hi);
        out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"4\" width=\"%.1f\" height=\"%.1f\" fill=\"#2ca02c\" "
                + "opacity=\"0.18\"><title>noise band %s%%</title></rect>", x0, Math.max(1, x1 - x0), 2 * axisY - 8,
                Numbers.band(r)));
        if (mdc) {
            double m0 = x(Math.min(mdcLow, mdcHigh), lo, hi);
            double m1 = x(Math.max(mdcLow, mdcHigh), lo, hi);
            out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"2\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
                    + "stroke=\"#6a1b9a\" stroke-dasharray=\"4 3\"><title>minimum detectable change %s%%</title></rect>",
                    m0, Math.max(1, m1 - m0), 2 * axisY - 4, Numbers.gateMdc(gate)));
        }
        bars(out, bh, axisY, -half / peak(bh), binWidth, "#1f77b4");
        bars(out, ch, axisY, half / peak(ch), binWidth, "#ff7f0e");
        rug(out, b, lo, hi, 4, 9, "#1f77b4");
        rug(out, c, lo, hi, 2 * axisY - 9, 2 * axisY - 4, "#ff7f0e");
        out.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#888\"/>",
                LEFT, WIDTH - RIGHT, axisY, axisY));
        String unit = input.unit() == null ? "" : " " + input.unit();
        medianLine(out, x(median, lo, hi), 4, axisY, "#0b3c5d", "baseline median " + Numbers.compact(median) + unit);
        medianLine(out, x(r.currentMedian(), lo, hi), axisY, 2 * axisY - 4, "#a04000",
                "current median " + Numbers.compact(r.currentMedian()) + unit);
        text(out, 6, axisY - 4, "start", "n=" + b.length);
        text(out, 6, axisY + 14, "start", "n=" + c.length);
        axis(out, lo, hi, 2 * axisY + 2, input.unit());
        out.append("</svg>\n");
    }

    private static void bars(Appendable out, int[] counts, double axisY, double scale, double binWidth, String colour)
            throws IOException {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                double h = counts[i] * scale;
                out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"%s\"/>", LEFT + i * binWidth, h < 0 ? axisY + h : axisY, binWidth - 1, Math.abs(h), colour));
            }
        }
    }

    /** Each sample as a tick (at most 400, evenly chosen), so that small samples are seen one by one. */
    private static void rug(Appendable out, double[] sorted, double lo, double hi, double y1, double y2, String colour)
            throws IOException {
        int step = Math.max(1, sorted.length / 400);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < sorted.length; i += step) {
            path.append(String.format(Locale.ROOT, "M%.1f %.1fV%.1f", x(sorted[i], lo, hi), y1, y2));
        }
        out.append("<path d=\"").append(path).append("\" stroke=\"").append(colour).append("\" stroke-width=\"1\" ")
                .append("opacity=\"0.6\"/>");
    }

    /** An axis with 4 to 8 round ticks between {@code lo} and {@code hi}, labelled, and the unit at its end. */
    private static void axis(Appendable out, double lo, double hi, double y, String unit) throws IOException {
        out.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#444\"/>",
                LEFT, WIDTH - RIGHT, y, y));
        double step = tickStep(hi - lo);
        for (double t = Math.ceil(lo / step) * step; t <= hi; t += step) {
            double x = x(t, lo, hi);
            out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#444\"/>",
                    x, x, y, y + 5));
            text(out, x, y + 17, "middle", Numbers.compact(Math.abs(t) < step * 1e-9 ? 0 : t));
        }
        text(out, 6, y + 17, "start", unit == null ? "(no unit)" : unit);
    }

    /** 1, 2 or 5 times a power of ten, giving 4 to 8 ticks over {@code span}. */
    static double tickStep(double span) {
        double raw = span / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / power;
        return (fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10) * power;
    }

    private static void text(Appendable out, double x, double y, String anchor, String text) throws IOException {
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"%s\">", x, y,
                anchor)).append(Escape.xml(text)).append("</text>");
    }

    private static void medianLine(Appendable out, double x, double y1, double y2, String colour, String title)
            throws IOException {
        out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                + "stroke-width=\"2\"><title>%s</title></line>", x, x, y1, y2, colour, Escape.xml(title)));
    }

    private static double x(double value, double lo, double hi) {
        double clamped = Math.max(lo, Math.min(hi, value));
        return LEFT + (clamped - lo) / (hi - lo) * (WIDTH - LEFT - RIGHT);
    }

    private static int peak(int[] counts) {
        int peak = 1;
        for (int count : counts) {
            peak = Math.max(peak, count);
        }
        return peak;
    }

    /** Counts per bin; values beyond the axis fall into the edge bins. */
    private static int[] histogram(double[] sorted, double lo, double hi) {
        int[] counts = new int[BINS];
        for (double v : sorted) {
            int bin = (int) ((v - lo) / (hi - lo) * BINS);
            counts[Math.max(0, Math.min(BINS - 1, bin))]++;
        }
        return counts;
    }

    private static double quantile(double[] sorted, double q) {
        int index = (int) Math.round(q * (sorted.length - 1));
        return sorted.length == 0 ? 0 : sorted[index];
    }

    private static double min(double... values) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double max(double... values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
