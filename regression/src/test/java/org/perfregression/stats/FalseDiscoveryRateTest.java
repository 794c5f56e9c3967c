package org.perfregression.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FalseDiscoveryRateTest {

    @Test
    void rejectsUpToTheLargestPValueUnderItsStep() {
        // m = 5, q = 0.05: steps 0.01, 0.02, 0.03, 0.04, 0.05. 0.029 <= 0.03 at k = 3, so 0.015 and 0.025 are
        // rejected too, although each is above its own step.
        assertEquals(0.029, FalseDiscoveryRate.threshold(new double[] {0.6, 0.025, 0.015, 0.029, 0.3}, 0.05), 0);
        assertTrue(Double.isNaN(FalseDiscoveryRate.threshold(new double[] {0.6, 0.025, 0.015, 0.045, 0.3}, 0.05)));
        // The step-up keeps going to the largest k: 0.05 <= 5 * 0.05 / 5.
        assertEquals(0.05, FalseDiscoveryRate.threshold(new double[] {0.05, 0.001, 0.01, 0.02, 0.03}, 0.05), 0);
        assertTrue(Double.isNaN(FalseDiscoveryRate.threshold(new double[] {0.011, 0.6, 0.9, 0.4, 0.2}, 0.05)));
        assertTrue(Double.isNaN(FalseDiscoveryRate.threshold(new double[0], 0.05)));
        // One test: the procedure is the test itself.
        assertEquals(0.049, FalseDiscoveryRate.threshold(new double[] {0.049}, 0.05), 0);
    }

    @Test
    void underTheNullItRejectsAnythingAtMostQOfTheTime() {
        Random random = new Random(7);
        int trials = 20_000;
        int any = 0;
        for (int t = 0; t < trials; t++) {
            double[] p = new double[20];
            for (int i = 0; i < p.length; i++) {
                p[i] = random.nextDouble();
            }
            any += Double.isNaN(FalseDiscoveryRate.threshold(p, 0.05)) ? 0 : 1;
        }
        double rate = any / (double) trials;
        assertTrue(rate <= 0.05 + 3 * Math.sqrt(0.05 * 0.95 / trials), "any rejection in " + rate + " of the trials");
        assertTrue(rate > 0.03, "the procedure should use its level, not be far below it: " + rate);
    }

    @Test
    void refusesWhatIsNotAProbability() {
        assertThrows(IllegalArgumentException.class, () -> FalseDiscoveryRate.threshold(new double[] {0.1}, 0));
        assertThrows(IllegalArgumentException.class, () -> FalseDiscoveryRate.threshold(new double[] {1.5}, 0.05));
        assertThrows(IllegalArgumentException.class, () -> FalseDiscoveryRate.threshold(new double[] {Double.NaN}, 0.05));
    }
}
