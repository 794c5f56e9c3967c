package org.perfregression.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** How many forks a time budget buys: more for a small module, never fewer than asked, never more than the cap. */
class ForkBudgetTest {

    /** The plugin's defaults: 5 x 100 ms warmup, 10 x 100 ms measurement, so 2 s per fork with its start. */
    private static final Options PLUGIN = new OptionsBuilder().warmupIterations(5).warmupTime(TimeValue.milliseconds(100))
            .measurementIterations(10).measurementTime(TimeValue.milliseconds(100)).build();

    @Test
    void aSmallModuleGetsMoreForksAndALargeOneItsMinimum() {
        assertEquals(12, SuiteRun.passesWithinBudget(PLUGIN, 2, 60, 3, 12), "2 combinations: 15 fit, capped at 12");
        assertEquals(5, SuiteRun.passesWithinBudget(PLUGIN, 6, 60, 3, 12), "6 combinations: 60 / (6 x 2 s)");
        assertEquals(3, SuiteRun.passesWithinBudget(PLUGIN, 12, 60, 3, 12), "12 combinations: 2.5 fit, at least 3");
        assertEquals(10, SuiteRun.passesWithinBudget(PLUGIN, 12, 240, 10, 40), "regeneration of 12: four budgets");
        assertEquals(40, SuiteRun.passesWithinBudget(PLUGIN, 2, 240, 10, 40), "regeneration of 2: capped at 40");
    }

    @Test
    void withoutABudgetOrAKnownForkLengthTheForksAreAsAsked() {
        assertEquals(3, SuiteRun.passesWithinBudget(PLUGIN, 2, 0, 3, 12));
        assertEquals(3, SuiteRun.passesWithinBudget(new OptionsBuilder().build(), 2, 60, 3, 12),
                "JMH's own defaults (10 s iterations) are not guessed at");
    }
}
