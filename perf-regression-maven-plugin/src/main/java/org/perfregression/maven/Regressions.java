package org.perfregression.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The regressions a JSON report lists, for the build's failure message. */
final class Regressions {

    private static final int SHOWN = 10;

    private Regressions() {
    }

    /** E.g. {@code 2 subsections: SampleBench.sum.default: Performance regression: +812.3% ...; ...}. */
    static String named(Path jsonReport) {
        try {
            JsonNode messages = new ObjectMapper().readTree(jsonReport.toFile()).path("summary").path("regression_messages");
            List<String> all = new ArrayList<>();
            messages.forEach(m -> all.add(m.asText()));
            if (all.isEmpty()) {
                return "see the report";
            }
            return all.size() + " subsection" + (all.size() == 1 ? "" : "s") + ": "
                    + String.join("; ", all.subList(0, Math.min(SHOWN, all.size())))
                    + (all.size() > SHOWN ? "; ... " + (all.size() - SHOWN) + " more" : "");
        } catch (IOException e) {
            return "see " + jsonReport + " (" + e.getMessage() + ")";
        }
    }
}
