package org.perfregression.cli;

import java.nio.file.Path;
import org.perfregression.history.RunRecorder;
import picocli.CommandLine.Option;

/** {@code --history DB}: the main job, {@code compare} and {@code ab} record the run they judged. */
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

    @Option(names = "--movement-runs", paramLabel = "N",
            description = "With --history and the gate (the main job, compare): judge each subsection against how far "
                    + "its level moved between this machine's last N recorded runs since its last change point, beyond "
                    + "its forks' noise, where that exceeds the run's own spread (at least "
                    + org.perfregression.gate.RunMovement.MIN_RUNS + " runs of it; 0: off; default: ${DEFAULT-VALUE}).")
    int movementRuns = DEFAULT_MOVEMENT_RUNS;

    /** Runs read for each subsection's movement: enough for a spread, few enough to follow the machine. */
    static final int DEFAULT_MOVEMENT_RUNS = 10;

    /**
     * The recorded runs of {@code machine} each subsection's movement from run to run is estimated
     * from (see {@code --movement-runs}); empty without a history, with {@code --movement-runs 0}, or
     * before any run of that machine. Runs recorded from {@code judged} are left out.
     */
    java.util.List<java.util.Map<String, org.perfregression.input.Dataset>> recordedRuns(String machine, Path judged) {
        requireMovementRuns();
        if (db == null || movementRuns == 0) {
            return java.util.List.of();
        }
        try (org.perfregression.history.HistoryStore store = org.perfregression.history.HistoryStore.open(db)) {
            return org.perfregression.history.HistoryBaseline.recentRuns(store, machine, movementRuns, judged).stream()
                    .map(org.perfregression.history.HistoryBaseline.RecentRun::datasets).toList();
        }
    }

    /**
     * Before anything is measured: the commit to record is known and the store opens (a foreign or
     * corrupt file, a newer schema fail here, not after a ten-minute run).
     */
    void prepare() {
        requireMovementRuns();
        if (db != null) {
            org.perfregression.history.Revision revision = local && commit == null
                    ? org.perfregression.history.Revision.detect(Path.of("")) : RunRecorder.revision(commit, branch);
            commit = revision.commit() != null ? revision.commit() : UNKNOWN_COMMIT;
            branch = branch != null ? branch : revision.branch();
            org.perfregression.history.HistoryStore.open(db).close();
        }
    }

    private void requireMovementRuns() {
        if (movementRuns < 0) {
            throw new org.perfregression.data.InvalidInputException("--movement-runs " + movementRuns
                    + ": a number of runs, 0 for none");
        }
    }

    /** The commit a machine's own history records when the working folder is not a git checkout. */
    static final String UNKNOWN_COMMIT = "unknown";

    /** Whether the store is this machine's own, chosen for the user rather than named with --history. */
    private boolean local;

    /**
     * Records in {@code file} unless --history named a store: this machine's own history, whose
     * folder is created, and where a run outside a git checkout is recorded as commit "unknown".
     */
    void useLocal(Path file) {
        if (db != null) {
            return;
        }
        db = file.toString();
        local = true;
        Path parent = file.toAbsolutePath().getParent();
        try {
            java.nio.file.Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new org.perfregression.data.InvalidInputException(parent + ": cannot create the folder of the history "
                    + file + " (" + e.getMessage() + ")");
        }
    }

    /**
     * Records the run in {@code folder} when there is a store; says what it recorded, or null.
     *
     * @param machine the machine to record it under, or null for the platform its sidecars name
     */
    String record(Path folder, String machine) {
        return db == null ? null : RunRecorder.record(db, folder, commit, branch, null, machine);
    }

    /**
     * Records {@code datasets} (one run's benchmarks, each measured fork by fork) when there is a
     * store; says what it recorded, or null.
     */
    String record(java.util.Map<String, org.perfregression.input.Dataset> datasets, String source) {
        return db == null ? null : RunRecorder.record(db, RunRecorder.of(datasets, source, commit, branch,
                java.time.Instant.now(), null));
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
