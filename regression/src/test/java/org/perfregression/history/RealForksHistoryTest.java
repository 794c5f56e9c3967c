package org.perfregression.history;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.data.SubsectionKey;

/**
 * Change points in histories built from real forks: the accessor suite's 282 subsections, two forks
 * per run as a main job measures them, taken whole from one of 17 real runs on the project's shared
 * machine (14 unchanged main-job runs and three pairs of the baselines' passes, {@code scripts/history-fixture.py}),
 * so each run carries that run's shift and the machine's phases. A run's forks are the real ones;
 * which real run a history's run re-uses is drawn at random.
 */
class RealForksHistoryTest {

    private static final int RUNS = 60;
    private static final int STEP_AT = 40;
    private static final double STEP = 0.12;
    private static final int HISTORIES = 5;

    @TempDir
    Path dir;

    /** run name -> subsection -> its two fork levels. */
    private static Map<String, Map<String, double[]>> forks() throws IOException {
        Map<String, Map<String, double[]>> runs = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                RealForksHistoryTest.class.getResourceAsStream("/history/accessor-fork-levels.csv"), StandardCharsets.UTF_8))) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",");
                runs.computeIfAbsent(f[0], r -> new LinkedHashMap<>()).put(f[1] + "," + f[2] + "," + f[3],
                        new double[] {Double.parseDouble(f[4]), Double.parseDouble(f[5])});
            }
        }
        return runs;
    }

    /** Records a history of {@link #RUNS} runs, {@code stepped} subsections {@link #STEP} slower from run {@link #STEP_AT}. */
    private static List<HistoryChanges.Change> history(String db, long seed, Set<String> stepped) throws IOException {
        Map<String, Map<String, double[]>> real = forks();
        List<String> names = new ArrayList<>(real.keySet());
        Random random = new Random(seed);
        try (HistoryStore store = HistoryStore.open(db)) {
            for (int i = 0; i < RUNS; i++) {
                Map<String, double[]> run = real.get(names.get(random.nextInt(names.size())));
                List<RecordedSubsection> subsections = new ArrayList<>();
                for (Map.Entry<String, double[]> e : run.entrySet()) {
                    String[] id = e.getKey().split(",");
                    double step = stepped.contains(e.getKey()) && i >= STEP_AT ? Math.log1p(STEP) : 0;
                    List<RecordedSubsection.Fork> list = new ArrayList<>();
                    for (double level : e.getValue()) {
                        list.add(new RecordedSubsection.Fork(level + step, level + step, Double.NaN, Double.NaN));
                    }
                    subsections.add(new RecordedSubsection(id[0], new SubsectionKey(id[1], id[2]), "ns/op", 50,
                            Math.exp(e.getValue()[0]), list));
                }
                store.record(new RecordedRun("c" + i, "main", Instant.parse("2026-11-01T00:00:00Z").plusSeconds(600L * i),
                        "linux-amd64-2cpu-jdk17", 3400, "fixture", subsections));
            }
            return HistoryChanges.analyse(store, ChangePointDetector.withDefaults());
        }
    }

    private static Set<String> pick(long seed, int count) throws IOException {
        List<String> keys = new ArrayList<>(forks().values().iterator().next().keySet());
        java.util.Collections.shuffle(keys, new Random(seed));
        return new HashSet<>(keys.subList(0, count));
    }

    private static String id(HistoryChanges.Change c) {
        return c.benchmark() + "," + c.key().section() + "," + c.key().subsection();
    }

    /**
     * The targets as rates over five histories, each with its own ten stepped subsections and
     * its own draw of real runs: at least 8 of 10 steps found within two runs of the step (40 of 50),
     * at most 3 change points elsewhere per history (15 of 1,360). Single histories vary (measured
     * with the same method in Python: 6 to 9 of 10 found, 0 to 2 elsewhere).
     */
    @Test
    void aTwelvePercentStepInTenSubsectionsIsFoundNearWhereItIs() throws IOException {
        int found = 0;
        int elsewhere = 0;
        StringBuilder perHistory = new StringBuilder();
        for (long seed = 1; seed <= HISTORIES; seed++) {
            Set<String> stepped = pick(seed, 10);
            int foundHere = 0;
            int elsewhereHere = 0;
            for (HistoryChanges.Change c : history(dir.resolve("step-" + seed + ".db").toString(), seed, stepped)) {
                if (c.benchmark().equals(HistoryChanges.SUITE)) {
                    continue;
                }
                int run = Integer.parseInt(c.commit().substring(1));
                if (stepped.contains(id(c)) && Math.abs(run - STEP_AT) <= 2 && c.regression()) {
                    foundHere++;
                } else {
                    elsewhereHere++;
                }
            }
            perHistory.append(' ').append(foundHere).append('/').append(elsewhereHere);
            found += foundHere;
            elsewhere += elsewhereHere;
        }
        assertTrue(found >= 8 * HISTORIES, found + " of " + 10 * HISTORIES + " steps found (found/elsewhere per history:"
                + perHistory + ")");
        assertTrue(elsewhere <= 3 * HISTORIES, elsewhere + " change points elsewhere (per history:" + perHistory + ")");
    }

    /** Without a step, at most 1 % of subsections with a change point, over five histories (14 of 1,410). */
    @Test
    void withoutAStepAtMostOnePercentOfSubsectionsHaveAChangePoint() throws IOException {
        long subsections = 0;
        StringBuilder perHistory = new StringBuilder();
        for (long seed = 101; seed < 101 + HISTORIES; seed++) {
            long here = history(dir.resolve("null-" + seed + ".db").toString(), seed, Set.of()).stream()
                    .filter(c -> !c.benchmark().equals(HistoryChanges.SUITE)).map(RealForksHistoryTest::id).distinct().count();
            perHistory.append(' ').append(here);
            subsections += here;
        }
        assertTrue(subsections <= 282 * HISTORIES / 100, subsections + " of " + 282 * HISTORIES
                + " subsections with a change point (per history:" + perHistory + ")");
    }
}
