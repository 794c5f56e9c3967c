package org.perfregression.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MachineSpeedTest {

    /** The calibration of the baselines made in a busy hour (2026-12-03 11:29) and of an idle run beside them. */
    private static final MachineSpeed BUSY_HOUR = new MachineSpeed(4411.5, 4783.375, 60725);
    private static final MachineSpeed IDLE = new MachineSpeed(4410.3, 4415.0, 1000);

    @Test
    void contentionIsTheMediansDistanceAboveTheFastEnd() {
        assertEquals(8.43, BUSY_HOUR.contentionPct(), 0.01);
        double[] times = new double[100];
        for (int i = 0; i < times.length; i++) {
            times[i] = i < 60 ? 1000 : 1100; // 60 % of the time undisturbed, the rest 10 % slower
        }
        assertEquals(0.0, MachineSpeed.of(times).contentionPct(), 1e-12);
        for (int i = 0; i < 11; i++) {
            times[i] = 1100; // now 51 % of the time slowed: the median moves, the 10th percentile does not
        }
        assertEquals(1000, MachineSpeed.of(times).p10Ns());
        assertEquals(10.0, MachineSpeed.of(times).contentionPct(), 1e-9);
    }

    @Test
    void aNoteWhenTheMachineWasBusierOrQuieterThanForTheBaselines() {
        String quieter = IDLE.contentionAgainst(BUSY_HOUR);
        assertTrue(quieter.startsWith("the machine was quieter than when the baselines were made"), quieter);
        assertTrue(quieter.contains("0.1% above its 10th percentile in this run, 8.4% then"), quieter);
        String busier = BUSY_HOUR.contentionAgainst(IDLE);
        assertTrue(busier.startsWith("the machine was busier"), busier);
    }

    @Test
    void noNoteWithinThreePoints() {
        assertNull(IDLE.contentionAgainst(new MachineSpeed(3380.1, 3421.5, 42450)), "0.1 % against 1.2 %");
        assertNull(IDLE.contentionAgainst(IDLE));
    }
}
