package org.perfregression.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.testing.Cli;
import org.perfregression.testing.ResultsFolders;

/** {@code history record} and {@code history changes} as a user runs them, on folders as the main job writes them. */
class HistoryCommandTest {

    @TempDir
    Path dir;

    private static Cli run(String... args) {
        return Cli.run((out, err) -> Main.run(out, err, args));
    }

    private Path results(String name, long seed, int slower, double factor) throws Exception {
        return ResultsFolders.write(dir.resolve(name), seed, slower, factor);
    }

    @Test
    void runsAreRecordedAndTheCommitThatChangedASubsectionIsNamed() throws Exception {
        String db = dir.resolve("history.db").toString();
        for (int i = 0; i < 12; i++) {
            Cli r = run("history", "record", "--db", db, "--results", results("run" + i, i, 3, i >= 8 ? 1.2 : 1).toString(),
                    "--commit", "commit" + i, "--branch", "main", "--time", "2026-11-0" + (1 + i / 10) + "T" + (10 + i % 10)
                            + ":00:00Z");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().startsWith("history: recorded run " + (i + 1) + " of commit" + i + " on "), r.out());
        }
        Cli json = run("history", "changes", "--db", db, "--format", "json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode changes = new ObjectMapper().readTree(json.out());
        List<String> subsections = new ArrayList<>();
        for (JsonNode c : changes) {
            if (c.get("benchmark").asText().equals("constructor")) {
                subsections.add(c.get("subsection").asText());
                assertEquals("commit8", c.get("commit").asText(), c.toString());
                assertEquals("regression", c.get("direction").asText());
                assertTrue(c.get("change_pct").asDouble() > 15 && c.get("change_pct").asDouble() < 25, c.toString());
            }
        }
        assertEquals(List.of("config_0", "config_1", "config_2"), subsections.stream().sorted().toList());
        Cli markdown = run("history", "changes", "--db", db, "--format", "markdown");
        assertTrue(markdown.out().contains("| regression | constructor | rank_2 | config_0 |"), markdown.out());
        Cli text = run("history", "changes", "--db", db);
        assertTrue(text.out().contains("regression  constructor rank_2 config_0"), text.out());
    }

    @Test
    void compareRecordsTheRunItJudgedAndABadStoreFailsBeforeComparing() throws Exception {
        Path baseline = results("baseline", 1, 0, 1);
        Path current = results("current", 2, 0, 1);
        String db = dir.resolve("history.db").toString();
        Cli compared = run("compare", "--baseline", baseline.toString(), "--current", current.toString(), "--rule", "gate",
                "--history", db, "--commit", "abc123", "--format", "json=" + dir.resolve("report.json"));
        assertTrue(compared.exitCode() <= 1, compared.err());
        assertTrue(compared.err().contains("history: recorded run 1 of abc123"), compared.err());
        Path notes = Files.writeString(dir.resolve("notes.db"), "not a database at all, just notes\n".repeat(10));
        Cli refused = run("compare", "--baseline", baseline.toString(), "--current", current.toString(),
                "--history", notes.toString(), "--commit", "abc123", "--format", "json=" + dir.resolve("report2.json"));
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("not a SQLite database"), refused.err());
        assertTrue(!Files.exists(dir.resolve("report2.json")), "refused before comparing");
        Cli noHistory = run("compare", "--baseline", baseline.toString(), "--current", current.toString(), "--commit", "x");
        assertEquals(2, noHistory.exitCode());
        assertTrue(noHistory.err().contains("--commit only makes sense with --history"), noHistory.err());
    }

    @Test
    void compareAgainstTheHistoryRecordsTheFirstRunAndJudgesTheNextOnes() throws Exception {
        String db = dir.resolve("rolling.db").toString();
        Cli first = run("compare", "-b", "history", "--history", db, "--commit", "a1", "-c",
                results("first", 1, 0, 1).toString(), "--rule", "gate");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.err().contains("history: recorded run 1 of a1") && first.err().contains("nothing to compare with "
                + "yet"), first.err());
        Cli same = run("compare", "-b", "history", "--history", db, "--commit", "a2", "-c",
                results("same", 2, 0, 1).toString(), "--rule", "gate");
        assertEquals(0, same.exitCode(), same.out() + same.err());
        assertTrue(same.err().contains("baselines: the history " + db + " (1 run of "), same.err());
        assertTrue(same.out().contains("12 compared: 0 regressions"), same.out());
        Cli slower = run("compare", "-b", "history", "--history", db, "--commit", "a3", "-c",
                results("slower", 3, 12, 1.3).toString(), "--rule", "gate");
        assertEquals(1, slower.exitCode(), slower.out() + slower.err());
        assertTrue(slower.err().contains("(2 runs of "), slower.err());
        Cli oneFile = run("compare", "-b", "history", "--history", db, "--commit", "a4", "-c",
                dir.resolve("same/constructor.json").toString());
        assertEquals(2, oneFile.exitCode());
        assertTrue(oneFile.err().contains("records a folder"), oneFile.err());
    }

    @Test
    void aSubsectionIsJudgedAgainstHowItMovedBetweenRecordedRuns() throws Exception {
        String db = dir.resolve("movement.db").toString();
        Path gt = results("gt", 100, 0, 1);
        // config_0 moved from run to run by up to 40 % on unchanged code; the rest stayed within 1 %.
        double[] moved = {1, 1.4, 1, 0.75, 1.3};
        for (int i = 0; i < moved.length; i++) {
            Cli r = run("history", "record", "--db", db, "--results", results("run" + i, i, 1, moved[i]).toString(),
                    "--commit", "c" + i, "--time", "2026-11-01T1" + i + ":00:00Z");
            assertEquals(0, r.exitCode(), r.err());
        }
        Path current = results("current", 50, 1, 1.45);
        java.util.function.Function<String, Cli> judge = runs -> run("compare", "-b", gt.toString(), "-c",
                current.toString(), "--rule", "gate", "--history", db, "--commit", "c5", "--movement-runs", runs);
        Cli alone = judge.apply("0");
        assertEquals(1, alone.exitCode(), alone.out() + alone.err());
        assertTrue(alone.out().contains("1 regression"), alone.out());
        // The same run again (now recorded: never its own history), judged against config_0's movement.
        Cli judged = judge.apply("10");
        assertEquals(0, judged.exitCode(), judged.out() + judged.err());
        assertTrue(judged.out().contains("run-to-run movement from 5 recorded runs: 12 subsections estimated"),
                judged.out());
        assertTrue(judged.out().contains("largest 28.6%: constructor rank_2.config_0"), judged.out());
        assertTrue(judged.err().contains("already; not recorded again"), judged.err());
        // Too few runs for an estimate: judged as before.
        Cli two = judge.apply("2");
        assertEquals(1, two.exitCode(), two.out() + two.err());
        assertTrue(two.out().contains("no subsection in 3 of them"), two.out());
        Cli negative = judge.apply("-1");
        assertEquals(2, negative.exitCode());
        assertTrue(negative.err().contains("--movement-runs -1: a number of runs, 0 for none"), negative.err());
    }

    @Test
    void aFolderMeasuredAgainIsANewRun() throws Exception {
        // The Maven plugin measures every run of a module into the same folder.
        String db = dir.resolve("plugin.db").toString();
        Path folder = dir.resolve("module/target/perf-regression/run");
        ResultsFolders.write(folder, 1, 0, 1, 1_764_000_000_000L);
        Cli first = run("history", "record", "--db", db, "--results", folder.toString(), "--commit", "a1");
        assertTrue(first.out().startsWith("history: recorded run 1 of a1"), first.out() + first.err());
        Cli again = run("history", "record", "--db", db, "--results", folder.toString(), "--commit", "a1");
        assertTrue(again.out().contains("is run 1 of " + db + " already; not recorded again"), again.out() + again.err());
        ResultsFolders.write(folder, 2, 0, 1, 1_764_000_900_000L);
        Cli second = run("history", "record", "--db", db, "--results", folder.toString(), "--commit", "a2");
        assertTrue(second.out().startsWith("history: recorded run 2 of a2"), second.out() + second.err());
        // Judged again, the second run is not its own baseline; the first is.
        Cli judged = run("compare", "-b", "history", "--history", db, "--commit", "a2", "-c", folder.toString(),
                "--rule", "gate");
        assertEquals(0, judged.exitCode(), judged.out() + judged.err());
        assertTrue(judged.err().contains("(1 run of ") && judged.err().contains("#1)"), judged.err());
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws Exception {
        String db = dir.resolve("history.db").toString();
        Path folder = results("run", 1, 0, 1);
        Map<String, String[]> cases = Map.of(
                "--time yesterday: not an ISO-8601 time",
                new String[] {"history", "record", "--db", db, "--results", folder.toString(), "--commit", "a", "--time",
                    "yesterday"},
                "not a folder",
                new String[] {"history", "record", "--db", db, "--results", folder.resolve("constructor.json").toString(),
                    "--commit", "a"},
                "--format xml: expected text, markdown or json",
                new String[] {"history", "changes", "--db", db, "--format", "xml"},
                "unsupported database",
                new String[] {"history", "changes", "--db", "jdbc:mysql://localhost/x"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            Cli r = run(c.getValue());
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains(c.getKey()) && r.err().strip().lines().count() == 1, r.err());
        }
        Files.delete(folder.resolve("constructor.meta.json"));
        Files.writeString(folder.resolve("constructor.meta.json"), "{\"unit\": \"ns/op\"}");
        Cli noForks = run("history", "record", "--db", db, "--results", folder.toString(), "--commit", "a");
        assertEquals(2, noForks.exitCode());
        assertTrue(noForks.err().contains("its sidecar has no \"forks\""), noForks.err());
    }
}
