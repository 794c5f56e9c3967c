package org.perfregression.harness;

import org.perfregression.analysis.SuiteKey;
import java.util.Map;
import org.perfregression.jmh.fork.JmhCombination;

/**
 * One combination of the suite with where its samples go.
 *
 * @param jmh the benchmark, mode and parameters one forked JVM measures
 * @param key where its samples go
 */
public record Combination(JmhCombination jmh, SuiteKey key) {

    public String benchmark() {
        return jmh.benchmark();
    }

    public Map<String, String> params() {
        return jmh.params();
    }

    /** E.g. {@code constructor rank=3 config=SHARDED_ACCESSOR_0110101}. */
    public String describe() {
        return jmh.describe();
    }
}
