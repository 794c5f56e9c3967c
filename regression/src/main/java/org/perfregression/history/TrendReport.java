package org.perfregression.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.perfregression.report.Escape;
import org.perfregression.stats.SampleStatistics;

/**
 * A history to look at: per machine and benchmark, each subsection's level over its runs with its
 * change points marked. The levels are the ones the change-point search reads (each run's fastest
 * fork, the run's shift taken out), shown in percent of the subsection's median over its runs; the
 * run shifts themselves come first, as the series {@link HistoryChanges#SUITE}.
 *
 * <p>HTML: one offline file, a line per subsection drawn as inline SVG, change points as red
 * (slower) or green (faster) marks whose title names the commit, the change and its confidence
 * interval; pointing at a line shows the run, commit, time and level there. Subsections with
 * change points first, most recent first. Markdown, for a job summary: the change points and a
 * sparkline of each subsection that has one.
 */
public final class TrendReport {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 64;
    private static final int PAD = 6;
    private static final String SLOWER = "#c62828";
    private static final String FASTER = "#2e7d32";
    private static final String LINE = "#1f77b4";

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
            h1{font-size:1.4em}h2{font-size:1.2em;margin-top:2em}h3{font-size:1.05em}
            table{border-collapse:collapse;font-size:.85em}td{padding:.2em .6em;border-bottom:1px solid #eee;vertical-align:middle;white-space:nowrap}
            td.n{text-align:right;font-variant-numeric:tabular-nums}.slower{color:#c62828}.faster{color:#2e7d32}
            svg.trend{background:#fafafa;border:1px solid #ddd;cursor:crosshair}
            #tip{position:fixed;display:none;background:#222;color:#fff;padding:.3em .6em;font-size:.8em;border-radius:3px;pointer-events:none}
            """;

    private static final String SCRIPT = """
            (function(){
              var runs=JSON.parse(document.getElementById('runs').textContent);
              var tip=document.getElementById('tip');
              function show(svg,x,y){
                var ids=svg.getAttribute('data-ids').split(','),pct=svg.getAttribute('data-pct').split(',');
                var box=svg.getBoundingClientRect(),w=+svg.getAttribute('width');
                var x0=+svg.getAttribute('data-x0'),x1=+svg.getAttribute('data-x1');
                var fx=(x-box.left)*w/box.width;
                var i=ids.length<2?0:Math.round((fx-x0)/(x1-x0)*(ids.length-1));
                i=Math.max(0,Math.min(ids.length-1,i));
                var r=runs[ids[i]];
                var text='run #'+ids[i]+' \\u00b7 '+r[0]+' \\u00b7 '+r[1]+' \\u00b7 '+pct[i]+' %';
                tip.textContent=text;tip.style.left=(x+12)+'px';tip.style.top=(y+12)+'px';tip.style.display='block';
                svg.setAttribute('data-hover',text);
              }
              Array.prototype.forEach.call(document.querySelectorAll('svg.trend'),function(svg){
                svg.addEventListener('mousemove',function(e){show(svg,e.clientX,e.clientY);});
                svg.addEventListener('mouseleave',function(){tip.style.display='none';});
              });
              if(location.hash==='#selftest'){
                var svg=document.querySelector('svg.trend');
                if(svg){var b=svg.getBoundingClientRect();show(svg,b.right-1,b.top+2);}
              }
              document.body.setAttribute('data-ready','yes');
            })();
            """;

    /** One series as drawn: its runs, its level in percent of its median in each, its change points. */
    record Trend(HistoryStore.Series series, String unit, long[] runIds, double[] pct,
            List<HistoryChanges.Change> changes) {

        Instant lastChange() {
            return changes.stream().map(HistoryChanges.Change::time).max(Comparator.naturalOrder()).orElse(Instant.MIN);
        }
    }

    private final HistoryChanges.Histories histories;
    private final List<HistoryChanges.Change> changes;

    TrendReport(HistoryChanges.Histories histories, List<HistoryChanges.Change> changes) {
        this.histories = histories;
        this.changes = List.copyOf(changes);
    }

    /** The trends of {@code store}, its change points brought up to date first (as {@code history changes}). */
    public static TrendReport of(HistoryStore store) {
        HistoryChanges.Histories histories = HistoryChanges.histories(store);
        return new TrendReport(histories, HistoryChanges.analyse(store, ChangePointDetector.withDefaults(), histories));
    }

    /** Every series, per machine: the run shifts first, then by benchmark, changed subsections first. */
    List<Trend> trends() {
        Map<HistoryStore.Series, List<HistoryChanges.Change>> bySeries = new HashMap<>();
        for (HistoryChanges.Change c : changes) {
            bySeries.computeIfAbsent(new HistoryStore.Series(c.machine(), c.benchmark(), c.key()), s -> new ArrayList<>())
                    .add(c);
        }
        List<Trend> trends = new ArrayList<>();
        histories.ids().forEach((series, ids) -> {
            double[] values = histories.values().get(series);
            boolean shift = series.benchmark().equals(HistoryChanges.SUITE);
            double center = shift ? 0 : SampleStatistics.median(values);
            double[] pct = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                pct[i] = 100 * Math.expm1(values[i] - center);
            }
            trends.add(new Trend(series, histories.units().get(series), ids, pct,
                    bySeries.getOrDefault(series, List.of())));
        });
        trends.sort(Comparator.comparing((Trend t) -> t.series().machine())
                .thenComparing(t -> !t.series().benchmark().equals(HistoryChanges.SUITE))
                .thenComparing(t -> t.series().benchmark())
                .thenComparing(t -> t.changes().isEmpty())
                .thenComparing(Trend::lastChange, Comparator.reverseOrder()));
        return trends;
    }

    /** The HTML page. */
    public void html(Appendable out) throws IOException {
        List<Trend> trends = trends();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'\">")
                .append("<title>Performance history</title><style>").append(STYLE).append("</style></head>\n<body>\n")
                .append("<h1>Performance history</h1>\n<p>").append(Escape.xml(headline())).append("</p>\n")
                .append("<p>Each line is one subsection's level per run in percent of its median over the runs (the "
                        + "run's fastest fork, the run's shift taken out: what the change-point search reads); red marks "
                        + "a change point to slower, green to faster. Point at a line for the run and its commit.</p>\n")
                .append("<div id=\"tip\"></div>\n");
        String machine = null;
        String benchmark = null;
        for (Trend trend : trends) {
            if (!trend.series().machine().equals(machine)) {
                if (benchmark != null) {
                    out.append("</table>\n");
                }
                machine = trend.series().machine();
                benchmark = null;
                out.append("<h2>").append(Escape.xml(machine)).append("</h2>\n");
            }
            if (!trend.series().benchmark().equals(benchmark)) {
                if (benchmark != null) {
                    out.append("</table>\n");
                }
                benchmark = trend.series().benchmark();
                out.append("<h3>").append(Escape.xml(benchmark.equals(HistoryChanges.SUITE)
                        ? "run shifts (every subsection of a run, median)" : benchmark)).append("</h3>\n<table>\n");
            }
            row(out, trend);
        }
        if (benchmark != null) {
            out.append("</table>\n");
        }
        out.append("<script type=\"application/json\" id=\"runs\">").append(runsJson()).append("</script>\n")
                .append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
    }

    private String headline() {
        long machines = histories.runs().stream().map(HistoryStore.StoredRun::machine).distinct().count();
        long slower = changes.stream().filter(HistoryChanges.Change::regression).count();
        return histories.runs().size() + " run" + (histories.runs().size() == 1 ? "" : "s") + " on " + machines
                + " machine" + (machines == 1 ? "" : "s") + "; " + changes.size() + " change point"
                + (changes.size() == 1 ? "" : "s") + " (" + slower + " slower, " + (changes.size() - slower) + " faster)";
    }

    private static void row(Appendable out, Trend trend) throws IOException {
        out.append("<tr><td>").append(Escape.xml(trend.series().key().section())).append("</td><td>")
                .append(Escape.xml(trend.series().key().subsection())).append("</td><td class=\"n\">")
                .append(String.valueOf(trend.runIds().length)).append(" runs</td><td class=\"n\" title=\"lowest and "
                        + "highest level, in % of the median\">")
                .append(String.format(Locale.ROOT, "%+.1f..%+.1f %%", java.util.Arrays.stream(trend.pct()).min().orElse(0),
                        java.util.Arrays.stream(trend.pct()).max().orElse(0)))
                .append("</td><td>");
        svg(out, trend);
        out.append("</td><td>");
        for (HistoryChanges.Change c : trend.changes()) {
            out.append("<div class=\"").append(c.regression() ? "slower" : "faster").append("\">")
                    .append(String.format(Locale.ROOT, "%+.1f %%", c.changePct())).append(" at ")
                    .append(Escape.xml(shortCommit(c.commit()))).append("</div>");
        }
        out.append("</td></tr>\n");
    }

    private static void svg(Appendable out, Trend trend) throws IOException {
        double[] pct = trend.pct();
        double low = Math.min(-2, java.util.Arrays.stream(pct).min().orElse(0));
        double high = Math.max(2, java.util.Arrays.stream(pct).max().orElse(0));
        int x0 = PAD;
        int x1 = WIDTH - PAD;
        StringBuilder ids = new StringBuilder();
        StringBuilder values = new StringBuilder();
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < pct.length; i++) {
            ids.append(i == 0 ? "" : ",").append(trend.runIds()[i]);
            values.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%+.1f", pct[i]));
            points.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x(i, pct.length, x0, x1),
                    y(pct[i], low, high)));
        }
        out.append("<svg class=\"trend\" width=\"").append(String.valueOf(WIDTH)).append("\" height=\"")
                .append(String.valueOf(HEIGHT)).append("\" viewBox=\"0 0 ").append(String.valueOf(WIDTH)).append(' ')
                .append(String.valueOf(HEIGHT)).append("\" data-x0=\"").append(String.valueOf(x0)).append("\" data-x1=\"")
                .append(String.valueOf(x1)).append("\" data-ids=\"").append(ids).append("\" data-pct=\"").append(values)
                .append("\" role=\"img\" aria-label=\"").append(Escape.xml(trend.series().key().subsection()))
                .append("\">");
        double zero = y(0, low, high);
        out.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#bbb\" "
                + "stroke-dasharray=\"3,3\"/>", x0, x1, zero, zero));
        out.append("<polyline fill=\"none\" stroke=\"").append(LINE).append("\" stroke-width=\"1.5\" points=\"")
                .append(points).append("\"/>");
        for (HistoryChanges.Change c : trend.changes()) {
            int at = indexOf(trend.runIds(), c.runId());
            if (at < 0) {
                continue;
            }
            double x = x(at, pct.length, x0, x1);
            String colour = c.regression() ? SLOWER : FASTER;
            out.append(String.format(Locale.ROOT, "<g><title>%s</title><line x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%d\" "
                    + "stroke=\"%s\" stroke-width=\"3\"/><circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/></g>",
                    Escape.xml(String.format(Locale.ROOT, "%s: %+.1f %% (95 %% CI %+.1f to %+.1f %%) from commit %s, run "
                            + "#%d, %s", c.regression() ? "slower" : "faster", c.changePct(), c.lowPct(), c.highPct(),
                            c.commit(), c.runId(), c.time())),
                    x, x, HEIGHT, colour, x, y(pct[at], low, high), colour));
        }
        out.append("</svg>");
    }

    private static double x(int i, int n, int x0, int x1) {
        return n < 2 ? (x0 + x1) / 2.0 : x0 + (double) i * (x1 - x0) / (n - 1);
    }

    private static double y(double pct, double low, double high) {
        return HEIGHT - PAD - (pct - low) / (high - low) * (HEIGHT - 2 * PAD);
    }

    private static int indexOf(long[] ids, long id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }

    private static String shortCommit(String commit) {
        return commit.matches("[0-9a-f]{40}") ? commit.substring(0, 10) : commit;
    }

    /** {@code {runId: [commit, time]}}, safe inside a script element. */
    private String runsJson() {
        Map<String, List<String>> runs = new LinkedHashMap<>();
        histories.runs().forEach(r -> runs.put(String.valueOf(r.id()), List.of(r.commit(), r.time().toString())));
        try {
            return new ObjectMapper().writeValueAsString(runs).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings always serialize", e);
        }
    }

    /** Markdown for a job summary: the change points, and a sparkline of each subsection that has one. */
    public void markdown(Appendable out) throws IOException {
        out.append("## Performance history\n\n").append(headline()).append("\n\n")
                .append(ChangeListing.MARKDOWN.render(changes));
        List<Trend> changed = trends().stream().filter(t -> !t.changes().isEmpty()).toList();
        if (changed.isEmpty()) {
            return;
        }
        out.append("\n### Levels of the subsections that changed\n\n| benchmark | section | subsection | machine | runs "
                + "| level over runs |\n|---|---|---|---|--:|---|\n");
        for (Trend t : changed) {
            out.append("| ").append(Escape.markdown(t.series().benchmark())).append(" | ")
                    .append(Escape.markdown(t.series().key().section())).append(" | ")
                    .append(Escape.markdown(t.series().key().subsection())).append(" | ")
                    .append(Escape.markdown(t.series().machine())).append(" | ")
                    .append(String.valueOf(t.runIds().length)).append(" | ").append(sparkline(t.pct(), 60))
                    .append(" |\n");
        }
    }

    private static final String BARS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";

    /** The levels as block characters, at most {@code width} (runs averaged into buckets beyond that). */
    static String sparkline(double[] pct, int width) {
        int n = Math.min(width, pct.length);
        double[] bucket = new double[n];
        for (int b = 0; b < n; b++) {
            int from = b * pct.length / n;
            int to = Math.max(from + 1, (b + 1) * pct.length / n);
            bucket[b] = java.util.Arrays.stream(pct, from, to).average().orElse(0);
        }
        double low = java.util.Arrays.stream(bucket).min().orElse(0);
        double high = java.util.Arrays.stream(bucket).max().orElse(0);
        StringBuilder line = new StringBuilder();
        for (double v : bucket) {
            int level = high > low ? (int) Math.round((v - low) / (high - low) * (BARS.length() - 1)) : 0;
            line.append(BARS.charAt(level));
        }
        return line.toString();
    }
}
