package org.perfregression.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.perfregression.data.InvalidInputException;
import org.perfregression.harness.Suite;
import org.perfregression.jmh.JmhMapping;

/**
 * The main job of any JMH project's benchmarks, in a JVM whose class path holds them (the Maven
 * plugin starts it on a module's test class path): the suite is described by {@code --suite-*}
 * options, everything else is the main job's ({@link MainJobCommand}) and JMH's. Each benchmark
 * method and mode is a PerformanceData file of its own ({@code method.json} in average time,
 * {@code method-thrpt.json} in throughput), sections {@code Class.method} (the fully qualified name
 * where two classes share a simple name), subsections its
 * parameters ({@code k=v,k2=v2}, {@code default} without any).
 *
 * <p>Suite options: {@code --suite-command TEXT} (how users run it, for messages),
 * {@code --suite-regenerate TEXT} (the command that makes baselines), {@code --suite-include REGEX}
 * (default: every benchmark), {@code --suite-exclude REGEX} (benchmarks left out), {@code --suite-gt-dir DIR} (required), {@code --suite-forks N},
 * {@code --suite-baseline-forks N}, {@code --suite-iterations N} (samples per fork, for messages),
 * {@code --suite-budget SECONDS} and {@code --suite-max-forks N} (a comparison's forks rise from
 * {@code --suite-forks} up to N while they fit the budget),
 * {@code --suite-jvm-arg ARG} (repeatable: every fork's JVM arguments), {@code --suite-param NAME=V1,V2}
 * (repeatable: the parameter values the suite is made of).
 */
public final class HarnessMain {

    private HarnessMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /** Runs the main job the arguments describe; returns its exit code. */
    public static int run(String... args) throws Exception {
        Suite suite;
        List<String> rest = new ArrayList<>();
        try {
            suite = suite(args, rest);
        } catch (InvalidInputException | IllegalArgumentException e) {
            PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
            err.println("main-job: error: " + e.getMessage());
            return ExitCode.INVALID;
        }
        return MainJobCommand.run(suite, rest.toArray(new String[0]));
    }

    /** The suite the {@code --suite-*} options describe; every other argument goes to {@code rest}. */
    static Suite suite(String[] args, List<String> rest) {
        String command = "main job";
        String regenerate = null;
        String include = ".*";
        String exclude = null;
        Path gtDir = null;
        int forks = 3;
        int baselineForks = 8;
        int iterations = 10;
        double budget = 0;
        int maxForks = 0;
        List<String> jvmArgs = new ArrayList<>();
        Map<String, List<String>> params = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--suite-")) {
                rest.add(arg);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new InvalidInputException(arg + ": a value is missing");
            }
            String value = args[++i];
            switch (arg) {
                case "--suite-command" -> command = value;
                case "--suite-regenerate" -> regenerate = value;
                case "--suite-include" -> include = value;
                case "--suite-exclude" -> exclude = value;
                case "--suite-gt-dir" -> gtDir = Path.of(value);
                case "--suite-forks" -> forks = number(arg, value);
                case "--suite-baseline-forks" -> baselineForks = number(arg, value);
                case "--suite-iterations" -> iterations = number(arg, value);
                case "--suite-budget" -> budget = number(arg, value);
                case "--suite-max-forks" -> maxForks = number(arg, value);
                case "--suite-jvm-arg" -> jvmArgs.add(value);
                case "--suite-param" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0 || eq == value.length() - 1) {
                        throw new InvalidInputException(arg + " " + value + ": expected NAME=V1,V2");
                    }
                    params.put(value.substring(0, eq), List.of(value.substring(eq + 1).split(",")));
                }
                default -> throw new InvalidInputException("unknown suite option " + arg);
            }
        }
        if (gtDir == null) {
            throw new InvalidInputException("--suite-gt-dir is required: where the suite's baselines live");
        }
        return new Suite(command, regenerate != null ? regenerate : command + " --regenerate-gt",
                JmhMapping.byBenchmark(), include, null, gtDir, forks, baselineForks, iterations, jvmArgs, params, Map.of(),
                budget, Math.max(forks, maxForks), exclude);
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(option + " " + value + ": not a whole number");
        }
    }
}
