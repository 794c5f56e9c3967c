package org.perfregression.maven;

/**
 * One {@code <threshold>} of the POM: the benchmark methods whose name the {@code pattern} finds are
 * judged with {@code minChange} (%) instead of {@code perf.minChange}.
 *
 * <pre>{@code
 * <thresholds>
 *   <threshold><pattern>lookup</pattern><minChange>10</minChange></threshold>
 * </thresholds>
 * }</pre>
 */
public class Threshold {

    /** A regular expression found in the benchmark's name (its method's, or {@code method-thrpt} for throughput). */
    private String pattern;
    /** The minimum change, %, for those benchmarks. */
    private Double minChange;

    /** The library's {@code --min-change-for} form: {@code REGEX=PCT}. */
    String toOption() {
        if (pattern == null || pattern.isBlank() || minChange == null) {
            throw new IllegalArgumentException("a <threshold> needs a <pattern> and a <minChange>");
        }
        return pattern + "=" + minChange;
    }
}
