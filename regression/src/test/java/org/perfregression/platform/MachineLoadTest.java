package org.perfregression.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineLoadTest {

    @Test
    void otherProcessesAreTheMachinesBusyTimeMinusOurs() {
        var readings = new ArrayDeque<>(List.of(
                new MachineLoad.Reading(100, 1000, 50),
                // 1000 jiffies pass on all cores; 600 busy, 100 of them ours: 500 others, 50 %
                new MachineLoad.Reading(700, 2000, 150),
                // then only we are busy
                new MachineLoad.Reading(1200, 3000, 650)));
        MachineLoad load = new MachineLoad(readings::poll);
        assertEquals(50.0, load.otherSinceLast(), 1e-12);
        assertEquals(0.0, load.otherSinceLast(), 1e-12);
    }

    @Test
    void unknownWithoutProc() {
        MachineLoad load = new MachineLoad(() -> null);
        assertTrue(Double.isNaN(load.otherSinceLast()));
    }

    @Test
    void readsThisMachine() {
        if (MachineLoad.readProc() == null) {
            return; // not Linux
        }
        double share = MachineLoad.ofThisMachine().otherSinceLast();
        assertTrue(Double.isNaN(share) || share >= 0 && share <= 100, "share " + share);
    }

    @Test
    void machineSpeedComparesTheFastEnd() {
        double[] times = new double[100];
        for (int i = 0; i < 100; i++) {
            times[i] = 5000 + 10 * i; // p10 = 5090 (index 9), median 5495
        }
        MachineSpeed here = MachineSpeed.of(times);
        assertEquals(5090, here.p10Ns(), 0);
        assertEquals(5495, here.medianNs(), 0);
        MachineSpeed faster = new MachineSpeed(5090 / 1.36, 4000, 10);
        assertEquals("36.0% faster", faster.describeAgainst(here));
        assertEquals("36.0% slower", new MachineSpeed(5090 * 1.36, 7000, 10).describeAgainst(here));
        assertEquals(here, MachineSpeed.fromMap(here.toMap()));
        assertEquals(null, MachineSpeed.fromMap(java.util.Map.of("p10_ns", "fast")));
    }
}
