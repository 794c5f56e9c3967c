package org.perfregression.runner;

import org.perfregression.cli.MainJobCommand;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.perfregression.data.InvalidInputException;
import org.perfregression.platform.MachineLoad;

/** Baselines are refused from a busy machine: other processes' CPU, measured from /proc, above 10 %. */
class BusyGuardTest {

    @Test
    void aSecondProcessSpinningOnOneOfTwoCoresIsRefused() {
        // What /proc reports while another process spins on one of two cores: half the machine's time is others'.
        var readings = new ArrayDeque<>(List.of(new MachineLoad.Reading(0, 0, 0), new MachineLoad.Reading(1000, 2000, 0)));
        double other = new MachineLoad(readings::poll).otherSinceLast();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MainJobCommand.refuseBusy(other, "during the run"));
        assertTrue(e.getMessage().startsWith("refusing to make baselines on a busy machine: other processes used 50.0% "
                + "of the CPU during the run") && e.getMessage().contains("--allow-busy"), e.getMessage());
    }

    @Test
    void aHostBusyEnoughToMoveTheKernelsMedianIsRefused() {
        double[] times = new double[1000];
        for (int i = 0; i < times.length; i++) {
            times[i] = i < 400 ? 4410 : 4410 * 1.07; // 60 % of the timings slowed by other work on the host
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MainJobCommand.refuseContended(times, "in the run's first 1000 timings", null));
        assertTrue(e.getMessage().startsWith("refusing to make baselines on a busy machine: the calibration kernel's "
                + "median lay 7.0% above its 10th percentile in the run's first 1000 timings (more than 3%)")
                && e.getMessage().endsWith("or pass --allow-busy (the plugin's allowBusy)"), e.getMessage());
        java.util.Arrays.fill(times, 0, 600, 4410);
        assertDoesNotThrow(() -> MainJobCommand.refuseContended(times, "during the run", null), "7 % in 40 % only");
    }

    @Test
    void aQuietOrUnknownMachineIsAccepted() {
        assertDoesNotThrow(() -> MainJobCommand.refuseBusy(3.0, "before the run"));
        assertDoesNotThrow(() -> MainJobCommand.refuseBusy(Double.NaN, "before the run"));
    }
}
