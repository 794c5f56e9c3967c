package org.perfregression.check;

/** What the rule concluded for one subsection. */
public enum Verdict {
    REGRESSION("regression"),
    IMPROVEMENT("improvement"),
    NO_CHANGE("no_change");

    private final String id;

    Verdict(String id) {
        this.id = id;
    }

    /** The lower-case identifier used in JSON and reports: {@code regression}, {@code no_change}. */
    public String id() {
        return id;
    }
}
