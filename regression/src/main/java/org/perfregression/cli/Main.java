package org.perfregression.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.Printable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code perf-regression}: the command line of the regression library. */
@Command(name = "perf-regression",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        usageHelpWidth = 100,
        description = "Catches performance regressions: compares benchmark samples with ground-truth baselines "
                + "using Mann-Whitney U, the median change and a MAD noise band (see README.md).",
        subcommands = {CompareCommand.class, AbCommand.class, ConvertCommand.class, HistoryCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", ExitCode.HELP})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; never throws. */
    public static int run(String... args) {
        return execute(newCommandLine(new Main()), args);
    }

    /**
     * Executes {@code commandLine}. Running out of memory is a one-line error with exit code 2 (the
     * inputs are too large for this heap), not a stack trace: the memory is free again once the
     * command has unwound.
     */
    public static int execute(CommandLine commandLine, String... args) {
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            commandLine.getErr().println(commandLine.getCommandName() + ": error: out of memory (" + e.getMessage()
                    + ", maximum heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB): the inputs are too "
                    + "large for this heap; give the JVM more with -Xmx, or compare fewer subsections at a time");
            return ExitCode.INVALID;
        }
    }

    /** As {@link #run(String...)}, writing to the given streams instead of the process's. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = newCommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        return execute(commandLine, args);
    }

    /** A command line with this project's error handling: one line on stderr, exit code 2. */
    public static CommandLine newCommandLine(Object command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println(e.getCommandLine().getCommandName() + ": " + Printable.of(String.valueOf(e.getMessage()))
                    + " (see " + qualifiedName(e.getCommandLine()) + " --help)");
            return ExitCode.INVALID;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            PrintWriter err = cl.getErr();
            err.println(cl.getCommandName() + ": error: " + Printable.of(describe(e)));
            if (System.getenv("PERF_REGRESSION_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return e instanceof InvalidInputException input ? input.exitCode() : ExitCode.INVALID;
        });
        return commandLine;
    }

    private static String qualifiedName(CommandLine commandLine) {
        return commandLine.getCommandSpec().qualifiedName();
    }

    private static String describe(Exception e) {
        if (e instanceof InvalidInputException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof IOException) {
            return "I/O failure: " + e;
        }
        return "unexpected " + e + " (set PERF_REGRESSION_DEBUG=1 for the stack trace)";
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: compare, ab, convert or history");
    }

    /** The project version, as Maven filtered it into the jar. */
    public static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            return new String[] {"perf-regression " + version()};
        }

        public static String version() {
            try (InputStream in = Main.class.getResourceAsStream("/org/perfregression/version.properties")) {
                Properties properties = new Properties();
                if (in != null) {
                    properties.load(in);
                }
                return properties.getProperty("version", "unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }
    }
}
