package org.perfregression.suite;

import org.perfregression.harness.CalibrationProfiler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SlowdownTest {

    @Test
    void aPercentageBecomesEveryHowManyCallsTheOperationRunsTwice() {
        assertEquals(0, Slowdown.callsPer(null));
        assertEquals(20, Slowdown.callsPer("5"));
        assertEquals(10, Slowdown.callsPer("10"));
        assertEquals(5, Slowdown.callsPer("20"));
        assertEquals(2, Slowdown.callsPer("50"));
        assertEquals(1, Slowdown.callsPer("100"));
        assertEquals(50, Slowdown.callsPer("2"));
    }

    @Test
    void badPercentagesAreRefusedWithTheProperty() {
        for (String bad : new String[] {"0", "-5", "150", "fast", "NaN"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Slowdown.callsPer(bad), bad);
            assertTrue(e.getMessage().startsWith("-Daccessor.slowdown.pct must be a percentage in (0, 100]"), e.getMessage());
        }
    }

    @Test
    void theCountdownFiresOnceEveryNCallsWhenOn() {
        // EVERY is 0 in this JVM (no property): never fires, and costs nothing.
        Slowdown.Countdown countdown = new Slowdown.Countdown();
        for (int i = 0; i < 100; i++) {
            assertEquals(false, countdown.slowdown(Slowdown.everyFor("constructor")));
        }
    }

    @Test
    void theSlowdownCanBeRestrictedToNamedBenchmarks() {
        java.util.Set<String> known = java.util.Set.of("constructor", "get_noc_addr_page_id", "pages_iterator");
        assertEquals(java.util.Set.of(), Slowdown.only(null, known));
        assertEquals(java.util.Set.of(), Slowdown.only(" ", known));
        assertEquals(java.util.Set.of("get_noc_addr_page_id"), Slowdown.only("get_noc_addr_page_id", known));
        assertEquals(java.util.Set.of("constructor", "pages_iterator"), Slowdown.only("pages_iterator, constructor", known));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Slowdown.only("constructor,get_noc_addr", known));
        assertEquals("-Daccessor.slowdown.only: no benchmark 'get_noc_addr'; the suite has constructor, "
                + "get_noc_addr_page_id, pages_iterator", e.getMessage());
    }

    @Test
    void aCountdownFiresEveryNCallsForItsBenchmark() {
        Slowdown.Countdown countdown = new Slowdown.Countdown();
        int fired = 0;
        for (int i = 0; i < 100; i++) {
            fired += countdown.slowdown(10) ? 1 : 0;
        }
        assertEquals(10, fired);
        assertEquals(false, countdown.slowdown(0));
    }

    @Test
    void theExtraAllocationIsABytesCountOfAtLeastTheSmallestArray() {
        assertEquals(0, Slowdown.extraBytes(null));
        assertEquals(16, Slowdown.extraBytes("16"));
        assertEquals(64, Slowdown.extraBytes(" 64 "));
        for (String bad : new String[] {"8", "-16", "lots", "16.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Slowdown.extraBytes(bad), bad);
            assertTrue(e.getMessage().startsWith("-Daccessor.alloc.extra must be a number of bytes >= 16"), e.getMessage());
        }
        // Without the property (this JVM) no benchmark allocates more, and allocate(-1) does nothing.
        assertEquals(-1, Slowdown.extraArrayLength("constructor"));
        Slowdown.Countdown state = new Slowdown.Countdown();
        state.allocate(-1);
        assertEquals(null, state.sink);
        state.allocate(0);
        assertEquals(0, ((byte[]) state.sink).length, "16 bytes: an empty array");
    }

    @Test
    void theCalibrationKernelMeasuresSomething() {
        double ns = CalibrationProfiler.nanosPerRound();
        assertTrue(ns > 0 && Double.isFinite(ns), "one round: " + ns + " ns");
    }
}
