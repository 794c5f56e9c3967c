package org.perfregression.analysis;

import org.perfregression.data.SubsectionKey;

/**
 * One subsection of a suite: a benchmark and a subsection of its data.
 *
 * @param benchmark the benchmark, e.g. {@code constructor}; also its PerformanceData file's name
 * @param key its section and subsection
 */
public record SuiteKey(String benchmark, SubsectionKey key) {

    @Override
    public String toString() {
        return benchmark + " " + key;
    }
}
