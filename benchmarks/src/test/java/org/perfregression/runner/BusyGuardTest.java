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
    void aQuietOrUnknownMachineIsAccepted() {
        assertDoesNotThrow(() -> MainJobCommand.refuseBusy(3.0, "before the run"));
        assertDoesNotThrow(() -> MainJobCommand.refuseBusy(Double.NaN, "before the run"));
    }
}
