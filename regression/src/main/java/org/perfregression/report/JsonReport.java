package org.perfregression.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import org.perfregression.check.CheckResult;
import org.perfregression.check.Summary;
import org.perfregression.check.SubsectionResult;
import org.perfregression.data.SubsectionKey;

/**
 * Machine-readable results: {@code {"results": {section: {subsection: {...}}}, "summary": {...}}}.
 * Each result has the original tool's seven fields in snake_case ({@code is_regression,
 * delta_median_pct, p_value, noise_band_pct, message, current_median, baseline_median}) followed by
 * {@code verdict, baseline_mad, baseline_samples, current_samples, p_method}. An undefined delta
 * (baseline median zero) is {@code null}.
 */
public final class JsonReport implements Report {

    private static final JsonFactory FACTORY = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Override
    public void write(ReportInput input, Appendable out) throws IOException {
        CheckResult result = input.result();
        try (JsonGenerator g = FACTORY.createGenerator(asWriter(out))) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeObjectFieldStart("results");
            for (Map.Entry<String, Map<String, SubsectionResult>> section : result.bySection().entrySet()) {
                g.writeObjectFieldStart(section.getKey());
                for (Map.Entry<String, SubsectionResult> entry : section.getValue().entrySet()) {
                    g.writeFieldName(entry.getKey());
                    writeResult(g, entry.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();

            Summary summary = result.summary();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("total_tests", summary.totalTests());
            g.writeNumberField("regressions", summary.regressions());
            g.writeNumberField("improvements", summary.improvements());
            g.writeNumberField("no_change", summary.noChange());
            writeStrings(g, "regression_messages", summary.regressionMessages());
            writeStrings(g, "improvement_messages", summary.improvementMessages());
            g.writeNumberField("missing_in_current", summary.missingInCurrent());
            g.writeNumberField("new_in_current", summary.newInCurrent());
            g.writeBooleanField("failed", summary.failed());
            g.writeEndObject();

            writeStrings(g, "missing_in_current", result.missingInCurrent().stream().map(SubsectionKey::toString).toList());
            writeStrings(g, "new_in_current", result.newInCurrent().stream().map(SubsectionKey::toString).toList());
            g.writeObjectFieldStart("rule");
            g.writeNumberField("noise_threshold_pct", result.rule().noiseThresholdPct());
            g.writeNumberField("significance_level", result.rule().significanceLevel());
            g.writeNumberField("mad_multiplier", result.rule().madMultiplier());
            g.writeStringField("direction", result.direction().name().toLowerCase(java.util.Locale.ROOT));
            g.writeEndObject();
            g.writeStringField("baseline", input.baselineName());
            g.writeStringField("current", input.currentName());
            writeStrings(g, "notes", input.notes());
            g.writeEndObject();
        }
        out.append('\n');
    }

    private static void writeResult(JsonGenerator g, SubsectionResult r) throws IOException {
        g.writeStartObject();
        g.writeBooleanField("is_regression", r.isRegression());
        writeNumberOrNull(g, "delta_median_pct", r.deltaMedianPct());
        g.writeNumberField("p_value", r.pValue());
        g.writeNumberField("noise_band_pct", r.noiseBandPct());
        g.writeStringField("message", r.message());
        g.writeNumberField("current_median", r.currentMedian());
        g.writeNumberField("baseline_median", r.baselineMedian());
        g.writeStringField("verdict", r.verdict().id());
        g.writeNumberField("baseline_mad", r.baselineMad());
        g.writeNumberField("baseline_samples", r.baselineCount());
        g.writeNumberField("current_samples", r.currentCount());
        if (r.method() == null) {
            g.writeNullField("p_method");
        } else {
            g.writeStringField("p_method", r.method().name().toLowerCase(java.util.Locale.ROOT));
        }
        g.writeEndObject();
    }

    private static void writeNumberOrNull(JsonGenerator g, String name, double value) throws IOException {
        if (Double.isFinite(value)) {
            g.writeNumberField(name, value);
        } else {
            g.writeNullField(name);
        }
    }

    private static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    /** Jackson writes to a Writer; reports write to any Appendable. */
    static Writer asWriter(Appendable out) {
        if (out instanceof Writer writer) {
            return writer;
        }
        return new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                out.append(java.nio.CharBuffer.wrap(buffer, offset, length));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
