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
    SUITE_WIDE("suite_wide");

    private final String id;

    Confirmation(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
