package org.perfregression.cli;

/** Whether standard output is a terminal that wants colour. */
final class Terminal {

    private Terminal() {
    }

    /** True on an interactive terminal, unless NO_COLOR is set (https://no-color.org). */
    static boolean colour() {
        return System.console() != null && System.getenv("NO_COLOR") == null;
    }
}
