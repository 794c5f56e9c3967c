package org.perfregression.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.data.SubsectionKey;
import org.perfregression.input.Baselines;
import org.perfregression.input.Dataset;
import org.perfregression.stats.SampleStatistics;

/** Baselines that roll forward: this machine's last runs, since each subsection's last change point. */
class HistoryBaselineTest {

    @TempDir
    Path dir;

    private static final SubsectionKey STEPPED = new SubsectionKey("rank_2", "config_0");
    private static final SubsectionKey STEADY = new SubsectionKey("rank_3", "config_1");

    /** Seven runs of machine-a, {@link #STEPPED} 30 % slower from run 4 on; one run of machine-b, all twice as slow. */
    private String history() throws Exception {
        String db = dir.resolve("history.db").toString();
        try (HistoryStore store = HistoryStore.open(db)) {
            for (int i = 1; i <= 7; i++) {
                store.record(Runs.recorded(dir, i, i >= 4 ? 1 : 0, 1.3, "machine-a"));
            }
            store.record(Runs.recorded(dir, 8, 12, 2.0, "machine-b"));
        }
        return db;
    }

    @Test
    void eachSubsectionTakesTheLastRunsSinceItsLastChangePoint() throws Exception {
        try (HistoryStore store = HistoryStore.open(history())) {
            Baselines baselines = HistoryBaseline.load(store, "machine-a", 5);
            assertNotNull(baselines);
            Dataset constructor = baselines.dataset("constructor");
            // Runs 3 to 7, two first-measurement forks each; never run 1 or 2, never machine-b's run.
            assertEquals(10, constructor.forks().forks().get(STEADY).size(), baselines.where());
            assertTrue(baselines.where().contains("#3, #4, #5, #6, #7"), baselines.where());
            assertTrue(constructor.forks().forks().get(STEADY).stream().noneMatch(f -> f.confirmation()),
                    "confirmation forks re-measured subsections chosen for looking slow: never a baseline");
            double steady = SampleStatistics.median(constructor.data().samples(STEADY).toArray());
            assertEquals(200, steady, 200 * 0.02, "config_1 runs at 200 ns");
            // The step at run 4 is a change point: the level before it is no longer the baseline.
            assertEquals(8, constructor.forks().forks().get(STEPPED).size());
            double stepped = SampleStatistics.median(constructor.data().samples(STEPPED).toArray());
            assertEquals(130, stepped, 130 * 0.02, "config_0 runs at 130 ns since run 4");
            assertEquals(constructor.data().samples(STEPPED).size(),
                    constructor.forks().forks().get(STEPPED).stream().mapToInt(f -> f.samples()).sum());
            assertNotNull(baselines.speed());
            assertEquals(3400, baselines.speed().p10Ns(), 3400 * 0.01);
            assertTrue(baselines.files().isEmpty());
        }
    }

    @Test
    void fewerRunsWhenAskedAndNothingForAMachineWithoutRuns() throws Exception {
        try (HistoryStore store = HistoryStore.open(history())) {
            Baselines two = HistoryBaseline.load(store, "machine-a", 2);
            assertEquals(4, two.dataset("constructor").forks().forks().get(STEADY).size());
            assertNull(HistoryBaseline.load(store, "machine-c", 5), "a machine's first run has nothing to compare with");
            Baselines other = HistoryBaseline.load(store, "machine-b", 5);
            double level = SampleStatistics.median(other.dataset("constructor").data().samples(STEADY).toArray());
            assertEquals(400, level, 400 * 0.02, "machine-b's own run");
        }
    }

    @Test
    void runsRecordedWithoutTheirSamplesAreNoBaseline() throws Exception {
        String db = dir.resolve("levels-only.db").toString();
        try (HistoryStore store = HistoryStore.open(db)) {
            RecordedRun run = Runs.recorded(dir, 1, 0, 1, "machine-a");
            store.record(new RecordedRun(run.commit(), run.branch(), run.time(), run.machine(), run.calibrationNs(),
                    run.source(), run.subsections()));
            assertNull(HistoryBaseline.load(store, "machine-a", 5));
            assertEquals(1, store.runs().size());
        }
    }
}
