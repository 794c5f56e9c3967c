package org.perfregression.cli;

/** The exit codes every command of this project uses; CI gates on them. */
public final class ExitCode {

    /** No regression. */
    public static final int OK = 0;
    /** At least one regression, or a baseline subsection without a current result. */
    public static final int REGRESSION = 1;
    /** Invalid input or usage, or a benchmark that failed. */
    public static final int INVALID = 2;
    /**
     * The baseline was measured on another platform (or there is none for this one), or the run found
     * a regression on a machine far busier than when its baselines were made.
     */
    public static final int PLATFORM = 3;

    /** The help text every command's footer shows. */
    public static final String HELP = "Exit codes: 0 no regression, 1 regression (or a baseline without current data), "
            + "2 invalid input, usage or a failed benchmark, 3 not comparable: the baseline is from another platform "
            + "or there is none for this one, or a regression came on a far busier machine than the baselines'.";

    private ExitCode() {
    }
}
