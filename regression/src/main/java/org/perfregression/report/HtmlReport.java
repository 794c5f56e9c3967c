package org.perfregression.report;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.perfregression.check.CheckResult;
import org.perfregression.check.Summary;
import org.perfregression.check.SubsectionResult;
import org.perfregression.data.Samples;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.GateResult;

/**
 * One self-contained HTML file that works offline: the verdict, a sortable table, and for each
 * subsection a plot of the baseline and current distributions (mirrored histograms) with both
 * medians and the noise band. Plots are inline SVG drawn here; the only script sorts the table.
 * Every name is escaped. Past {@link #MAX_PLOTS} subsections the rest are in the table only, worst
 * first, so that a huge comparison still gives a file a browser can open.
 */
public final class HtmlReport implements Report {

    static final int MAX_PLOTS = 500;
    private static final int BINS = 40;
    private static final int WIDTH = 640;
    private static final int HEIGHT = 170;
    private static final int MARGIN = 40;

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em;color:#222}
            h1{font-size:1.4em}.failed{color:#b00020}.passed{color:#1b5e20}
            .note{background:#fff3cd;border:1px solid #e0c36a;padding:.5em 1em;margin:.5em 0}
            table{border-collapse:collapse;font-size:.9em}th,td{padding:.25em .6em;border-bottom:1px solid #ddd}
            th{cursor:pointer;background:#f4f4f4;position:sticky;top:0}td.n{text-align:right;font-variant-numeric:tabular-nums}
            tr.regression td{background:#fde7e9}tr.improvement td{background:#e8f5e9}
            section.plot{margin:1.5em 0}svg{background:#fafafa;border:1px solid #ddd}
            .legend span{display:inline-block;margin-right:1.2em}.sw{display:inline-block;width:.9em;height:.9em;vertical-align:middle;margin-right:.3em}
            """;

    private static final String SCRIPT = """
            (function(){
              var table=document.getElementById('results');
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
              document.body.setAttribute('data-ready','yes');
            })();
            """;

    @Override
    public void write(ReportInput input, Appendable out) throws IOException {
        CheckResult result = input.result();
        Summary summary = result.summary();
        String status = input.failed() ? "failed" : "passed";
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'\">")
                .append("<title>Performance check: ").append(status).append("</title><style>").append(STYLE)
                .append("</style></head>\n<body>\n<h1 class=\"").append(status).append("\">Performance check: ")
                .append(status.toUpperCase(Locale.ROOT)).append("</h1>\n");
        for (String note : input.notes()) {
            out.append("<p class=\"note\"><strong>Note:</strong> ").append(Escape.xml(note)).append("</p>\n");
        }
        out.append("<p>").append(Escape.xml(input.summaryLine()))
                .append(input.gate() == null ? "" : "<br>seed rule, for comparison: " + Escape.xml(summary.oneLine()))
                .append("<br>baseline: <code>")
                .append(Escape.xml(input.baselineName())).append("</code>, current: <code>")
                .append(Escape.xml(input.currentName())).append("</code><br>rule: noise band at least ")
                .append(Escape.xml(Numbers.compact(result.rule().noiseThresholdPct()))).append("% and ")
                .append(Escape.xml(Numbers.compact(result.rule().madMultiplier()))).append(" baseline MADs, p &lt; ")
                .append(Escape.xml(Numbers.compact(result.rule().significanceLevel()))).append(", ")
                .append(result.direction().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append("</p>\n");
        missing(out, "Missing from current (fail the gate)", result.missingInCurrent());
        missing(out, "New in current (not compared)", result.newInCurrent());

        List<SubsectionResult> ordered = result.worstFirst();
        var gates = input.gateByKey();
        out.append("<table id=\"results\"><thead><tr><th>section</th><th>subsection</th><th>baseline median</th>")
                .append("<th>current median</th><th>delta %</th><th>band %</th><th>p</th><th>verdict</th>")
                .append(input.gate() == null ? "" : "<th>gate change %</th><th>detectable %</th><th>gate verdict</th>")
                .append("</tr></thead><tbody>\n");
        for (int i = 0; i < ordered.size(); i++) {
            SubsectionResult r = ordered.get(i);
            GateResult gate = gates.get(r.key());
            String name = Escape.xml(r.key().subsection());
            out.append("<tr class=\"").append((gate != null ? gate.verdict() : r.verdict()).id()).append("\"><td>").append(Escape.xml(r.key().section()))
                    .append("</td><td>").append(i < MAX_PLOTS ? "<a href=\"#plot-" + i + "\">" + name + "</a>" : name)
                    .append("</td>");
            numberCell(out, r.baselineMedian(), Numbers.compact(r.baselineMedian()));
            numberCell(out, r.currentMedian(), Numbers.compact(r.currentMedian()));
            numberCell(out, r.deltaMedianPct(), Numbers.delta(r));
            numberCell(out, r.noiseBandPct(), Numbers.band(r));
            numberCell(out, r.pValue(), Numbers.p(r.pValue()));
            out.append("<td>").append(Numbers.verdict(r)).append("</td>");
            if (gate != null) {
                numberCell(out, gate.changePct(), Numbers.gateChange(gate));
                numberCell(out, gate.mdcPct(), Numbers.gateMdc(gate));
                out.append("<td>").append(Escape.xml(Numbers.gateVerdict(gate))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
        out.append("<h2>Distributions</h2>\n<p class=\"legend\"><span><i class=\"sw\" style=\"background:#1f77b4\"></i>")
                .append("baseline (above the axis)</span><span><i class=\"sw\" style=\"background:#ff7f0e\"></i>current ")
                .append("(below)</span><span><i class=\"sw\" style=\"background:#2ca02c;opacity:.25\"></i>noise band ")
                .append("around the baseline median</span>solid lines: medians</p>\n");
        int plots = Math.min(MAX_PLOTS, ordered.size());
        for (int i = 0; i < plots; i++) {
            SubsectionResult r = ordered.get(i);
            out.append("<section class=\"plot\" id=\"plot-").append(String.valueOf(i)).append("\"><h3>")
                    .append(Escape.xml(r.key().toString())).append("</h3><p>").append(Escape.xml(r.message()))
                    .append("</p>\n");
            plot(out, r, input.baseline().samples(r.key()), input.current().samples(r.key()));
            out.append("</section>\n");
        }
        if (ordered.size() > plots) {
            out.append("<p>").append(String.valueOf(ordered.size() - plots))
                    .append(" more subsections without a plot (see the table).</p>\n");
        }
        out.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
    }

    private static void numberCell(Appendable out, double value, String text) throws IOException {
        out.append("<td class=\"n\" data-v=\"").append(Double.isFinite(value) ? Double.toString(value) : "")
                .append("\">").append(Escape.xml(text)).append("</td>");
    }

    private static void missing(Appendable out, String title, List<SubsectionKey> keys) throws IOException {
        if (keys.isEmpty()) {
            return;
        }
        out.append("<h2>").append(title).append("</h2><ul>");
        for (SubsectionKey key : keys) {
            out.append("<li>").append(Escape.xml(key.toString())).append("</li>");
        }
        out.append("</ul>\n");
    }

    /**
     * Mirrored histograms over a common axis that spans the middle 90 % of both samples, both medians
     * and the band, with a margin; the few samples beyond (timing outliers) count in the edge bins,
     * so that one slow iteration does not squeeze the whole distribution into a single bar.
     */
    private static void plot(Appendable out, SubsectionResult r, Samples baseline, Samples current) throws IOException {
        double[] b = baseline.sorted();
        double[] c = current.sorted();
        double bandLow = r.baselineMedian() * (1 - r.noiseBandPct() / 100);
        double bandHigh = r.baselineMedian() * (1 + r.noiseBandPct() / 100);
        double lo = Math.min(Math.min(quantile(b, 0.05), quantile(c, 0.05)), Math.min(bandLow, bandHigh));
        double hi = Math.max(Math.max(quantile(b, 0.95), quantile(c, 0.95)), Math.max(bandLow, bandHigh));
        lo = Math.min(lo, Math.min(r.baselineMedian(), r.currentMedian()));
        hi = Math.max(hi, Math.max(r.baselineMedian(), r.currentMedian()));
        if (!(hi > lo)) {
            hi = lo + Math.max(1e-9, Math.abs(lo) * 0.01);
        }
        double margin = (hi - lo) * 0.05;
        lo -= margin;
        hi += margin;
        int[] bh = histogram(b, lo, hi);
        int[] ch = histogram(c, lo, hi);
        int peak = 1;
        for (int i = 0; i < BINS; i++) {
            peak = Math.max(peak, Math.max(bh[i], ch[i]));
        }
        double axisY = HEIGHT / 2.0;
        double plotWidth = WIDTH - 2.0 * MARGIN;
        double binWidth = plotWidth / BINS;
        double scale = (axisY - 12) / peak;
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(String.valueOf(WIDTH))
                .append("\" height=\"").append(String.valueOf(HEIGHT + 20)).append("\" role=\"img\" aria-label=\"")
                .append(Escape.xml(r.key() + " distributions")).append("\">");
        double x0 = x(Math.min(bandLow, bandHigh), lo, hi);
        double x1 = x(Math.max(bandLow, bandHigh), lo, hi);
        out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"4\" width=\"%.1f\" height=\"%d\" fill=\"#2ca02c\" "
                + "opacity=\"0.18\"><title>noise band</title></rect>", x0, Math.max(1, x1 - x0), HEIGHT - 8));
        for (int i = 0; i < BINS; i++) {
            double x = MARGIN + i * binWidth;
            if (bh[i] > 0) {
                out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"#1f77b4\"/>", x, axisY - bh[i] * scale, binWidth - 1, bh[i] * scale));
            }
            if (ch[i] > 0) {
                out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"#ff7f0e\"/>", x, axisY, binWidth - 1, ch[i] * scale));
            }
        }
        out.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#444\"/>",
                MARGIN, WIDTH - MARGIN, axisY, axisY));
        medianLine(out, x(r.baselineMedian(), lo, hi), 4, axisY, "#0b3c5d", "baseline median " + Numbers.compact(r.baselineMedian()));
        medianLine(out, x(r.currentMedian(), lo, hi), axisY, HEIGHT - 4, "#a04000", "current median " + Numbers.compact(r.currentMedian()));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">&#8804; %s</text>", MARGIN,
                HEIGHT + 14, Escape.xml(Numbers.compact(lo))));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">&#8805; %s"
                + "</text>", WIDTH - MARGIN, HEIGHT + 14, Escape.xml(Numbers.compact(hi))));
        out.append("</svg>\n");
    }

    private static void medianLine(Appendable out, double x, double y1, double y2, String colour, String title)
            throws IOException {
        out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                + "stroke-width=\"2\"><title>%s</title></line>", x, x, y1, y2, colour, Escape.xml(title)));
    }

    private static double x(double value, double lo, double hi) {
        double clamped = Math.max(lo, Math.min(hi, value));
        return MARGIN + (clamped - lo) / (hi - lo) * (WIDTH - 2.0 * MARGIN);
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
}
