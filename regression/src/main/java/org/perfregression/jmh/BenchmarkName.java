package org.perfregression.jmh;

/**
 * JMH's fully qualified benchmark names, {@code pkg.Class.method}, taken apart in one place: result
 * files, the fork runner and the progress display all name benchmarks the same way.
 */
public final class BenchmarkName {

    private BenchmarkName() {
    }

    /** {@code Class.method}: the benchmark without its package. */
    public static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = method < 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    /** JMH's mode of most benchmarks here, whose data sets carry no suffix. */
    public static final String AVERAGE_TIME = "avgt";

    /**
     * The data set (one PerformanceData file) a benchmark's results in {@code mode} belong to: its
     * method name, with {@code -<mode>} for any mode but average time ({@code lookup-thrpt}), so that
     * each data set has one unit and one direction, and a second mode added later renames nothing.
     */
    public static String dataset(String benchmark, String mode) {
        String method = methodName(benchmark);
        return mode == null || mode.equals(AVERAGE_TIME) ? method : method + "-" + mode;
    }

    /** The method name alone. */
    public static String methodName(String benchmark) {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }
}
