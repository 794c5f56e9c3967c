package org.perfregression.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.data.InvalidInputException;
import org.perfregression.gate.MeasuredFork;
import org.perfregression.input.Dataset;

/**
 * What every store must do, run against SQLite ({@link SqliteHistoryTest}) and against a real
 * PostgreSQL server ({@link PostgresHistoryIT}) alike.
 */
abstract class HistoryStoreContract {

    /** A fresh, empty store: a file path or a JDBC URL. */
    abstract String newStore() throws Exception;

    /** The JDBC URL of {@code store}, to look inside it. */
    abstract String jdbcUrl(String store);

    @Test
    void aRunIsReadBackAsItWasRecorded() throws Exception {
        String db = newStore();
        RecordedRun run = Runs.run(1, 5, 0.02, 0, 0, 0, new Random(1));
        try (HistoryStore store = HistoryStore.open(db)) {
            long id = store.record(run);
            assertEquals(1, id);
            HistoryStore.StoredRun stored = store.runs().get(0);
            assertEquals(run.commit(), stored.commit());
            assertEquals(run.time(), stored.time());
            assertEquals("machine-a", stored.machine());
            List<RecordedSubsection> back = store.subsections(id);
            assertEquals(5, back.size());
            RecordedSubsection first = run.subsections().stream().filter(s -> s.key().equals(back.get(0).key()))
                    .findFirst().orElseThrow();
            assertEquals(first.forks().get(0).level(), back.get(0).forks().get(0).level(), 1e-12);
            assertEquals(24, back.get(0).forks().get(0).allocBytesPerOp());
            assertTrue(Double.isNaN(back.get(0).forks().get(1).allocBytesPerOp()), "an allocation not measured stays NaN");
            assertEquals(2, store.record(run));
        }
    }

    @Test
    void samplesAreKeptWholeAndAStoreOfSchemaOneGainsThem(@TempDir java.nio.file.Path dir) throws Exception {
        String db = newStore();
        try (HistoryStore store = HistoryStore.open(db)) {
            store.record(Runs.run(1, 5, 0.02, 0, 0, 0, new Random(1)));
        }
        // The store as schema 1 left it: levels only, no table of samples.
        try (Connection c = DriverManager.getConnection(jdbcUrl(db)); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE perf_run_data");
            s.executeUpdate("UPDATE perf_history_meta SET value = '1' WHERE name = 'schema_version'");
        }
        RecordedRun run = Runs.recorded(dir, 2, 0, 1, "machine-a");
        try (HistoryStore store = HistoryStore.open(db)) {
            long id = store.record(run);
            assertEquals(List.of(id), store.runsWithData("machine-a").stream().map(HistoryStore.StoredRun::id).toList());
            assertTrue(store.runsWithData("machine-b").isEmpty());
            assertTrue(store.datasets(1).isEmpty(), "a run of schema 1 has no samples");
            Dataset original = run.datasets().get("constructor");
            Dataset back = store.datasets(id).get("constructor");
            assertEquals(original.data(), back.data());
            assertEquals(original.unit(), back.unit());
            assertEquals(original.platform(), back.platform());
            assertEquals(original.forks().forks().keySet(), back.forks().forks().keySet());
            List<MeasuredFork> forks = original.forks().forks().values().iterator().next();
            List<MeasuredFork> forksBack = back.forks().forks().values().iterator().next();
            assertEquals(3, forksBack.size());
            for (int f = 0; f < 3; f++) {
                assertArrayEquals(forks.get(f).speeds(), forksBack.get(f).speeds());
                assertEquals(forks.get(f).startedMillis(), forksBack.get(f).startedMillis());
                assertEquals(forks.get(f).confirmation(), forksBack.get(f).confirmation());
                assertEquals(forks.get(f).allocBytesPerOp(), forksBack.get(f).allocBytesPerOp());
            }
        }
    }

    @Test
    void theSchemaCarriesItsVersionAndANewerOneIsRefused() throws Exception {
        String db = newStore();
        HistoryStore.open(db).close();
        try (Connection c = DriverManager.getConnection(jdbcUrl(db)); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT value FROM perf_history_meta WHERE name = 'schema_version'")) {
                assertTrue(rs.next());
                assertEquals(String.valueOf(HistoryStore.SCHEMA_VERSION), rs.getString(1));
            }
            s.executeUpdate("UPDATE perf_history_meta SET value = '99' WHERE name = 'schema_version'");
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> HistoryStore.open(db));
        assertTrue(e.getMessage().contains("version 99") && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void writersAtTheSameTimeAllLand() throws Exception {
        String db = newStore();
        HistoryStore.open(db).close();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<Long>>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                List<Long> ids = new ArrayList<>();
                try (HistoryStore store = HistoryStore.open(db)) {
                    for (int i = 0; i < 5; i++) {
                        ids.add(store.record(Runs.run(writer * 10 + i, 20, 0.02, 0, 0, 0, new Random(writer))));
                    }
                }
                return ids;
            }));
        }
        Set<Long> ids = new HashSet<>();
        for (Future<List<Long>> f : writers) {
            ids.addAll(f.get(5, TimeUnit.MINUTES));
        }
        pool.shutdown();
        assertEquals(20, ids.size());
        try (HistoryStore store = HistoryStore.open(db)) {
            assertEquals(20, store.runs().size());
            for (HistoryStore.StoredRun run : store.runs()) {
                assertEquals(20, store.subsections(run.id()).size());
            }
        }
    }

    @Test
    void aWriterKilledDuringRecordLosesNothingAlreadyRecorded() throws Exception {
        String db = newStore();
        HistoryStore.open(db).close();
        Process writer = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HistoryWriterChild.class.getName(), db, "3000")
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (lines.stream().filter(l -> l.startsWith("recorded ")).count() == 3) {
                    // in the middle of the fourth run's transaction, most likely: 3,000 subsections take a while
                    Thread.sleep(new Random().nextInt(50));
                    writer.destroyForcibly();
                    break;
                }
            }
        }
        assertTrue(writer.waitFor(60, TimeUnit.SECONDS));
        assertTrue(lines.stream().filter(l -> l.startsWith("recorded ")).count() == 3, String.join("\n", lines));
        try (HistoryStore store = HistoryStore.open(db)) {
            List<HistoryStore.StoredRun> runs = store.runs();
            assertTrue(runs.size() >= 3, runs.size() + " runs");
            for (HistoryStore.StoredRun run : runs) {
                List<RecordedSubsection> subsections = store.subsections(run.id());
                assertEquals(3000, subsections.size(), "run " + run.id());
                assertTrue(subsections.stream().allMatch(s -> s.forks().size() == 2), "run " + run.id());
            }
            assertEquals(runs.size() + 1, store.record(Runs.run(99, 3, 0.02, 0, 0, 0, new Random(2))));
        }
    }

    @Test
    void changePointsAreFoundAndAnAppendedRunReExaminesOnlyWhatItCanChange() throws Exception {
        String db = newStore();
        Random random = new Random(11);
        try (HistoryStore store = HistoryStore.open(db)) {
            for (int i = 0; i < 30; i++) {
                store.record(Runs.run(i, 40, 0.02, 20, 0.15, 3, random));
            }
            List<HistoryChanges.Change> changes = HistoryChanges.analyse(store, ChangePointDetector.withDefaults());
            List<HistoryChanges.Change> subsections = changes.stream()
                    .filter(c -> !c.benchmark().equals(HistoryChanges.SUITE)).toList();
            assertEquals(3, subsections.size(), changes.toString());
            for (HistoryChanges.Change c : subsections) {
                assertTrue(c.regression() && c.changePct() > 10, c.toString());
                assertEquals(String.format("%040x", 20), c.commit(), c.toString());
            }
            assertEquals(changes, HistoryChanges.analyse(store, ChangePointDetector.withDefaults()),
                    "nothing new, nothing changed");
            store.record(Runs.run(30, 40, 0.02, 20, 0.15, 3, random));
            // Searched again from each subsection's last change point on: the change points found stay.
            List<HistoryChanges.Change> after = HistoryChanges.analyse(store, ChangePointDetector.withDefaults());
            assertTrue(after.containsAll(subsections), after.toString());
        }
    }
}
