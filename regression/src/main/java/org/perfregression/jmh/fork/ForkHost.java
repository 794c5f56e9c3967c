package org.perfregression.jmh.fork;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The JMH host of one side of an A/B run. {@code ab} starts one per side, with the side's jar first on
 * the class path and the side's JVM, and keeps it for the whole run; each fork it asks for is one
 * fresh JVM of that jar, so both sides' forks can be interleaved one by one.
 *
 * <p>Arguments: {@code --log FILE}, {@code --fork-classpath PATH} (the forks' class path: the side's
 * jar, without this host's jar), {@code --jvm-arg ARG} (repeated; prepended to every fork's JVM arguments,
 * so that the benchmark's own {@code @Fork(jvmArgsAppend)} stays), then {@code --} and JMH's command
 * line. Requests on standard input, one per line; answers on standard output, each line starting
 * with {@link #PREFIX} (anything else there is not an answer):
 * <ul>
 * <li>{@code list}: {@code combination TAB benchmark TAB mode TAB k=v TAB ...} per combination, then {@code end};
 * <li>{@code fork INDEX FILE}: runs combination INDEX (0-based) in one fork, writes JMH's JSON
 *     result to FILE, answers {@code ok}, or {@code failed TAB message};
 * <li>end of input: exits.
 * </ul>
 * A bad command line answers {@code error TAB message} and exits.
 */
public final class ForkHost {

    /** Marks the host's answers on its standard output. */
    public static final String PREFIX = "@@perf-regression ";

    private ForkHost() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream answers = System.out;
        String log = null;
        String forkClasspath = null;
        List<String> jvmArgs = new ArrayList<>();
        int i = 0;
        for (; i < args.length && !args[i].equals("--"); i++) {
            switch (args[i]) {
                case "--log" -> log = args[++i];
                case "--fork-classpath" -> forkClasspath = args[++i];
                case "--jvm-arg" -> jvmArgs.add(args[++i]);
                default -> {
                    answers.println(PREFIX + "error\tunknown host argument " + args[i]);
                    return;
                }
            }
        }
        Options base;
        try {
            base = new CommandLineOptions(Arrays.copyOfRange(args, Math.min(i + 1, args.length), args.length));
        } catch (Exception e) {
            answers.println(PREFIX + "error\tJMH option: " + e.getMessage());
            return;
        }
        if (forkClasspath != null) {
            // JMH forks with this JVM's java.class.path: keep this host's jar out of the benchmark's JVM.
            System.setProperty("java.class.path", forkClasspath);
        }
        List<JmhCombination> combinations;
        Set<String> ownJvmArgs;
        try {
            combinations = JmhForks.combinations(base);
            ownJvmArgs = JmhForks.withOwnJvmArgs(base);
        } catch (RuntimeException e) {
            answers.println(PREFIX + "error\t" + JmhForks.rootMessage(e));
            return;
        }
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = requests.readLine(); line != null; line = requests.readLine()) {
            String[] request = line.split(" ", 3);
            if (request[0].equals("list")) {
                for (JmhCombination c : combinations) {
                    answers.println(PREFIX + "combination\t" + c.benchmark() + "\t" + c.mode()
                            + c.params().entrySet().stream().map(e -> "\t" + e.getKey() + "=" + e.getValue())
                                    .collect(Collectors.joining()));
                }
                answers.println(PREFIX + "end");
            } else if (request[0].equals("fork") && request.length == 3) {
                JmhCombination c = combinations.get(Integer.parseInt(request[1]));
                answers.println(PREFIX + fork(base, c, jvmArgs, !ownJvmArgs.contains(c.benchmark()), request[2], log));
            } else {
                answers.println(PREFIX + "error\tunknown request " + line);
            }
            answers.flush();
        }
    }

    /**
     * Runs one fork. JMH closes its output after every run, so each fork appends to the log through a
     * stream of its own.
     *
     * @param plainJvmArgs whether the fork's JVM arguments must be set to none: JMH would otherwise
     *     give it this host's own ({@code -Xmx128m -XX:TieredStopAtLevel=1}, C1-compiled benchmarks),
     *     where {@code java -jar} of the side's jar gives its forks none
     */
    private static String fork(Options base, JmhCombination c, List<String> jvmArgs, boolean plainJvmArgs, String file,
            String log) {
        List<String> prepend = new ArrayList<>(base.getJvmArgsPrepend().orElse(List.of()));
        prepend.addAll(jvmArgs);
        try (PrintStream logStream = new PrintStream(new FileOutputStream(log == null ? "/dev/null" : log, true), true,
                StandardCharsets.UTF_8)) {
            OutputFormat out = OutputFormatFactory.createFormatInstance(logStream,
                    base.verbosity().orElse(VerboseMode.NORMAL));
            ChainedOptionsBuilder options = JmhForks.oneFork(base, c)
                    .jvmArgsPrepend(prepend.toArray(new String[0]))
                    .shouldFailOnError(true);
            if (plainJvmArgs && !base.getJvmArgs().hasValue()) {
                options.jvmArgs();
            }
            Collection<RunResult> results = new Runner(options.build(), out).run();
            if (results.isEmpty()) {
                return "failed\tJMH returned no result";
            }
            ResultFormatFactory.getInstance(ResultFormatType.JSON, file).writeOut(results);
            return "ok";
        } catch (Exception e) {
            return "failed\t" + JmhForks.rootMessage(e).replace('\t', ' ');
        }
    }
}
