package org.perfregression.check;

/**
 * Which way is better for a metric. Times per operation and cycle counts are
 * {@link #LOWER_IS_BETTER}; throughput (operations per time) is {@link #HIGHER_IS_BETTER}, where a
 * drop of the median is the regression.
 */
public enum Direction {
    LOWER_IS_BETTER,
    HIGHER_IS_BETTER;

    /** The direction of a JMH score unit: {@code ops/s} and the like are higher-is-better. */
    public static Direction ofUnit(String unit) {
        return unit != null && unit.startsWith("ops/") ? HIGHER_IS_BETTER : LOWER_IS_BETTER;
    }
}
