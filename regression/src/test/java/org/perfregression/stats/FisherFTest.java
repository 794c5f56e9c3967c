package org.perfregression.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FisherFTest {

    @Test
    void theSquareOfTIsF() {
        // T with d degrees of freedom squared is F(1, d): P(F <= t^2) = 1 - P(|T| >= t).
        for (double d : new double[] {2, 5, 17.5}) {
            for (double t : new double[] {0.3, 1.0, 2.5}) {
                assertEquals(1 - StudentT.twoSidedP(t, d), FisherF.cdf(t * t, 1, d), 1e-12, "d=" + d + " t=" + t);
            }
        }
    }

    @Test
    void knownPointsAndEdges() {
        // scipy.stats.f.cdf(3.0, 4, 10) = 0.9276768
        assertEquals(0.9276768, FisherF.cdf(3.0, 4, 10), 1e-6);
        assertEquals(0, FisherF.cdf(0, 3, 3));
        assertEquals(1, FisherF.cdf(Double.POSITIVE_INFINITY, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> FisherF.cdf(1, 0, 3));
    }
}
