package org.perfregression.stats;

import java.util.Arrays;

/**
 * Descriptive statistics computed the way numpy computes them, so that a Java verdict can never
 * differ from the reference implementation's because of rounding.
 *
 * <ul>
 *   <li>{@link #median}: {@code numpy.median}; for an even count the mean of the two middle order
 *       statistics, {@code (s[n/2-1] + s[n/2]) / 2.0}.</li>
 *   <li>{@link #mad}: the raw median absolute deviation {@code median(|x - median(x)|)}, not scaled
 *       by 1.4826.</li>
 *   <li>{@link #mean} and {@link #std}: {@code numpy.mean} and {@code numpy.std} (population,
 *       {@code ddof=0}), both with numpy's pairwise summation, bit for bit.</li>
 * </ul>
 *
 * <p>Every method takes a non-empty array of finite values and never modifies it.
 */
public final class SampleStatistics {

    /** numpy's PW_BLOCKSIZE: below it, eight accumulators; above it, split in halves. */
    private static final int PAIRWISE_BLOCK = 128;

    private SampleStatistics() {
    }

    /** The median of {@code values}, as {@code numpy.median}. */
    public static double median(double[] values) {
        return medianOfSorted(sortedCopy(values));
    }

    /** The median of values that are already in ascending order. */
    public static double medianOfSorted(double[] sorted) {
        requireNonEmpty(sorted);
        int n = sorted.length;
        int mid = n / 2;
        return n % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /** The raw median absolute deviation, {@code median(|x - median(x)|)}. */
    public static double mad(double[] values) {
        return madAround(values, median(values));
    }

    /** The median absolute deviation around a median the caller has already computed. */
    public static double madAround(double[] values, double median) {
        requireNonEmpty(values);
        double[] deviations = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            deviations[i] = Math.abs(values[i] - median);
        }
        Arrays.sort(deviations);
        return medianOfSorted(deviations);
    }

    /**
     * The median absolute deviation of values already in ascending order, in linear time: the
     * deviations below and above the median are two sorted runs, merged until the middle. Equal to
     * {@link #madAround} bit for bit (the same differences, the same order statistics); it saves
     * the third sort per subsection that dominated large comparisons.
     */
    public static double madOfSorted(double[] sorted, double median) {
        requireNonEmpty(sorted);
        int n = sorted.length;
        int right = 0;
        while (right < n && sorted[right] < median) {
            right++;
        }
        int left = right - 1;
        int mid = n / 2;
        double previous = 0;
        double current = 0;
        for (int rank = 0; rank <= mid; rank++) {
            previous = current;
            boolean takeLeft = left >= 0 && (right >= n || median - sorted[left] <= sorted[right] - median);
            current = takeLeft ? median - sorted[left--] : sorted[right++] - median;
        }
        return n % 2 == 1 ? current : (previous + current) / 2.0;
    }

    /** The arithmetic mean, as {@code numpy.mean}. */
    public static double mean(double[] values) {
        requireNonEmpty(values);
        return pairwiseSum(values, 0, values.length) / values.length;
    }

    /** The population standard deviation, as {@code numpy.std} with {@code ddof=0}. */
    public static double std(double[] values) {
        double mean = mean(values);
        double[] squares = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double d = values[i] - mean;
            squares[i] = d * d;
        }
        return Math.sqrt(pairwiseSum(squares, 0, squares.length) / values.length);
    }

    /** A sorted copy; the argument is left as it is. */
    public static double[] sortedCopy(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    /** numpy's {@code pairwise_sum}: the same association of additions, hence the same bits. */
    static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                sum += a[from + i];
            }
            return sum;
        }
        if (n <= PAIRWISE_BLOCK) {
            double r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
            double r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
            int i;
            for (i = 8; i < n - n % 8; i += 8) {
                r0 += a[from + i];
                r1 += a[from + i + 1];
                r2 += a[from + i + 2];
                r3 += a[from + i + 3];
                r4 += a[from + i + 4];
                r5 += a[from + i + 5];
                r6 += a[from + i + 6];
                r7 += a[from + i + 7];
            }
            double sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                sum += a[from + i];
            }
            return sum;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwiseSum(a, from, half) + pairwiseSum(a, from + half, n - half);
    }

    private static void requireNonEmpty(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
    }
}
