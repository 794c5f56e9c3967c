package org.perfregression.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.perfregression.data.InvalidInputException;

/** When the main job judges a run against the history instead of the ground truth. */
class BaselineChoiceTest {

    @Test
    void aNewcomersMachineWithoutGroundTruthUsesItsHistoryButCiAndNamedGroundTruthStayStrict() {
        // rollingBaseline(asked, groundTruthFits, ci, gtDirGiven, platformGiven)
        assertTrue(MainJobCommand.rollingBaseline(null, false, false, false, false), "a newcomer's first runs");
        assertFalse(MainJobCommand.rollingBaseline(null, true, false, false, false), "ground truth that fits is used");
        assertFalse(MainJobCommand.rollingBaseline(null, false, true, false, false), "CI=true: exit 3 as before");
        assertFalse(MainJobCommand.rollingBaseline(null, false, false, true, false), "--gt-dir named: exit 3");
        assertFalse(MainJobCommand.rollingBaseline(null, false, false, false, true), "--platform named: exit 3");
        assertTrue(MainJobCommand.rollingBaseline("history", true, true, true, true), "asked for, always");
        assertFalse(MainJobCommand.rollingBaseline("gt", false, false, false, false), "asked for, never");
        InvalidInputException bad = assertThrows(InvalidInputException.class,
                () -> MainJobCommand.rollingBaseline("latest", false, false, false, false));
        assertTrue(bad.getMessage().contains("expected gt or history"), bad.getMessage());
    }
}
