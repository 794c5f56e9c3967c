package org.perfregression.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import org.perfregression.check.CheckResult;
import org.perfregression.check.Direction;
import org.perfregression.check.Summary;
import org.perfregression.check.SubsectionResult;
import org.perfregression.check.Verdict;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.Confirmation;
import org.perfregression.gate.GateOutcome;
import org.perfregression.gate.GateResult;

/**
 * Machine-readable results: {@code {"results": {section: {subsection: {...}}}, "summary": {...}}}.
 * Each result has the original tool's seven fields in snake_case ({@code is_regression,
 * delta_median_pct, p_value, noise_band_pct, message, current_median, baseline_median}) followed by
 * {@code verdict, baseline_mad, baseline_samples, current_samples, p_method}. An undefined delta
 * (baseline median zero) is {@code null}. With the fork-aware gate each result also has a
 * {@code gate} object (its verdict, change, interval, p-value, minimum detectable change,
 * confirmation), {@code summary} is the gate's and the seed rule's summary moves to
 * {@code seed_summary}.
 */
public final class JsonReport implements Report {

    /**
     * The version of this report's shape, its first field; {@code schema/perf-regression-report.schema.json}
     * (in the jar) describes it. A field added keeps the version; a field removed, renamed or
     * retyped raises it.
     */
    public static final int SCHEMA_VERSION = 2;

    /** Where the JSON Schema of the report lies on the class path. */
    public static final String SCHEMA_RESOURCE = "/schema/perf-regression-report.schema.json";

    private static final JsonFactory FACTORY = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Override
    public void write(ReportSuite suite, Appendable out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(asWriter(out))) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            if (suite.single()) {
                writeBenchmark(g, suite.benchmarks().get(0), suite.notes(), true);
            } else {
                g.writeStartObject();
                g.writeNumberField("schema_version", SCHEMA_VERSION);
                g.writeObjectFieldStart("summary");
                g.writeNumberField("benchmarks", suite.benchmarks().size());
                g.writeNumberField("failing", suite.benchmarks().stream().filter(ReportInput::failed).count());
                g.writeNumberField("total_tests", suite.benchmarks().stream().mapToLong(JsonReport::totalTests).sum());
                g.writeNumberField("regressions", suite.benchmarks().stream().mapToLong(JsonReport::regressions).sum());
                g.writeNumberField("improvements", suite.benchmarks().stream().mapToLong(JsonReport::improvements).sum());
                g.writeNumberField("no_change", suite.benchmarks().stream().mapToLong(JsonReport::noChange).sum());
                g.writeNumberField("missing_benchmarks", suite.missing().size());
                g.writeBooleanField("failed", suite.failed());
                g.writeStringField("line", suite.summaryLine());
                g.writeEndObject();
                writeStrings(g, "notes", suite.notes());
                g.writeObjectFieldStart("benchmarks");
                for (ReportInput input : suite.benchmarks()) {
                    g.writeFieldName(input.benchmark());
                    writeBenchmark(g, input, List.of(), false);
                }
                g.writeEndObject();
                g.writeEndObject();
            }
        }
        out.append('\n');
    }

    /** The deciding rule's counts: the gate's where it decides, else the seed rule's. */
    private static long totalTests(ReportInput input) {
        return input.gate() != null ? input.gate().results().size() : input.result().summary().totalTests();
    }

    private static long noChange(ReportInput input) {
        return input.gate() != null ? input.gate().count(Verdict.NO_CHANGE) : input.result().summary().noChange();
    }

    private static long regressions(ReportInput input) {
        return input.gate() != null ? input.gate().count(Verdict.REGRESSION) : input.result().summary().regressions();
    }

    private static long improvements(ReportInput input) {
        return input.gate() != null ? input.gate().count(Verdict.IMPROVEMENT) : input.result().summary().improvements();
    }

    /**
     * One benchmark's object: its results, summaries, rule, unit, direction, sources and notes.
     *
     * @param top whether it is the whole report (which names its schema version first)
     */
    private static void writeBenchmark(JsonGenerator g, ReportInput input, List<String> suiteNotes, boolean top)
            throws IOException {
        CheckResult result = input.result();
        Map<SubsectionKey, GateResult> gateResults = input.gateByKey();
        g.writeStartObject();
        if (top) {
            g.writeNumberField("schema_version", SCHEMA_VERSION);
        }
        g.writeObjectFieldStart("results");
        for (Map.Entry<String, Map<String, SubsectionResult>> section : result.bySection().entrySet()) {
            g.writeObjectFieldStart(section.getKey());
            for (Map.Entry<String, SubsectionResult> entry : section.getValue().entrySet()) {
                g.writeFieldName(entry.getKey());
                writeResult(g, entry.getValue(), gateResults.get(entry.getValue().key()));
            }
            g.writeEndObject();
        }
        g.writeEndObject();

        Summary summary = result.summary();
        if (input.gate() != null) {
            writeGateSummary(g, input.gate(), result, input.failed());
        }
        g.writeObjectFieldStart(input.gate() != null ? "seed_summary" : "summary");
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
        g.writeNumberField("min_delta", result.rule().minDelta());
        g.writeStringField("direction", result.direction().name().toLowerCase(java.util.Locale.ROOT));
        g.writeEndObject();
        g.writeStringField("benchmark", input.benchmark());
        g.writeStringField("unit", input.unit());
        g.writeStringField("direction", result.direction() == Direction.LOWER_IS_BETTER ? "lower_is_better"
                : "higher_is_better");
        g.writeStringField("baseline", input.baselineName());
        g.writeStringField("current", input.currentName());
        List<String> notes = new java.util.ArrayList<>(suiteNotes);
        notes.addAll(input.notes());
        writeStrings(g, "notes", notes);
        g.writeEndObject();
    }

    /** The gate's summary (the report's {@code summary} when there is a gate) and its settings. */
    private static void writeGateSummary(JsonGenerator g, GateOutcome gate, CheckResult seed, boolean failed)
            throws IOException {
        g.writeObjectFieldStart("summary");
        g.writeStringField("rule", "gate");
        g.writeNumberField("total_tests", gate.results().size());
        g.writeNumberField("regressions", gate.count(Verdict.REGRESSION));
        g.writeNumberField("improvements", gate.count(Verdict.IMPROVEMENT));
        g.writeNumberField("no_change", gate.count(Verdict.NO_CHANGE));
        g.writeNumberField("confirmed", gate.count(Confirmation.CONFIRMED));
        g.writeNumberField("cleared", gate.count(Confirmation.CLEARED));
        g.writeNumberField("unconfirmed", gate.count(Confirmation.NOT_REMEASURED));
        g.writeNumberField("suite_wide", gate.count(Confirmation.SUITE_WIDE));
        g.writeNumberField("benchmark_wide", gate.count(Confirmation.BENCHMARK_WIDE));
        g.writeNumberField("accepted", gate.count(Confirmation.ACCEPTED));
        writeNumberOrNull(g, "run_shift_pct", gate.runShiftPct());
        writeNumberOrNull(g, "run_tolerance_pct", gate.runTolerancePct());
        writeNumberOrNull(g, "run_interaction_sd_pct", gate.judgedAgainst().interactionSdPct());
        writeNumberOrNull(g, "benchmark_shift_pct", gate.move() == null ? Double.NaN : gate.move().offsetPct());
        writeNumberOrNull(g, "benchmark_tolerance_pct", gate.move() == null ? Double.NaN : gate.move().tolerancePct());
        writeStrings(g, "regression_messages", gate.results().stream().filter(r -> r.verdict() == Verdict.REGRESSION)
                .map(r -> r.key() + ": " + r.message()).toList());
        writeStrings(g, "improvement_messages", gate.results().stream().filter(r -> r.verdict() == Verdict.IMPROVEMENT)
                .map(r -> r.key() + ": " + r.message()).toList());
        g.writeNumberField("missing_in_current", seed.missingInCurrent().size());
        writeNumberOrNull(g, "typical_mdc_pct", gate.typicalMdcPct());
        g.writeBooleanField("failed", failed);
        g.writeEndObject();
        g.writeObjectFieldStart("gate");
        g.writeNumberField("significance", gate.gate().significance());
        g.writeNumberField("confirm_significance", gate.gate().confirmSignificance());
        g.writeNumberField("min_change_pct", gate.gate().minChangePct());
        g.writeNumberField("power", gate.gate().power());
        g.writeNumberField("prior_df", gate.prior().df());
        writeNumberOrNull(g, "prior_fork_sd_pct", Math.sqrt(gate.prior().variance()) * 100);
        g.writeBooleanField("drift_correction", gate.gate().correctsDrift());
        g.writeBooleanField("confirmation_run", gate.confirmationRun());
        g.writeEndObject();
    }

    private static void writeGate(JsonGenerator g, GateResult r) throws IOException {
        g.writeObjectFieldStart("gate");
        g.writeStringField("verdict", r.verdict().id());
        writeNumberOrNull(g, "change_pct", r.changePct());
        writeNumberOrNull(g, "absolute_pct", r.absolutePct());
        writeNumberOrNull(g, "ci_low_pct", r.lowPct());
        writeNumberOrNull(g, "ci_high_pct", r.highPct());
        writeNumberOrNull(g, "p_value", r.pValue());
        writeNumberOrNull(g, "df", r.df());
        writeNumberOrNull(g, "mdc_pct", r.mdcPct());
        g.writeNumberField("baseline_forks", r.baselineForks());
        g.writeNumberField("current_forks", r.currentForks());
        g.writeBooleanField("drift_corrected", r.driftCorrected());
        g.writeStringField("confirmation", r.confirmation().id());
        writeNumberOrNull(g, "confirm_p_value", r.confirmPValue());
        g.writeStringField("message", r.message());
        g.writeEndObject();
    }

    private static void writeResult(JsonGenerator g, SubsectionResult r, GateResult gate) throws IOException {
        g.writeStartObject();
        g.writeBooleanField("is_regression", r.isRegression());
        writeNumberOrNull(g, "delta_median_pct", r.deltaMedianPct());
        g.writeNumberField("p_value", r.pValue());
        g.writeNumberField("noise_band_pct", r.noiseBandPct());
        g.writeStringField("message", r.message());
        g.writeStringField("reason", r.reason());
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
        if (gate != null) {
            writeGate(g, gate);
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
