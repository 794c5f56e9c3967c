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

    /** The method name alone. */
    public static String methodName(String benchmark) {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }
}
