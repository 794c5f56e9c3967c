package org.perfregression.jmh.fork;

import java.util.Map;
import java.util.stream.Collectors;
import org.perfregression.jmh.BenchmarkName;

/**
 * One (benchmark, mode, parameters) combination of a JMH run: what one forked JVM measures.
 *
 * @param benchmark JMH's full name, {@code pkg.Class.method}
 * @param mode JMH's short mode label, e.g. {@code avgt}
 * @param params the {@code @Param} values, in JMH's order
 */
public record JmhCombination(String benchmark, String mode, Map<String, String> params) {

    public JmhCombination {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    /** {@code Class.method}: the benchmark without its package. */
    public String shortName() {
        return BenchmarkName.shortName(benchmark);
    }

    /** The method alone. */
    public String method() {
        return BenchmarkName.methodName(benchmark);
    }

    /** E.g. {@code constructor rank=3 config=SHARDED_ACCESSOR_0110101}. */
    public String describe() {
        String values = params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        return values.isEmpty() ? method() : method() + " " + values;
    }
}
