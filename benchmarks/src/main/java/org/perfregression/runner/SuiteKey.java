package org.perfregression.runner;

import org.perfregression.data.SubsectionKey;

/**
 * One measured combination of the suite: a benchmark method and where its samples go.
 *
 * @param benchmark the method name, e.g. {@code constructor}; also the PerformanceData file name
 * @param key section {@code rank_<r>} and subsection, the configuration name
 */
record SuiteKey(String benchmark, SubsectionKey key) {

    @Override
    public String toString() {
        return benchmark + " " + key;
    }
}
