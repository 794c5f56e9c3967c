package org.perfregression.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.perfregression.input.Dataset;

/**
 * One run as the history keeps it: where and when it ran, and per subsection its forks.
 *
 * @param commit the commit measured
 * @param branch its branch; null when unknown
 * @param time when it ran
 * @param machine the platform id of the machine (runs are compared only within one machine)
 * @param calibrationNs the calibration kernel's 10th-percentile time over the run (the machine's
 *     speed); NaN when measured without it
 * @param source where the run was read from, e.g. its results folder
 * @param subsections what it measured
 * @param datasets per benchmark, the samples and sidecar as measured, so that later runs can be judged
 *     against this one ({@link HistoryBaseline}); empty when only the levels are kept
 */
public record RecordedRun(String commit, String branch, Instant time, String machine, double calibrationNs,
        String source, List<RecordedSubsection> subsections, Map<String, Dataset> datasets) {

    /** A run whose levels alone are kept. */
    public RecordedRun(String commit, String branch, Instant time, String machine, double calibrationNs,
            String source, List<RecordedSubsection> subsections) {
        this(commit, branch, time, machine, calibrationNs, source, subsections, Map.of());
    }

    public RecordedRun {
        if (commit == null || commit.isBlank()) {
            throw new IllegalArgumentException("a run needs the commit it measured");
        }
        if (machine == null || machine.isBlank()) {
            throw new IllegalArgumentException("a run needs the machine it ran on");
        }
        subsections = List.copyOf(subsections);
        datasets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(datasets));
    }
}
