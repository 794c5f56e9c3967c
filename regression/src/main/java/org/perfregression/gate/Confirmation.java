package org.perfregression.gate;

/** What re-measuring a flagged subsection in fresh forks said. */
public enum Confirmation {
    /** Not flagged by the first test: nothing to confirm. */
    NOT_FLAGGED("not_flagged"),
    /** Fresh forks showed the same change: the verdict stands. */
    CONFIRMED("confirmed"),
    /** Fresh forks did not show it: a transient, no verdict. */
    CLEARED("cleared"),
    /** Flagged, but not re-measured (no confirmation run, or beyond its budget): the verdict stands unconfirmed. */
    NOT_REMEASURED("not_remeasured"),
    /**
     * Not judged alone: the whole suite moved beyond the machine's run-to-run tolerance and this
     * subsection moved with it (see {@link GateCheck}).
     */
    SUITE_WIDE("suite_wide", "suite-wide"),
    /**
     * Not judged alone: its benchmark moved against the rest of the suite beyond the benchmark
     * tolerance and this subsection moved with it (see {@link BenchmarkMove}).
     */
    BENCHMARK_WIDE("benchmark_wide", "benchmark-wide"),
    /**
     * Not a statistical verdict: an exact measure (bytes allocated per operation) compared fork by
     * fork over every fork of each side, fresh forks included (see {@code allocation.AllocationCheck}).
     */
    EXACT("exact"),
    /**
     * A regression, accepted for a while with a reason ({@link Acceptance}): reported, but it fails
     * nothing until the acceptance expires.
     */
    ACCEPTED("accepted");

    private final String id;
    private final String label;

    Confirmation(String id) {
        this(id, id.replace('_', ' '));
    }

    Confirmation(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** For people: {@code suite-wide}, {@code confirmed}. */
    public String label() {
        return label;
    }

    public String id() {
        return id;
    }
}
