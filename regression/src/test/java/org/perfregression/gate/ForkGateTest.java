package org.perfregression.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.perfregression.check.Direction;
import org.perfregression.check.Verdict;
import org.perfregression.data.SubsectionKey;

/** The gate on simulated clustered samples with known answers (see {@link Simulation}). */
class ForkGateTest {

    private static final int SUBSECTIONS = 282;
    private static final GateCheck GATE = new GateCheck(ForkGate.withDefaults(), Direction.LOWER_IS_BETTER);
    private static final GateCheck NO_FLOOR = new GateCheck(ForkGate.withDefaults().withMinChangePct(0),
            Direction.LOWER_IS_BETTER);

    @Test
    void driftCorrectionRemovesAnInjectedDrift() {
        Simulation sim = new Simulation(1);
        sim.forkSd = 0.02;
        sim.driftSd = 0.2; // the machine's speed differs by about 20 % from fork to fork
        ForkedSamples forks = sim.subsection(50, 200);
        double raw = sd(forks.levels(false));
        double corrected = sd(forks.levels(true));
        assertTrue(raw > 0.15, "raw fork levels carry the drift: " + raw);
        assertTrue(corrected < 0.03, "corrected fork levels do not: " + corrected);
    }

    @Test
    void aForkLevelFollowsTheShareOfTimeInEachModeSmoothly() {
        // Samples that switch between two speeds inside a fork, as the constructor's do after a GC.
        double[] mostlyFast = new double[25];
        double[] mostlySlow = new double[25];
        for (int i = 0; i < 25; i++) {
            mostlyFast[i] = i < 14 ? 50 : 80;
            mostlySlow[i] = i < 12 ? 50 : 80;
        }
        mostlyFast[0] = 1000; // a collection's outlier, trimmed away
        double fast = ForkedSamples.unstructured(mostlyFast).levels(false)[0];
        double slow = ForkedSamples.unstructured(mostlySlow).levels(false)[0];
        assertTrue(Math.abs(slow - fast) < 0.1, "one sample more in the slow mode moves the level a little: "
                + Math.exp(fast) + " -> " + Math.exp(slow));
        double medianJump = Math.log(median(mostlySlow) / median(mostlyFast));
        assertTrue(medianJump > 0.4, "where the median jumps from one mode to the other: " + medianJump);
    }

    @Test
    void aWholeRunInASlowPhaseIsNotARegression() {
        Simulation sim = new Simulation(2);
        Map<SubsectionKey, ForkedSamples> baseline = sim.suite(SUBSECTIONS, 6, 0);
        sim.driftMean = Math.log(1.5); // the current run happened while the machine was 1.5x slower
        Map<SubsectionKey, ForkedSamples> current = sim.suite(SUBSECTIONS, 2, 0);
        GateOutcome corrected = GATE.compare(baseline, current);
        GateOutcome raw = new GateCheck(ForkGate.withDefaults().withDriftCorrection(false), Direction.LOWER_IS_BETTER)
                .compare(baseline, current);
        assertTrue(raw.count(Verdict.REGRESSION) > 0.9 * SUBSECTIONS, "without correction: " + raw.oneLine());
        assertTrue(corrected.count(Verdict.NO_CHANGE) > 0.9 * SUBSECTIONS, "with correction: " + corrected.oneLine());
    }

    @Test
    void falseAlarmRateOnClusteredSamplesStaysAtItsAlpha() {
        Simulation sim = new Simulation(3);
        sim.forkSd = 0.06; // fork-to-fork differences of several %, as measured on the project's machine
        sim.driftSd = 0.05;
        int tests = 0;
        int flagged = 0;
        for (int run = 0; run < 40; run++) {
            Map<SubsectionKey, ForkedSamples> baseline = sim.suite(SUBSECTIONS, 6, 0);
            Map<SubsectionKey, ForkedSamples> current = sim.suite(SUBSECTIONS, 2, 0);
            GateOutcome outcome = NO_FLOOR.compare(baseline, current);
            tests += outcome.results().size();
            flagged += (int) outcome.results().stream().filter(GateResult::flagged).count();
        }
        double rate = (double) flagged / tests;
        double alpha = ForkGate.withDefaults().significance();
        // Monte Carlo error: sqrt(0.05 * 0.95 / 11280) = 0.002; allow three of them.
        assertTrue(rate <= alpha + 0.006, "first-stage false-alarm rate " + rate + " over " + tests + " tests");
        // Medians of fork levels under normal noise make it a little conservative (measured: 0.035).
        assertTrue(rate >= 0.02, "the test is not needlessly conservative: " + rate);
    }

    @Test
    void confirmationKeepsTheFinalFalseAlarmRateUnderOnePercent() {
        Simulation sim = new Simulation(4);
        sim.forkSd = 0.06;
        int tests = 0;
        int verdicts = 0;
        for (int run = 0; run < 20; run++) {
            Map<SubsectionKey, ForkedSamples> baseline = sim.suite(SUBSECTIONS, 6, 0);
            GateOutcome first = GATE.compare(baseline, sim.suite(SUBSECTIONS, 2, 0));
            Map<SubsectionKey, ForkedSamples> fresh = new java.util.LinkedHashMap<>();
            first.results().stream().filter(GateResult::flagged)
                    .forEach(r -> fresh.put(r.key(), sim.subsection(sim.levels.get(r.key()), 3)));
            GateOutcome confirmed = GATE.confirm(first, baseline, fresh);
            tests += confirmed.results().size();
            verdicts += (int) (confirmed.count(Verdict.REGRESSION) + confirmed.count(Verdict.IMPROVEMENT));
        }
        assertTrue((double) verdicts / tests <= 0.01, verdicts + " verdicts in " + tests + " unchanged subsections");
    }

    @Test
    void aConfirmationPassClearsATransientAndKeepsARealSlowdown() {
        Simulation sim = new Simulation(5);
        ForkedSamples baseline = sim.subsection(40, 6);
        SubsectionKey key = new SubsectionKey("rank_2", "c");
        ForkGate gate = ForkGate.withDefaults();
        Prior prior = new Prior(0.04 * 0.04, 4);
        // A transient the calibration did not see: both current forks 30 % slow.
        GateResult first = gate.test(key, baseline, sim.subsection(40, 2, Math.log(1.3)), prior, Direction.LOWER_IS_BETTER);
        assertEquals(Verdict.REGRESSION, first.verdict(), first.message());
        GateResult cleared = gate.confirm(first, baseline, sim.subsection(40, 3), prior, Direction.LOWER_IS_BETTER);
        assertEquals(Verdict.NO_CHANGE, cleared.verdict(), cleared.message());
        assertEquals(Confirmation.CLEARED, cleared.confirmation());
        GateResult kept = gate.confirm(first, baseline, sim.subsection(40, 3, Math.log(1.3)), prior,
                Direction.LOWER_IS_BETTER);
        assertEquals(Verdict.REGRESSION, kept.verdict(), kept.message());
        assertEquals(Confirmation.CONFIRMED, kept.confirmation());
        assertTrue(kept.message().startsWith("Regression: +") && kept.message().contains("confirmed by 3 fresh forks"),
                kept.message());
    }

    @Test
    void detectsATwentyPercentSlowdownInNearlyEverySubsection() {
        Simulation sim = new Simulation(6);
        Map<SubsectionKey, ForkedSamples> baseline = sim.suite(SUBSECTIONS, 6, 0);
        GateOutcome first = GATE.compare(baseline, sim.suite(SUBSECTIONS, 2, Math.log(1.2)));
        Map<SubsectionKey, ForkedSamples> fresh = new java.util.LinkedHashMap<>();
        GateCheck.flagged(first, 30).forEach(k -> fresh.put(k, sim.subsection(sim.levels.get(k) * 1.2, 3)));
        GateOutcome confirmed = GATE.confirm(first, baseline, fresh);
        assertTrue(confirmed.count(Verdict.REGRESSION) >= 0.95 * SUBSECTIONS, confirmed.oneLine());
        assertEquals(0, confirmed.count(Verdict.IMPROVEMENT));
        assertTrue(confirmed.failed());
    }

    @Test
    void theMinimumDetectableChangeIsDetectedWithItsPower() {
        Simulation sim = new Simulation(7);
        sim.forkSd = 0.05;
        Map<SubsectionKey, ForkedSamples> baseline = sim.suite(SUBSECTIONS, 6, 0);
        double mdc = median(GATE.detectable(baseline, 2).values().stream().mapToDouble(Double::doubleValue).toArray());
        assertTrue(mdc > 10 && mdc < 25, "MDC for a 5 % fork SD, 6 vs 2 forks: " + mdc);
        // The subsection-level claim, with the run shift known (0): see the run-shift tests for the suite level.
        GateOutcome atMdc = GATE.withRunEffect(RunEffect.NONE).compare(baseline, sim.suite(SUBSECTIONS, 2, Math.log1p(mdc / 100)));
        double power = (double) atMdc.count(Verdict.REGRESSION) / SUBSECTIONS;
        assertTrue(power > 0.8 && power < 0.97, "a change of the MDC (" + mdc + " %) is flagged about 90 % of the "
                + "time: " + power);
    }

    @Test
    void aRunShiftTheCalibrationMissedIsNoVerdictButAChangeOfSomeSubsectionsStandsOut() {
        Simulation sim = new Simulation(13);
        Map<SubsectionKey, ForkedSamples> baseline = sim.suite(SUBSECTIONS, 6, 0);
        // The whole run is 12 % slower in a way the calibration does not see (measured here: 9 %) ...
        Map<SubsectionKey, ForkedSamples> current = sim.suite(SUBSECTIONS, 2, Math.log(1.12));
        // ... and ten subsections really got 40 % slower.
        List<SubsectionKey> changed = baseline.keySet().stream().limit(10).toList();
        changed.forEach(k -> current.put(k, sim.subsection(sim.levels.get(k), 2, Math.log(1.12 * 1.4))));
        GateOutcome outcome = GATE.compare(baseline, current);
        assertEquals(12, outcome.runShiftPct(), 1.5);
        assertTrue(outcome.oneLine().contains("within the 15.0% tolerance for a whole run"), outcome.oneLine());
        for (GateResult r : outcome.results()) {
            if (changed.contains(r.key())) {
                assertEquals(Verdict.REGRESSION, r.verdict(), r.message());
            }
        }
        long others = outcome.results().stream().filter(r -> !changed.contains(r.key()) && r.flagged()).count();
        assertTrue(others <= 0.08 * SUBSECTIONS, "the shared shift is no verdict by itself: " + outcome.oneLine());
        GateOutcome absolute = GATE.withRunEffect(RunEffect.NONE).compare(baseline, current);
        assertTrue(absolute.count(Verdict.REGRESSION) > 0.3 * SUBSECTIONS,
                "judged absolutely, the machine's shift would fail the build: " + absolute.oneLine());
    }

    @Test
    void aMachineStateThatMovesSubsectionsUnequallyIsAbsorbedByTheRunsInteractionVariance() {
        Simulation sim = new Simulation(15);
        Map<SubsectionKey, ForkedSamples> baseline = sim.suite(SUBSECTIONS, 6, 0);
        // The machine's state moves each subsection by its own amount (SD 8 %), in the first forks and
        // in the fresh ones alike: fresh forks cannot clear it, only the model can.
        Map<SubsectionKey, Double> offset = new java.util.LinkedHashMap<>();
        baseline.keySet().forEach(k -> offset.put(k, sim.random.nextGaussian() * 0.08));
        Map<SubsectionKey, ForkedSamples> current = new java.util.LinkedHashMap<>();
        baseline.keySet().forEach(k -> current.put(k, sim.subsection(sim.levels.get(k), 2, offset.get(k))));
        GateOutcome first = GATE.compare(baseline, current);
        assertTrue(first.run().interactionSdPct() > 5 && first.run().interactionSdPct() < 11,
                "the interaction is estimated: " + first.oneLine());
        GateOutcome ignoring = GATE.withRunEffect(new RunEffect(first.run().shift(), 0)).compare(baseline, current);
        Map<SubsectionKey, ForkedSamples> fresh = new java.util.LinkedHashMap<>();
        ignoring.results().stream().filter(GateResult::flagged)
                .forEach(r -> fresh.put(r.key(), sim.subsection(sim.levels.get(r.key()), 3, offset.get(r.key()))));
        long modelled = verdicts(GATE.confirm(first, baseline, fresh));
        long ignored = verdicts(GATE.withRunEffect(new RunEffect(first.run().shift(), 0)).confirm(ignoring, baseline, fresh));
        assertTrue(ignored >= 3 * Math.max(1, modelled), "ignored: " + ignored + " verdicts, modelled: " + modelled);
        assertTrue(modelled <= 0.03 * SUBSECTIONS, "modelled: " + modelled + " verdicts in " + SUBSECTIONS);
    }

    private static long verdicts(GateOutcome outcome) {
        return outcome.count(Verdict.REGRESSION) + outcome.count(Verdict.IMPROVEMENT);
    }

    @Test
    void aWholeSuiteChangeBeyondTheRunToleranceIsASuiteWideVerdict() {
        Simulation sim = new Simulation(14);
        Map<SubsectionKey, ForkedSamples> baseline = sim.suite(SUBSECTIONS, 6, 0);
        GateOutcome outcome = GATE.compare(baseline, sim.suite(SUBSECTIONS, 2, Math.log(1.3)));
        assertEquals(30, outcome.runShiftPct(), 2);
        assertTrue(outcome.count(Verdict.REGRESSION) >= 0.95 * SUBSECTIONS, outcome.oneLine());
        assertTrue(outcome.count(Confirmation.SUITE_WIDE) >= 0.9 * SUBSECTIONS, outcome.oneLine());
        GateResult any = outcome.results().stream().filter(r -> r.confirmation() == Confirmation.SUITE_WIDE)
                .findFirst().orElseThrow();
        assertTrue(any.message().startsWith("Regression (suite-wide): the whole suite at +"), any.message());
    }

    @Test
    void aSuiteWideSlowdownReachesSubsectionsWhoseOwnForksMeasuredLessButNotOnesThatStayedPut() {
        // Fork-to-fork noise as measured on the project's machine (about 12 %): a subsection's own two
        // forks put a 20 % slowdown anywhere from -5 % to +45 %.
        Simulation sim = new Simulation(21);
        sim.forkSd = 0.12;
        Map<SubsectionKey, ForkedSamples> baseline = sim.suite(SUBSECTIONS, 6, 0);
        Map<SubsectionKey, ForkedSamples> current = sim.suite(SUBSECTIONS, 2, Math.log(1.2));
        SubsectionKey untouched = current.keySet().iterator().next();
        sim.forkSd = 0.01;
        ForkedSamples steadyBaseline = sim.subsection(50, 6);
        baseline.put(untouched, steadyBaseline);
        current.put(untouched, sim.subsection(50, 2));
        GateCheck check = GATE.withRunTolerancePct(10);
        GateOutcome first = check.compare(baseline, current);
        long ownChangeUnderFloor = first.results().stream().filter(r -> r.absolutePct() < 3).count();
        assertTrue(ownChangeUnderFloor >= 5, "the premise: noise puts some subsections' own change under the floor, "
                + ownChangeUnderFloor);
        sim.forkSd = 0.12;
        Map<SubsectionKey, ForkedSamples> fresh = new java.util.LinkedHashMap<>();
        GateCheck.flagged(first, 30).forEach(k -> fresh.put(k, sim.subsection(sim.levels.get(k) * 1.2, 3)));
        GateOutcome outcome = check.confirm(first, baseline, fresh);
        assertTrue(outcome.count(Verdict.REGRESSION) >= SUBSECTIONS - 3, outcome.oneLine());
        assertEquals(0, outcome.count(Verdict.IMPROVEMENT), outcome.oneLine());
        GateResult stayed = outcome.results().stream().filter(r -> r.key().equals(untouched)).findFirst().orElseThrow();
        assertEquals(Verdict.NO_CHANGE, stayed.verdict(), stayed.message());
    }

    @Test
    void sideBySideAUniformTenPercentSlowdownIsCaughtEverywhereAndAnUnchangedSuiteStaysQuiet() {
        // Two sides measured together (ab): fork noise 10 %, 3 forks per side, 180 subsections.
        long falseVerdicts = 0;
        for (int trial = 0; trial < 20; trial++) {
            Simulation sim = new Simulation(100 + trial);
            sim.forkSd = 0.10;
            Map<SubsectionKey, ForkedSamples> baseline = sim.suite(180, 3, 0);
            Map<SubsectionKey, ForkedSamples> same = sim.suite(180, 3, 0);
            GateOutcome aa = GATE.sideBySide(baseline, same).compare(baseline, same);
            falseVerdicts += verdicts(aa);
            assertEquals(0, aa.count(Confirmation.SUITE_WIDE), aa.oneLine());
            if (trial < 3) {
                Map<SubsectionKey, ForkedSamples> slower = sim.suite(180, 3, Math.log(1.1));
                GateOutcome ab = GATE.sideBySide(baseline, slower).compare(baseline, slower);
                assertTrue(ab.count(Verdict.REGRESSION) >= 0.95 * 180, ab.oneLine());
                assertTrue(ab.oneLine().contains("beyond the"), ab.oneLine());
            }
        }
        // First-stage verdicts at alpha 0.05 on 180 subsections would be 9 per run; the floor, the
        // prior and the median keep them rarer, and no unchanged run may get a suite-wide verdict.
        assertTrue(falseVerdicts / 20.0 <= 0.05 * 180, "false verdicts per A/A run: " + falseVerdicts / 20.0);
    }

    @Test
    void higherIsBetterTurnsTheVerdict() {
        Simulation sim = new Simulation(8);
        ForkedSamples baseline = sim.subsection(1000, 6);
        GateResult r = ForkGate.withDefaults().test(new SubsectionKey("s", "t"), baseline,
                sim.subsection(1000, 2, Math.log(0.7)), new Prior(0.0016, 4), Direction.HIGHER_IS_BETTER);
        assertEquals(Verdict.REGRESSION, r.verdict(), "throughput down 30 %: " + r.message());
    }

    @Test
    void flagsBeyondTheBudgetFollowTheReMeasuredOnesInEitherDirectionOfBetter() {
        // Throughput: a regression is a drop. Three drops flagged, two re-measured and cleared: the third,
        // not re-measured, must be cleared too (judged by the verdict's direction, not the sign of the change).
        Simulation sim = new Simulation(16);
        GateCheck throughput = new GateCheck(ForkGate.withDefaults(), Direction.HIGHER_IS_BETTER);
        Map<SubsectionKey, ForkedSamples> baseline = new java.util.LinkedHashMap<>();
        Map<SubsectionKey, ForkedSamples> fresh = new java.util.LinkedHashMap<>();
        List<GateResult> flagged = new java.util.ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            SubsectionKey key = new SubsectionKey("s", name);
            baseline.put(key, sim.subsection(1000, 6));
            if (!name.equals("a")) {
                fresh.put(key, sim.subsection(1000, 3));
            }
            flagged.add(new GateResult(key, Verdict.REGRESSION, -30, -30, -40, -20, 0.001, 9, 15, 6, 2, true,
                    Confirmation.NOT_REMEASURED, Double.NaN, "Regression: -30.0%"));
        }
        GateOutcome first = new GateOutcome(flagged, new Prior(0.0016, 4), ForkGate.withDefaults(),
                Direction.HIGHER_IS_BETTER, false, RunEffect.NONE, 15, null);
        GateOutcome confirmed = throughput.confirm(first, baseline, fresh);
        assertEquals(3, confirmed.count(Confirmation.CLEARED), confirmed.oneLine());
        assertEquals(0, confirmed.count(Verdict.REGRESSION), confirmed.oneLine());
    }

    @Test
    void tooFewForksGiveNoVerdictNotAGuess() {
        Simulation sim = new Simulation(9);
        GateResult r = ForkGate.withDefaults().test(new SubsectionKey("s", "t"), sim.subsection(10, 1),
                sim.subsection(10, 1, Math.log(2)), Prior.NONE, Direction.LOWER_IS_BETTER);
        assertEquals(Verdict.NO_CHANGE, r.verdict());
        assertTrue(r.message().startsWith("No verdict:"), r.message());
    }

    private static double median(double[] x) {
        return org.perfregression.stats.SampleStatistics.median(x);
    }

    private static double sd(double[] x) {
        double mean = Arrays.stream(x).average().orElseThrow();
        return Math.sqrt(Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (x.length - 1));
    }
}
