package org.perfregression.runner;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.PerformanceData;
import org.perfregression.input.Sidecar;
import org.perfregression.platform.Platform;
import org.perfregression.jmh.JmhMapping;
import org.perfregression.jmh.JmhResult;
import org.perfregression.jmh.JmhResultReader;

/**
 * A finished run turned into PerformanceData: one data set per benchmark method, built from JMH's
 * own JSON, with every expected combination present.
 *
 * @param byBenchmark PerformanceData per benchmark method, in JMH's order
 * @param jmhResults the raw JMH results
 */
record SuiteResults(Map<String, PerformanceData> byBenchmark, List<JmhResult> jmhResults) {

    /**
     * Reads {@code folder}'s JMH result.
     *
     * @param expected what the run was asked for; null to accept whatever is there
     * @throws InvalidInputException if a combination is missing (a benchmark that failed silently) or the file is bad
     */
    static SuiteResults read(ResultsFolder folder, List<SuiteKey> expected) {
        List<JmhResult> results = JmhResultReader.read(folder.jmhResult());
        Map<String, PerformanceData> byBenchmark = new LinkedHashMap<>();
        JmhMapping.byMethod(results).forEach((method, group) -> byBenchmark.put(method, SuiteLayout.MAPPING.toData(group)));
        if (expected != null) {
            List<String> missing = new ArrayList<>();
            for (SuiteKey key : expected) {
                PerformanceData data = byBenchmark.get(key.benchmark());
                if (data == null || !data.has(key.key().section(), key.key().subsection())) {
                    missing.add(key.toString());
                }
            }
            if (!missing.isEmpty()) {
                throw new InvalidInputException(folder.jmhResult() + ": " + missing.size() + " of " + expected.size()
                        + " benchmark combinations have no result (did they fail?): " + String.join(", ", missing));
            }
        }
        return new SuiteResults(byBenchmark, results);
    }

    /**
     * Writes {@code <benchmark>.json} for every benchmark into {@code folder}, each with a sidecar
     * naming its unit and this platform, so that {@code compare} can check both later.
     */
    void write(ResultsFolder folder) throws IOException {
        Sidecar sidecar = new Sidecar(unit(), Platform.current());
        for (Map.Entry<String, PerformanceData> entry : byBenchmark.entrySet()) {
            entry.getValue().toJsonFile(folder.data(entry.getKey()));
            sidecar.writeFor(folder.data(entry.getKey()));
        }
    }

    /** The unit of the primary metric (the suite measures every benchmark in ns/op). */
    String unit() {
        return jmhResults.isEmpty() ? null : jmhResults.get(0).unit();
    }
}
