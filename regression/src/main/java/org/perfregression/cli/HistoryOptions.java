package org.perfregression.cli;

import java.nio.file.Path;
import org.perfregression.history.RunRecorder;
import picocli.CommandLine.Option;

/** {@code --history DB}: the main job and {@code compare} record the run they judged. */
public final class HistoryOptions {

    @Option(names = "--history", paramLabel = "DB",
            description = "Also record this run in the history DB (a SQLite file, created when missing, or "
                    + "jdbc:postgresql://...), for change points over runs: see history --help.")
    String db;

    @Option(names = "--commit", paramLabel = "SHA",
            description = "With --history: the commit measured (default: GITHUB_SHA, else git rev-parse HEAD).")
    String commit;

    @Option(names = "--branch", paramLabel = "B", description = "With --history: its branch (default: as --commit).")
    String branch;

    /**
     * Before anything is measured: the commit to record is known and the store opens (a foreign or
     * corrupt file, a newer schema fail here, not after a ten-minute run).
     */
    void prepare() {
        if (db != null) {
            org.perfregression.history.Revision revision = RunRecorder.revision(commit, branch);
            commit = revision.commit();
            branch = revision.branch();
            org.perfregression.history.HistoryStore.open(db).close();
        }
    }

    /** Records the run in {@code folder} when {@code --history} was given; says what it recorded, or null. */
    String record(Path folder) {
        return db == null ? null : RunRecorder.record(db, folder, commit, branch, null, null);
    }

    /** {@code --commit} or {@code --branch} without {@code --history} is a mistake worth naming. */
    void requireConsistent(Path current) {
        if (db != null && current != null && !java.nio.file.Files.isDirectory(current)) {
            throw new org.perfregression.data.InvalidInputException(current + ": --history records a folder of "
                    + "PerformanceData files with their sidecars, not one file");
        }
        if (db == null && (commit != null || branch != null)) {
            throw new org.perfregression.data.InvalidInputException((commit != null ? "--commit" : "--branch")
                    + " only makes sense with --history");
        }
    }
}
