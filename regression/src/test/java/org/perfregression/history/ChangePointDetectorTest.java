package org.perfregression.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The segmentation on series with known steps: where it must find one, and where it must not. */
class ChangePointDetectorTest {

    private static double[] series(long seed, int n, double sd, int stepAt, double step) {
        Random random = new Random(seed);
        double[] levels = new double[n];
        for (int i = 0; i < n; i++) {
            levels[i] = Math.log(1000) + random.nextGaussian() * sd + (i >= stepAt ? Math.log1p(step) : 0);
        }
        return levels;
    }

    @Test
    void aStepIsFoundWhereItIsWithItsSize() {
        List<ChangePointDetector.Change> changes = ChangePointDetector.withDefaults()
                .detect(series(1, 60, 0.03, 40, 0.12), 0);
        assertEquals(1, changes.size(), changes.toString());
        ChangePointDetector.Change c = changes.get(0);
        assertTrue(Math.abs(c.index() - 40) <= 1, "at " + c.index());
        assertTrue(c.lowPct() < 12 && c.highPct() > 12, c.toString());
        assertTrue(c.changePct() > 8 && c.changePct() < 16, c.toString());
    }

    @Test
    void twoStepsAreBothFound() {
        double[] levels = series(2, 80, 0.02, 30, 0.10);
        for (int i = 60; i < levels.length; i++) {
            levels[i] -= Math.log(1.2);
        }
        List<ChangePointDetector.Change> changes = ChangePointDetector.withDefaults().detect(levels, 0);
        assertEquals(2, changes.size(), changes.toString());
        assertTrue(changes.get(0).changePct() > 0 && changes.get(1).changePct() < 0, changes.toString());
    }

    @Test
    void aSingleRunOffItsLevelIsNoChangePoint() {
        double[] levels = series(3, 40, 0.02, 40, 0);
        levels[20] += Math.log(1.5);
        levels[39] += Math.log(1.5);
        assertEquals(List.of(), ChangePointDetector.withDefaults().detect(levels, 0));
    }

    @Test
    void noiseAloneRarelyMakesOne() {
        int withChange = 0;
        for (int s = 0; s < 500; s++) {
            if (!ChangePointDetector.withDefaults().detect(series(100 + s, 60, 0.05, 60, 0), 0).isEmpty()) {
                withChange++;
            }
        }
        // Bonferroni over the candidate splits at 0.01: at most about 1 % of series (fewer: the splits are
        // correlated), so 10 of 500 would already be far out.
        assertTrue(withChange <= 10, withChange + " of 500 series of noise had a change point");
    }

    @Test
    void aChangeBelowTheMinimumIsNotReported() {
        double[] levels = series(4, 60, 0.002, 30, 0.02);
        assertEquals(1, ChangePointDetector.withDefaults().withMinChangePct(1).detect(levels, 0).size());
        assertEquals(0, ChangePointDetector.withDefaults().detect(levels, 0).size());
    }

    @Test
    void runsBeforeTheStartAreNotSearched() {
        double[] levels = series(5, 60, 0.02, 20, 0.15);
        assertEquals(0, ChangePointDetector.withDefaults().detect(levels, 25).size());
        assertEquals(1, ChangePointDetector.withDefaults().detect(levels, 0).size());
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChangePointDetector.withDefaults().withMinSegment(1));
        assertThrows(IllegalArgumentException.class, () -> ChangePointDetector.withDefaults().withSignificance(0));
        assertThrows(IllegalArgumentException.class, () -> ChangePointDetector.withDefaults().withMinChangePct(-1));
    }
}
