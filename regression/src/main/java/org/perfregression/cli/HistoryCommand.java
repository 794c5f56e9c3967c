package org.perfregression.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.perfregression.data.InvalidInputException;
import org.perfregression.history.ChangeListing;
import org.perfregression.history.ChangePointDetector;
import org.perfregression.history.HistoryChanges;
import org.perfregression.history.HistoryStore;
import org.perfregression.history.RunRecorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code history}: every run recorded, and the runs where a subsection's level changed. */
@Command(name = "history",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        usageHelpWidth = 100,
        description = "Keeps every run in a results store (a SQLite file, or PostgreSQL by JDBC URL) and finds the "
                + "runs where a subsection's level changed (docs/history.md).",
        subcommands = {HistoryCommand.Record.class, HistoryCommand.Changes.class, HistoryCommand.Trends.class},
        footer = {"", "Examples:",
            "  history record --db perf-history.db --results results/20261202-101500 --commit $(git rev-parse HEAD)",
            "  history changes --db perf-history.db --format markdown",
            "  history report --db perf-history.db --format html=trends.html"})
public final class HistoryCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required: record, changes or report");
    }

    /** {@code history record}. */
    @Command(name = "record",
            mixinStandardHelpOptions = true,
            versionProvider = Main.Version.class,
            usageHelpWidth = 100,
            sortOptions = false,
            description = "Records one run: per subsection each fork's drift-corrected and raw level, its calibration "
                    + "and allocation, and the samples' median. In one transaction: a writer killed midway leaves the "
                    + "store as it was; writers wait for each other.",
            footer = {"", "Exit codes: 0 recorded, 2 invalid input or usage."})
    public static final class Record implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--db", required = true, paramLabel = "DB",
                description = "The store: a SQLite file (created when missing) or a JDBC URL (jdbc:postgresql://...).")
        String db;

        @Option(names = "--results", required = true, paramLabel = "DIR",
                description = "A main-job results folder, or any folder of PerformanceData files with their sidecars.")
        Path results;

        @Option(names = "--commit", paramLabel = "SHA",
                description = "The commit measured (default: GITHUB_SHA, else git rev-parse HEAD here).")
        String commit;

        @Option(names = "--branch", paramLabel = "B", description = "Its branch.")
        String branch;

        @Option(names = "--time", paramLabel = "ISO-8601",
                description = "When it ran, e.g. 2026-12-02T10:15:00Z (default: now). Runs are ordered by it.")
        String time;

        @Option(names = "--machine", paramLabel = "ID",
                description = "The machine's id (default: the platform id the sidecars name). Change points are "
                        + "searched per machine.")
        String machine;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(RunRecorder.record(db, results, commit, branch, parseTime(time), machine));
            return ExitCode.OK;
        }
    }

    /** {@code history changes}. */
    @Command(name = "changes",
            mixinStandardHelpOptions = true,
            versionProvider = Main.Version.class,
            usageHelpWidth = 100,
            sortOptions = false,
            description = "Finds, per machine and subsection, the runs where the level changed: binary segmentation "
                    + "with a t-test (as Hunter and Apache Otava) on each run's drift-corrected level, after each "
                    + "run's shift over the whole suite is taken out. Change points already found stay; only runs "
                    + "recorded since are searched.",
            footer = {"", "Exit codes: 0 listed, 2 invalid input or usage."})
    public static final class Changes implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--db", required = true, paramLabel = "DB", description = "The store (see history record).")
        String db;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
                description = "text, markdown or json (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--min-change", paramLabel = "PCT", defaultValue = "3",
                description = "Smallest change reported, in % (default: ${DEFAULT-VALUE}).")
        double minChange;

        @Override
        public Integer call() {
            ChangeListing listing = switch (format.toLowerCase(java.util.Locale.ROOT)) {
                case "text" -> ChangeListing.TEXT;
                case "markdown", "md" -> ChangeListing.MARKDOWN;
                case "json" -> ChangeListing.JSON;
                default -> throw new InvalidInputException("--format " + format + ": expected text, markdown or json");
            };
            ChangePointDetector detector = ChangePointDetector.withDefaults().withMinChangePct(minChange);
            List<HistoryChanges.Change> changes;
            try (HistoryStore store = HistoryStore.open(db)) {
                changes = HistoryChanges.analyse(store, detector);
            }
            spec.commandLine().getOut().print(listing.render(changes));
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }

    /** {@code history report}. */
    @Command(name = "report",
            mixinStandardHelpOptions = true,
            versionProvider = Main.Version.class,
            usageHelpWidth = 100,
            sortOptions = false,
            description = "Draws each subsection's level over the runs with its change points marked (the levels "
                    + "the search reads): an offline HTML page where pointing at a line shows the run and its commit, "
                    + "or Markdown for a job summary. Brings the change points up to date first, as changes does.",
            footer = {"", "Exit codes: 0 written, 2 invalid input or usage."})
    public static final class Trends implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--db", required = true, paramLabel = "DB", description = "The store (see history record).")
        String db;

        @Option(names = "--format", required = true, paramLabel = "FORMAT=FILE",
                description = "html=FILE or markdown=FILE (FILE - for standard output). Repeatable.")
        List<String> formats;

        @Override
        public Integer call() throws java.io.IOException {
            List<String[]> targets = new java.util.ArrayList<>();
            for (String format : formats) {
                int eq = format.indexOf('=');
                String name = (eq < 0 ? format : format.substring(0, eq)).toLowerCase(java.util.Locale.ROOT);
                if (!List.of("html", "markdown", "md").contains(name)) {
                    throw new InvalidInputException("--format " + format + ": expected html=FILE or markdown=FILE");
                }
                if (eq < 0 || eq == format.length() - 1) {
                    throw new InvalidInputException("--format " + format + ": the file is missing (" + name
                            + "=FILE, or " + name + "=- for standard output)");
                }
                targets.add(new String[] {name.equals("md") ? "markdown" : name, format.substring(eq + 1)});
            }
            org.perfregression.history.TrendReport report;
            try (HistoryStore store = HistoryStore.open(db)) {
                report = org.perfregression.history.TrendReport.of(store);
            }
            for (String[] target : targets) {
                boolean html = target[0].equals("html");
                if (target[1].equals("-")) {
                    java.io.PrintWriter out = spec.commandLine().getOut();
                    if (html) {
                        report.html(out);
                    } else {
                        report.markdown(out);
                    }
                    out.flush();
                } else {
                    Path file = Path.of(target[1]);
                    org.perfregression.data.AtomicFiles.write(file, writer -> {
                        if (html) {
                            report.html(writer);
                        } else {
                            report.markdown(writer);
                        }
                    }, org.perfregression.data.AtomicFiles.WriteMode.REPLACE);
                    spec.commandLine().getOut().println("history report: " + file);
                }
            }
            return ExitCode.OK;
        }
    }

    private static Instant parseTime(String time) {
        if (time == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(time);
            } catch (DateTimeParseException again) {
                throw new InvalidInputException("--time " + time + ": not an ISO-8601 time such as 2026-12-02T10:15:00Z");
            }
        }
    }
}
