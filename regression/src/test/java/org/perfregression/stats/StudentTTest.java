package org.perfregression.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StudentTTest {

    @Test
    void matchesTabulatedValues() {
        // Reference values: scipy.stats.t.ppf / t.sf.
        assertEquals(2.228138851986, StudentT.quantile(0.975, 10), 1e-9);
        assertEquals(12.70620473617, StudentT.quantile(0.975, 1), 1e-8);
        assertEquals(1.372183641110, StudentT.quantile(0.9, 10), 1e-9);
        assertEquals(-1.372183641110, StudentT.quantile(0.1, 10), 1e-9);
        assertEquals(0.05, StudentT.twoSidedP(2.228138851986, 10), 1e-10);
        assertEquals(0.5, StudentT.twoSidedP(1.0, 1), 1e-12); // Cauchy: P(|T| > 1) = 1/2
        assertEquals(0.025, StudentT.upperP(2.228138851986, 10), 1e-10);
        assertEquals(0.975, StudentT.upperP(-2.228138851986, 10), 1e-10);
    }

    @Test
    void fractionalDegreesOfFreedomAndLimits() {
        double t = StudentT.quantile(0.95, 7.5);
        assertEquals(0.05, StudentT.upperP(t, 7.5), 1e-10);
        assertEquals(1.0, StudentT.twoSidedP(0, 5), 0);
        assertEquals(0.0, StudentT.twoSidedP(Double.POSITIVE_INFINITY, 5), 0);
        assertThrows(IllegalArgumentException.class, () -> StudentT.twoSidedP(1, 0));
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(1, 5));
    }
}
