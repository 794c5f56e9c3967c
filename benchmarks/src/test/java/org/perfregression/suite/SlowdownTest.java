package org.perfregression.suite;

import org.perfregression.harness.CalibrationProfiler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SlowdownTest {

    @Test
    void aPercentageBecomesEveryHowManyCallsTheOperationRunsTwice() {
        assertEquals(0, Slowdown.every(null));
        assertEquals(20, Slowdown.every("5"));
        assertEquals(10, Slowdown.every("10"));
        assertEquals(5, Slowdown.every("20"));
        assertEquals(2, Slowdown.every("50"));
        assertEquals(1, Slowdown.every("100"));
        assertEquals(50, Slowdown.every("2"));
    }

    @Test
    void badPercentagesAreRefusedWithTheProperty() {
        for (String bad : new String[] {"0", "-5", "150", "fast", "NaN"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Slowdown.every(bad), bad);
            assertTrue(e.getMessage().startsWith("-Daccessor.slowdown.pct must be a percentage in (0, 100]"), e.getMessage());
        }
    }

    @Test
    void theCountdownFiresOnceEveryNCallsWhenOn() {
        // EVERY is 0 in this JVM (no property): never fires, and costs nothing.
        Slowdown.Countdown countdown = new Slowdown.Countdown();
        for (int i = 0; i < 100; i++) {
            assertEquals(false, countdown.slowdown());
        }
    }

    @Test
    void theCalibrationKernelMeasuresSomething() {
        double ns = CalibrationProfiler.nanosPerRound();
        assertTrue(ns > 0 && Double.isFinite(ns), "one round: " + ns + " ns");
    }
}
