package org.perfregression.suite;

/**
 * A real, relative slowdown of every accessor operation, for measuring what the gate detects:
 * {@code -Daccessor.slowdown.pct=P} makes every {@code 100/P}-th call of a benchmark's operation
 * perform the operation a second time (on other inputs where it has any, so that the JIT cannot
 * reuse the first result), so the operation costs about P % more on average, through the JIT, not by
 * scaling numbers. A countdown decides which call; with the property absent {@link #EVERY} is 0, a
 * constant the JIT folds, and the check costs nothing.
 *
 * <p>The second run is a method of its own that is never inlined: inlined, the operation's second copy
 * changed how the JIT compiled the benchmark's own call, and the slowdown overshot (a nominal 10 %
 * measured about +26 %, 5 % about +18 %). Out of line, the benchmark's code stays the one measured
 * without the property, and the extra cost is the operation plus one call.
 *
 * <p>Operations the JIT folds to a constant (the fully static constructor) cost the same twice; for
 * them only the countdown itself is added (about a cycle), so their slowdown is not P %.
 */
public final class Slowdown {

    public static final String PROPERTY = "accessor.slowdown.pct";

    /** Every how many calls the operation runs twice; 0 for never. */
    public static final int EVERY = every(System.getProperty(PROPERTY));

    private Slowdown() {
    }

    static int every(String pct) {
        if (pct == null || pct.isBlank()) {
            return 0;
        }
        double p;
        try {
            p = Double.parseDouble(pct.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be a percentage in (0, 100], got '" + pct + "'");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be a percentage in (0, 100], got " + pct);
        }
        return (int) Math.max(1, Math.round(100 / p));
    }

    /** The per-thread countdown, as a base of the benchmarks' state classes. */
    public static class Countdown {

        private int countdown = EVERY;

        /** Whether this call runs the operation a second time. */
        public final boolean slowdown() {
            if (EVERY > 0 && --countdown == 0) {
                countdown = EVERY;
                return true;
            }
            return false;
        }
    }
}
