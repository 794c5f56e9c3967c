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

    /**
     * {@code -Daccessor.alloc.extra=BYTES}: every operation of the benchmarks {@link #ONLY_PROPERTY} names
     * (default: all) allocates that many more bytes, an array that escapes into the benchmark's state,
     * so the JIT cannot remove it. A byte array of {@code n} elements takes {@code 16 + n} bytes rounded
     * up to 8 on a 64-bit JVM with compressed class pointers, so BYTES is at least 16 and a multiple of 8
     * is exact.
     */
    public static final String ALLOC_PROPERTY = "accessor.alloc.extra";

    private static final Set<String> ONLY = only(System.getProperty(ONLY_PROPERTY), benchmarkNames());

    private static final int EXTRA_BYTES = extraBytes(System.getProperty(ALLOC_PROPERTY));

    /** The extra array's length for {@code benchmark}'s operations; -1 for none (a constant the JIT folds away). */
    public static int extraArrayLength(String benchmark) {
        return EXTRA_BYTES > 0 && (ONLY.isEmpty() || ONLY.contains(benchmark)) ? EXTRA_BYTES - ARRAY_HEADER_BYTES : -1;
    }

    /** A byte array's header: mark word, compressed class pointer, length. */
    static final int ARRAY_HEADER_BYTES = 16;

    static int extraBytes(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        String rule = "a number of bytes >= " + ARRAY_HEADER_BYTES;
        double bytes = number(value, ALLOC_PROPERTY, rule);
        if (!(bytes >= ARRAY_HEADER_BYTES && bytes <= Integer.MAX_VALUE) || bytes != Math.rint(bytes)) {
            throw new IllegalArgumentException("-D" + ALLOC_PROPERTY + " must be " + rule + " (the smallest array), got "
                    + value);
        }
        return (int) bytes;
    }

    /** A property's number; a value that is none is an error naming the property and what it must be. */
    private static double number(String value, String property, String rule) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + property + " must be " + rule + ", got '" + value + "'");
        }
    }

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
        double p = number(pct, PROPERTY, "a percentage in (0, 100]");
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be a percentage in (0, 100], got " + pct);
        }
        return (int) Math.max(1, Math.round(100 / p));
    }

    /** The per-thread countdown and the extra allocation's sink, as a base of the benchmarks' state classes. */
    public static class Countdown {

        private int countdown = EVERY;

        /** Where the extra allocation escapes to. */
        public Object sink;

        /** Allocates the extra array of {@code length} ({@link #extraArrayLength}, a constant; -1 allocates nothing). */
        public final void allocate(int length) {
            if (length >= 0) {
                sink = new byte[length];
            }
        }

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
