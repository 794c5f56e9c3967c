package org.perfregression.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.perfregression.data.Printable;

/** The change points of a history as text for a terminal, Markdown for a job summary, or JSON. */
public enum ChangeListing {

    TEXT {
        @Override
        public String render(List<HistoryChanges.Change> changes) {
            if (changes.isEmpty()) {
                return "No change points.\n";
            }
            StringBuilder text = new StringBuilder(changes.size() + " change point" + (changes.size() == 1 ? "" : "s")
                    + ":\n");
            for (HistoryChanges.Change c : changes) {
                text.append(String.format(Locale.ROOT, "  %s %s %s %s on %s: %s %s%% (95%% CI %s%% to %s%%, p=%.2g) from %s"
                                + " (%s)%n", c.regression() ? "regression " : "improvement", Printable.of(c.benchmark()),
                        Printable.of(c.key().section()), Printable.of(c.key().subsection()), Printable.of(c.machine()),
                        c.regression() ? "slower" : "faster", signed(c.changePct()), signed(c.lowPct()),
                        signed(c.highPct()), c.p(), Printable.of(c.commit()), c.time()));
            }
            return text.toString();
        }
    },

    MARKDOWN {
        @Override
        public String render(List<HistoryChanges.Change> changes) {
            StringBuilder md = new StringBuilder("### Change points\n\n");
            if (changes.isEmpty()) {
                return md.append("None.\n").toString();
            }
            md.append("| | benchmark | section | subsection | machine | change | 95 % CI | first commit |\n"
                    + "|---|---|---|---|---|--:|--:|---|\n");
            for (HistoryChanges.Change c : changes) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s%% | %s%% to %s%% | `%s` |%n",
                        c.regression() ? "regression" : "improvement", cell(c.benchmark()), cell(c.key().section()),
                        cell(c.key().subsection()), cell(c.machine()), signed(c.changePct()), signed(c.lowPct()),
                        signed(c.highPct()), cell(c.commit())));
            }
            return md.toString();
        }
    },

    JSON {
        @Override
        public String render(List<HistoryChanges.Change> changes) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (HistoryChanges.Change c : changes) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("benchmark", c.benchmark());
                entry.put("section", c.key().section());
                entry.put("subsection", c.key().subsection());
                entry.put("machine", c.machine());
                entry.put("commit", c.commit());
                entry.put("run_time", c.time().toString());
                entry.put("change_pct", round(c.changePct()));
                entry.put("ci_low_pct", round(c.lowPct()));
                entry.put("ci_high_pct", round(c.highPct()));
                entry.put("p", c.p());
                entry.put("direction", c.regression() ? "regression" : "improvement");
                list.add(entry);
            }
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper()
                        .writerWithDefaultPrettyPrinter().writeValueAsString(list) + "\n";
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot write the change points as JSON", e);
            }
        }
    };

    /** The listing of {@code changes}. */
    public abstract String render(List<HistoryChanges.Change> changes);

    private static String signed(double pct) {
        return String.format(Locale.ROOT, "%+.1f", pct);
    }

    private static double round(double pct) {
        return Math.round(pct * 100) / 100.0;
    }

    private static String cell(String text) {
        return Printable.of(text).replace("|", "\\|");
    }
}
