package org.perfregression.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.perfregression.check.Direction;
import org.perfregression.check.Verdict;
import org.perfregression.data.SubsectionKey;

/** The prior moderates noisy subsections, and cannot make a stable one blind. */
class PriorTest {

    /** The typical fork-to-fork SD of a noisy dataset: 30 %, worth 4 forks. */
    private static final Prior NOISY = new Prior(0.3 * 0.3, 4);

    @Test
    void aSubsectionWhoseForksAgreeFarMoreCloselyStandsApart() {
        assertTrue(NOISY.standsApart(0.01 * 0.01, 6));
        assertFalse(NOISY.standsApart(0.25 * 0.25, 6), "a typical spread is moderated");
        assertFalse(NOISY.standsApart(0.6 * 0.6, 6), "a wide spread is moderated");
        assertFalse(Prior.NONE.standsApart(0.01 * 0.01, 6));
        assertFalse(NOISY.standsApart(0.01 * 0.01, 0), "no degrees of freedom of its own: the prior decides");
    }

    @Test
    void underThePriorsOwnModelItRarelyStandsApart() {
        // Subsections whose true spread is the prior's: their own variance falls below the 1 % point about 1 % of the time.
        Random random = new Random(11);
        int apart = 0;
        int trials = 20_000;
        for (int i = 0; i < trials; i++) {
            double sum = 0;
            double[] x = new double[7];
            for (int j = 0; j < x.length; j++) {
                x[j] = 0.3 * random.nextGaussian();
                sum += x[j];
            }
            double mean = sum / x.length;
            double ss = 0;
            for (double v : x) {
                ss += (v - mean) * (v - mean);
            }
            apart += NOISY.standsApart(ss / 6, 6) ? 1 : 0;
        }
        // The prior's d0 = 4 widens the F distribution against a chi-square: fewer than 1 % stand apart.
        assertTrue(apart < 0.012 * trials, apart + " of " + trials);
    }

    @Test
    void aStableSubsectionIsNotBlindedByNoisyNeighbours() {
        // Forks agree within 1 %, the change is +10 %; the dataset's typical spread is 30 %.
        Random random = new Random(3);
        ForkedSamples baseline = forks(random, 6, 0);
        ForkedSamples current = forks(random, 2, Math.log(1.10));
        GateResult result = ForkGate.withDefaults().test(new SubsectionKey("size_64", "compute"), baseline, current,
                NOISY, Direction.LOWER_IS_BETTER);
        assertEquals(Verdict.REGRESSION, result.verdict(), result.message());
        assertTrue(result.mdcPct() < 8, "its own spread sets what it can see: " + result.message());
    }

    private static ForkedSamples forks(Random random, int count, double shift) {
        List<double[]> forks = new ArrayList<>();
        for (int f = 0; f < count; f++) {
            double level = Math.exp(Math.log(100) + shift + 0.01 * random.nextGaussian());
            double[] samples = new double[25];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = level * (1 + 0.005 * random.nextGaussian());
            }
            forks.add(samples);
        }
        return new ForkedSamples(forks, null);
    }
}
