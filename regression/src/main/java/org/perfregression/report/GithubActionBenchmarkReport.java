package org.perfregression.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.GateResult;

/**
 * The current run in github-action-benchmark's custom format ({@code tool: customSmallerIsBetter},
 * or {@code customBiggerIsBetter} for throughput): a list of {@code {name, unit, value, range,
 * extra}}, one entry per subsection named {@code benchmark/section/subsection} (an allocation
 * comparison under its benchmark's name, unit {@code B/op}); the value is the current samples'
 * median, the range {@code ± MAD}, and {@code extra} the sample count and this toolkit's verdict.
 * The action charts each name over commits and applies its own alert threshold.
 */
public final class GithubActionBenchmarkReport implements Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void write(ReportSuite suite, Appendable out) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (ReportInput input : suite.benchmarks()) {
            Map<SubsectionKey, GateResult> gate = input.gateByKey();
            String benchmark = CurrentLevel.benchmarkName(input);
            for (CurrentLevel level : CurrentLevel.of(input)) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", benchmark + "/" + level.key().section() + "/" + level.key().subsection());
                entry.put("unit", input.unit() == null ? "" : input.unit());
                entry.put("value", level.median());
                entry.put("range", "± " + Numbers.compact(level.mad()));
                GateResult verdict = gate.get(level.key());
                entry.put("extra", level.samples() + " samples" + (verdict == null ? ""
                        : "; gate: " + Numbers.gateVerdict(verdict) + ", " + Numbers.gateChange(verdict)
                                + "% against the baseline"));
                entries.add(entry);
            }
        }
        out.append(JSON.writeValueAsString(entries)).append('\n');
    }
}
