package org.perfregression.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Values that fall into separate clusters on one axis: sorted, and cut wherever two neighbours lie
 * further apart than a tolerance. Used for figures that are exact within a cluster, such as the
 * bytes per operation of forks whose JIT did or did not remove an allocation.
 */
public final class GapClusters {

    private GapClusters() {
    }

    /**
     * The clusters of {@code values}, each as {@code {least, most}}, in ascending order; empty unless
     * there are at least two and each holds {@code minSize} values or more.
     *
     * @param tolerance the largest distance above a value that its upper neighbour may lie and still
     *     be in its cluster, as a function of the value
     */
    public static List<double[]> of(double[] values, DoubleUnaryOperator tolerance, int minSize) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        List<double[]> clusters = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= sorted.length; i++) {
            if (i == sorted.length || sorted[i] - sorted[i - 1] > tolerance.applyAsDouble(sorted[i - 1])) {
                if (i - start < minSize) {
                    return List.of();
                }
                clusters.add(new double[] {sorted[start], sorted[i - 1]});
                start = i;
            }
        }
        return clusters.size() > 1 ? clusters : List.of();
    }
}
