package org.perfregression.suite;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * A real, relative slowdown of every accessor operation, for measuring what the gate detects:
 * {@code -Daccessor.slowdown.pct=P} makes every {@code 100/P}-th call of a benchmark's operation
 * perform the operation a second time (on other inputs where it has any, so that the JIT cannot
 * reuse the first result), so the operation costs about P % more on average, through the JIT, not by
 * scaling numbers. A countdown decides which call; with the property absent {@link #EVERY} is 0, a
 * constant the JIT folds, and the check costs nothing. {@code -Daccessor.slowdown.only=NAME[,NAME]}
 * restricts it to the named benchmarks (the others' constant is 0): one code path slowed.
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

    /** {@code -Daccessor.slowdown.only=NAME[,NAME]}: the benchmarks the slowdown applies to (default: all). */
    public static final String ONLY_PROPERTY = "accessor.slowdown.only";

    /** Every how many calls the operation runs twice; 0 for never. */
    public static final int EVERY = callsPer(System.getProperty(PROPERTY));

    private static final Set<String> ONLY = only(System.getProperty(ONLY_PROPERTY), benchmarkNames());

    private Slowdown() {
    }

    /**
     * Every how many calls {@code benchmark}'s operation runs twice: {@link #EVERY}, or 0 when
     * {@code -Daccessor.slowdown.only} names other benchmarks. Held in a static final by each
     * benchmark, so that the JIT folds it as it folds {@link #EVERY}.
     */
    public static int everyFor(String benchmark) {
        return ONLY.isEmpty() || ONLY.contains(benchmark) ? EVERY : 0;
    }

    /** The names in {@code value} (comma-separated), each one of {@code known}; empty for all. */
    static Set<String> only(String value, Set<String> known) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        Set<String> names = new TreeSet<>();
        for (String name : value.split(",")) {
            String trimmed = name.trim();
            if (!known.contains(trimmed)) {
                throw new IllegalArgumentException("-D" + ONLY_PROPERTY + ": no benchmark '" + trimmed + "'; the suite has "
                        + String.join(", ", new TreeSet<>(known)));
            }
            names.add(trimmed);
        }
        return Set.copyOf(names);
    }

    private static Set<String> benchmarkNames() {
        Set<String> names = new TreeSet<>();
        for (Method m : AccessorBenchmarks.class.getMethods()) {
            if (m.isAnnotationPresent(Benchmark.class)) {
                names.add(m.getName());
            }
        }
        return names;
    }

    static int callsPer(String pct) {
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

        /**
         * Whether this call runs the operation a second time, for a benchmark whose {@link #everyFor}
         * is {@code every} (a constant: 0 folds the check away).
         */
        public final boolean slowdown(int every) {
            if (every > 0 && --countdown <= 0) {
                countdown = every;
                return true;
            }
            return false;
        }
    }
}
