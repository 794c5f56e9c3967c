package org.perfregression.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job judged against this machine's history ({@code --baseline history}), on synthetic
 * results (no JMH run): the first run is recorded and passes, the next is compared with it, a
 * slowdown fails, and the ground truth is never written.
 */
class HistoryBaselineJobTest {

    @TempDir
    Path dir;

    private MainJob run(String results, String... more) {
        return against("history", results, more);
    }

    private MainJob against(String baseline, String results, String... more) {
        return MainJob.run(Stream.concat(Stream.of("--from-results", dir.resolve(results).toString(), "--gt-dir",
                dir.resolve("gt").toString(), "--baseline", baseline, "--history", dir.resolve("history.db").toString(),
                "--commit", "c0ffee"), Stream.of(more)).toArray(String[]::new));
    }

    @Test
    void theFirstRunIsRecordedTheNextComparedWithItAndASlowdownFails() throws IOException {
        SyntheticRun.wholeSuite().samples(2, 25).write(dir.resolve("first"));
        MainJob first = run("first");
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.out().contains("history: recorded run 1 of c0ffee")
                && first.out().contains("the next run on this machine is judged against this one"), first.out());
        assertFalse(Files.exists(dir.resolve("first/report.json")), "nothing was compared, so no report");

        SyntheticRun.wholeSuite().samples(2, 25).write(dir.resolve("second"));
        MainJob second = run("second");
        assertEquals(0, second.exitCode(), second.toString());
        assertTrue(second.out().contains("baselines: the history ") && second.out().contains("(1 run of "), second.out());
        assertTrue(second.out().contains("history: recorded run 2 of c0ffee"), second.out());
        assertTrue(Files.exists(dir.resolve("second/report.json")));

        // The second run analysed again: never its own baseline, never recorded twice.
        MainJob again = run("second");
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("(1 run of ") && again.out().contains("is run 2 of ")
                && again.out().contains("already; not recorded again"), again.out());

        SyntheticRun.wholeSuite().samples(2, 25).scaled(1.3).write(dir.resolve("slower"));
        MainJob slower = run("slower");
        assertEquals(1, slower.exitCode(), slower.toString());
        assertTrue(slower.out().contains("(2 runs of "), slower.out());
        assertFalse(Files.exists(dir.resolve("gt")), "the ground truth is never written by a run against the history");
    }

    @Test
    void badChoicesAreOneLineErrors() throws IOException {
        SyntheticRun.wholeSuite().samples(2, 25).write(dir.resolve("first"));
        MainJob unknown = against("yesterday", "first");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("--baseline yesterday: expected gt or history"), unknown.err());
        MainJob none = run("first", "--baseline-runs", "0");
        assertEquals(2, none.exitCode(), none.toString());
        assertTrue(none.err().contains("--baseline-runs 0"), none.err());
        MainJob regenerate = MainJob.run("--from-results", dir.resolve("first").toString(), "--gt-dir",
                dir.resolve("gt").toString(), "--baseline", "history", "--regenerate-gt", "--allow-busy");
        assertEquals(2, regenerate.exitCode(), regenerate.toString());
        assertTrue(regenerate.err().contains("--baseline with --regenerate-gt"), regenerate.err());
    }
}
