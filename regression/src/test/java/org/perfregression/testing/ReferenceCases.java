package org.perfregression.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The 76 reference cases computed with numpy 2.4.6 / scipy 1.17.1 (test resource mwu_vectors.json). */
public final class ReferenceCases {

    /** One case; {@code null} where the reference has null (scipy NaN, undefined delta). */
    public record Case(String name, double[] baseline, double[] current, double baselineMedian,
            double currentMedian, double baselineMad, Double scipyP, String scipyMethod, double u1,
            Double deltaMedianPct, double noiseBandPct, double pUsed, String verdict) {

        @Override
        public String toString() {
            return name;
        }
    }

    private ReferenceCases() {
    }

    public static List<Case> all() {
        try (InputStream in = ReferenceCases.class.getResourceAsStream("/mwu_vectors.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : root) {
                cases.add(new Case(c.get("name").asText(), doubles(c.get("baseline")), doubles(c.get("current")),
                        c.get("baseline_median").asDouble(), c.get("current_median").asDouble(),
                        c.get("baseline_mad").asDouble(), nullable(c.get("scipy_p")),
                        c.get("scipy_method_used").asText(), c.get("u_statistic").asDouble(),
                        nullable(c.get("delta_median_pct")), c.get("noise_band_pct").asDouble(),
                        c.get("p_used").asDouble(), c.get("verdict").asText()));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Double nullable(JsonNode node) {
        return node == null || node.isNull() ? null : node.asDouble();
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    /** Asserts {@code |actual - expected| <= tolerance * |expected|}. */
    public static void assertRelativelyClose(double expected, double actual, double tolerance, String what) {
        double error = Math.abs(actual - expected);
        if (!(error <= tolerance * Math.abs(expected))) {
            throw new AssertionError(what + ": expected " + expected + " but was " + actual
                    + " (relative error " + error / Math.abs(expected) + ")");
        }
    }
}
