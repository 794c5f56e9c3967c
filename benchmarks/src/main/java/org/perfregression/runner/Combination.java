package org.perfregression.runner;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * One (benchmark, parameters) combination of a run: what one forked JVM measures.
 *
 * @param benchmark JMH's full name, {@code pkg.Class.method}
 * @param params the {@code @Param} values, in JMH's order
 * @param key where its samples go
 */
record Combination(String benchmark, Map<String, String> params, SuiteKey key) {

    /** E.g. {@code constructor rank=3 config=SHARDED_ACCESSOR_0110101}. */
    String describe() {
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        String values = params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        return values.isEmpty() ? method : method + " " + values;
    }
}
