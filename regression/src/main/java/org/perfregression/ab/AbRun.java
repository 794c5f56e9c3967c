package org.perfregression.ab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.perfregression.data.InvalidInputException;
import org.perfregression.jmh.JmhResult;
import org.perfregression.jmh.JmhResultReader;
import org.perfregression.jmh.fork.JmhCombination;
import org.perfregression.platform.MachineLoad;

/**
 * Measures two sides on one machine at the same time: every pass runs one fork of every combination
 * on each side, the combinations in a fresh random order and, for each, the two sides back to back in
 * random order (randomized multiple interleaved trials, Abedi and Brecht, ICPE 2017; paired like
 * duet benchmarking, Bulej et al. 2020). A slow phase of the machine then hits both sides of a few
 * combinations alike instead of one side of many. The number of passes is given, or sized by a time
 * budget after the first pass.
 */
public final class AbRun {

    /** A fork-aware comparison needs at least this many forks per side and combination. */
    public static final int MIN_PASSES = 2;

    /** Passes beyond this add little: the fork-to-fork noise is then known well. */
    public static final int MAX_PASSES = 30;

    private final AbSide baseline;
    private final AbSide current;
    private final List<String> jmhArgs;
    private final List<String> userArgs;
    private final Integer fixedPasses;
    private final Duration budget;
    private final AbFolder folder;
    private final long seed;
    private final MachineLoad load = MachineLoad.ofThisMachine();
    private final boolean commonOnly;

    /**
     * @param jmhArgs JMH's command line for both sides (benchmark regex, {@code -p}, {@code -wi}, ...)
     * @param fixedPasses forks per side and combination, or null to size them by {@code budget}
     * @param budget how long the whole run may take (used when {@code fixedPasses} is null)
     * @param folder where the JMH logs and the fork results go
     */
    public AbRun(AbSide baseline, AbSide current, List<String> jmhArgs, Integer fixedPasses, Duration budget,
            AbFolder folder, long seed) {
        this(baseline, current, jmhArgs, fixedPasses, budget, folder, seed, false);
    }

    private AbRun(AbSide baseline, AbSide current, List<String> jmhArgs, Integer fixedPasses, Duration budget,
            AbFolder folder, long seed, boolean commonOnly) {
        this.commonOnly = commonOnly;
        this.baseline = baseline;
        this.current = current;
        this.userArgs = List.copyOf(jmhArgs);
        this.jmhArgs = withAllocation(jmhArgs);
        this.fixedPasses = fixedPasses;
        this.budget = budget;
        this.folder = folder;
        this.seed = seed;
    }

    /**
     * This run measuring only the combinations both sides have, where a side that lacks some is
     * otherwise an error: a pull request that adds or removes a benchmark is still compared on the
     * rest, and {@link AbMeasurement#unmatched} names what was left out.
     */
    public AbRun withCommonOnly(boolean commonOnly) {
        return new AbRun(baseline, current, userArgs, fixedPasses, budget, folder, seed, commonOnly);
    }

    /**
     * JMH's command line with the benchmark threads' allocation profiler, unless given already: every
     * fork records the bytes its benchmark threads allocate per operation, which the gate compares
     * exactly ({@code <benchmark>.alloc}). The profiler is one of the host's classes, which
     * {@link SideHost} puts on the forks' class path.
     */
    static List<String> withAllocation(List<String> jmhArgs) {
        String profiler = org.perfregression.jmh.fork.ThreadAllocationProfiler.NAME;
        for (int i = 0; i + 1 < jmhArgs.size(); i++) {
            if (jmhArgs.get(i).equals("-prof") && jmhArgs.get(i + 1).split(":")[0].equals(profiler)) {
                return List.copyOf(jmhArgs);
            }
        }
        List<String> args = new java.util.ArrayList<>(jmhArgs);
        args.addAll(List.of("-prof", profiler));
        return List.copyOf(args);
    }

    /**
     * Runs every pass and returns both sides' forks.
     *
     * @throws InvalidInputException when the sides differ in benchmarks or parameters, nothing
     *     matches, or a benchmark fails on either side (named, with its side)
     */
    public AbMeasurement run(PrintStream terminal) throws IOException {
        boolean created = folder.create("--results-dir");
        Path hostClasses = SideHost.hostClasses();
        List<SideHost> hosts = new ArrayList<>();
        AtomicBoolean interrupted = new AtomicBoolean();
        // Ctrl-C: the hosts and their forks would otherwise run on, re-parented, until their fork ends.
        Thread onInterrupt = new Thread(() -> {
            interrupted.set(true);
            hosts.forEach(SideHost::kill);
            AbFolder.delete(folder.forks());
            AbFolder.delete(hostClasses);
            System.err.println("ab: interrupted: both sides' JMH hosts and their forks stopped; nothing measured was "
                    + "kept but JMH's logs (" + folder.log(AbSide.BASELINE) + ", " + folder.log(AbSide.CURRENT) + ")");
        }, "ab-interrupted");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        boolean discard = false;
        try {
            hosts.add(SideHost.start(baseline, jmhArgs, folder.log(baseline.label()), hostClasses));
            hosts.add(SideHost.start(current, jmhArgs, folder.log(current.label()), hostClasses));
            return measure(hosts.get(0), hosts.get(1), terminal);
        } catch (InvalidInputException e) {
            // A failed run keeps no samples; its logs only where the message sends the user to them.
            boolean logsNamed = folder.files().stream().anyMatch(f -> e.getMessage().contains(f.toString()));
            discard = created && !interrupted.get() && !logsNamed;
            throw e;
        } finally {
            hosts.forEach(SideHost::close);
            AbFolder.delete(discard ? folder.dir() : folder.forks());
            AbFolder.delete(hostClasses);
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException e) {
                // shutting down already: the hook runs
            }
        }
    }

    private AbMeasurement measure(SideHost b, SideHost c, PrintStream terminal) throws IOException {
        Path forks = Files.createDirectories(folder.forks());
        List<JmhCombination> baselineList = b.list();
        List<JmhCombination> currentList = c.list();
        List<String> unmatched = new ArrayList<>();
        if (commonOnly) {
            unmatched.addAll(onlyIn("only in the baseline, not compared", baselineList, currentList));
            unmatched.addAll(onlyIn("only in the current side, not compared", currentList, baselineList));
            unmatched.forEach(terminal::println);
        } else {
            requireSame(baselineList, currentList);
        }
        List<JmhCombination> combinations = baselineList.stream().filter(currentList::contains).toList();
        if (combinations.isEmpty()) {
            throw new InvalidInputException("no benchmark matches " + (userArgs.isEmpty() ? "(no regex given)"
                    : String.join(" ", userArgs)) + " in " + baseline.where());
        }
        AbMeasurement measurement = new AbMeasurement(combinations, unmatched);
        Random random = new Random(seed);
        int passes = fixedPasses != null ? fixedPasses : MIN_PASSES;
        terminal.printf("A/B: %d combinations x 2 sides, %s, interleaved in random order (seed %d); JMH's logs in %s%n",
                combinations.size(), fixedPasses != null ? passes + " passes" : "passes sized to a budget of "
                        + clock(budget), seed, folder.dir());
        long start = System.nanoTime();
        int done = 0;
        for (int pass = 1; pass <= passes; pass++) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < combinations.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            for (int index : order) {
                List<SideHost> sides = random.nextBoolean() ? List.of(b, c) : List.of(c, b);
                for (SideHost side : sides) {
                    done++;
                    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                    int total = 2 * combinations.size() * passes;
                    String left = fixedPasses == null && pass == 1
                            ? ", ~" + clock(budget.minus(elapsed).isNegative() ? Duration.ZERO : budget.minus(elapsed))
                                    + " left of the budget"
                            : done > 1 ? ", ~" + clock(elapsed.multipliedBy(total - done + 1).dividedBy(done - 1)) + " left"
                            : "";
                    terminal.printf("[%d/%d] pass %d/%d  %-8s %s  %s elapsed%s%n", done, total, pass, passes,
                            side.side().label(), combinations.get(index).describe(), clock(elapsed), left);
                    int hostIndex = (side == b ? baselineList : currentList).indexOf(combinations.get(index));
                    fork(side, index, hostIndex, pass, forks.resolve(side.side().label() + "-" + pass + "-" + index + ".json"),
                            measurement);
                }
            }
            if (pass == 1 && fixedPasses == null) {
                passes = sized(Duration.ofNanos(System.nanoTime() - start), terminal);
            }
        }
        return measurement;
    }

    /** How many passes fit the budget, from the first pass's time. */
    private int sized(Duration firstPass, PrintStream terminal) {
        long fit = budget.toNanos() / Math.max(1, firstPass.toNanos());
        int passes = (int) Math.max(MIN_PASSES, Math.min(MAX_PASSES, fit));
        terminal.printf("pass 1 took %s: %s fits %d pass%s in all%s%n", clock(firstPass), clock(budget), fit,
                fit == 1 ? "" : "es", fit < MIN_PASSES ? "; running " + MIN_PASSES + ", the fewest a fork-aware "
                        + "comparison needs (about " + clock(firstPass.multipliedBy(MIN_PASSES)) + ")"
                        : fit > MAX_PASSES ? "; running " + MAX_PASSES : "");
        return passes;
    }

    /**
     * Runs one fork of combination {@code index} of the measurement, which is {@code hostIndex} of
     * the side's own list.
     */
    private void fork(SideHost side, int index, int hostIndex, int pass, Path file, AbMeasurement measurement)
            throws IOException {
        long started = System.currentTimeMillis();
        load.otherSinceLast();
        String failure = side.fork(hostIndex, file);
        double other = load.otherSinceLast();
        JmhCombination combination = measurement.combinations().get(index);
        if (failure != null) {
            throw failed(side, combination, failure, measurement.forks(side.side().label()) == 0);
        }
        List<JmhResult> results = JmhResultReader.read(file);
        Files.delete(file);
        if (results.size() != 1 || results.get(0).samples().size() != 1) {
            throw new InvalidInputException("benchmark " + combination.describe() + " on the " + side.side().label()
                    + " side: expected one fork's result, JMH wrote " + results.size() + " results");
        }
        measurement.add(side.side().label(), index, results.get(0), pass, started, other);
    }

    /**
     * Why a fork failed, said as the user can act on it: another JMH run holding JMH's lock, a side
     * whose forks cannot start (the JVM's own reason and the option that caused it), or the
     * benchmark's own failure.
     *
     * @param first whether the side had no fork yet: a JVM that cannot start is then the side's arguments
     */
    private InvalidInputException failed(SideHost side, JmhCombination combination, String failure, boolean first) {
        AbSide s = side.side();
        if (failure.contains("Unable to acquire the JMH lock")) {
            return new InvalidInputException("another JMH run on this machine holds JMH's lock ("
                    + Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock") + "): two runs at once measure each "
                    + "other; wait until it ends (to run anyway, knowing both suffer: java -Djmh.ignoreLock=true -jar "
                    + "perf-regression.jar ab ...)");
        }
        String jvmError = failure.contains("Forked VM failed") ? side.lastForkError() : null;
        if (first && jvmError != null) {
            return new InvalidInputException(s.label() + " side: its forks cannot start: " + jvmError
                    + (s.jvmArgs().isEmpty() ? " (" + s.option("java") + " " + s.java() + ")"
                            : " (" + s.option("jvm-args") + " " + String.join(" ", s.jvmArgs()) + ")"));
        }
        return new InvalidInputException("benchmark " + combination.describe() + " [" + combination.mode()
                + "] failed on the " + s.label() + " side (" + s.where() + "): "
                + (jvmError != null ? failure + ": " + jvmError : failure)
                + " (JMH's log: " + folder.log(s.label()) + ")");
    }

    /** Both sides must measure the same things: the gate pairs them one by one. */
    private void requireSame(List<JmhCombination> b, List<JmhCombination> c) {
        List<String> differences = new ArrayList<>(onlyIn("only in the baseline", b, c));
        differences.addAll(onlyIn("only in the current", c, b));
        if (!differences.isEmpty()) {
            throw new InvalidInputException("the two sides do not have the same benchmarks and parameters: "
                    + String.join("; ", differences) + " (select the common ones with a regex or -p, or measure "
                    + "only those with --common-only)");
        }
    }

    /** What {@code side} has and {@code other} lacks, as one line, or nothing. */
    private static List<String> onlyIn(String where, List<JmhCombination> side, List<JmhCombination> other) {
        Set<JmhCombination> only = new LinkedHashSet<>(side);
        other.forEach(only::remove);
        return only.isEmpty() ? List.of() : List.of(differences(where, only));
    }

    private static String differences(String where, Set<JmhCombination> set) {
        if (set.isEmpty()) {
            return "";
        }
        List<String> named = set.stream().limit(5).map(c -> c.shortName() + describeParams(c) + " [" + c.mode() + "]")
                .toList();
        return where + " (" + set.size() + "): " + String.join(", ", named) + (set.size() > 5 ? ", ..." : "");
    }

    private static String describeParams(JmhCombination c) {
        return c.params().isEmpty() ? "" : " " + c.params();
    }

    static String clock(Duration d) {
        return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }
}
