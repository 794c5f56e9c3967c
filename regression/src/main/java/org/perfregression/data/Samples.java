package org.perfregression.data;

import java.util.Arrays;
import java.util.stream.DoubleStream;
import org.perfregression.stats.SampleStatistics;

/**
 * The measurements of one subsection: an immutable, non-empty sequence of finite doubles in the
 * order they were taken.
 */
public final class Samples {

    private final double[] values;

    private Samples(double[] values) {
        this.values = values;
    }

    /**
     * A copy of {@code values}.
     *
     * @throws IllegalArgumentException if there are none, or one is NaN or infinite
     */
    public static Samples of(double... values) {
        double[] copy = values.clone();
        if (copy.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        for (int i = 0; i < copy.length; i++) {
            if (!Double.isFinite(copy[i])) {
                throw new IllegalArgumentException("sample " + i + " is " + copy[i] + ", not a finite number");
            }
        }
        return new Samples(copy);
    }

    /** Wraps an array that was validated and that nobody else holds: saves a copy of large data. */
    static Samples adopt(double[] values) {
        return new Samples(values);
    }

    public int size() {
        return values.length;
    }

    public double get(int index) {
        return values[index];
    }

    /** A copy of the values, in their original order. */
    public double[] toArray() {
        return values.clone();
    }

    /** A sorted copy of the values. */
    public double[] sorted() {
        return SampleStatistics.sortedCopy(values);
    }

    public DoubleStream stream() {
        return Arrays.stream(values);
    }

    public double median() {
        return SampleStatistics.median(values);
    }

    public double mad() {
        return SampleStatistics.mad(values);
    }

    public double mean() {
        return SampleStatistics.mean(values);
    }

    public double std() {
        return SampleStatistics.std(values);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Samples that && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Samples(n=" + values.length + ")";
    }
}
