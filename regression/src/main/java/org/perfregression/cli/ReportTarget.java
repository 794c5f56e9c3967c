package org.perfregression.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.perfregression.data.AtomicFiles;
import org.perfregression.data.InputFiles;
import org.perfregression.report.ReportFormat;
import org.perfregression.report.ReportSuite;

/**
 * A report to write: a format and a file, or standard output when the file is null. Written on the
 * command line as {@code FORMAT} or {@code FORMAT=FILE}, e.g. {@code junit=build/perf.xml};
 * {@code FORMAT=-} is standard output too.
 *
 * @param format the report format
 * @param file where it goes; null for standard output
 */
public record ReportTarget(ReportFormat format, Path file) {

    public static ReportTarget parse(String spec) {
        int eq = spec.indexOf('=');
        ReportFormat format = ReportFormat.of(eq < 0 ? spec : spec.substring(0, eq));
        if (eq >= 0 && eq == spec.length() - 1) {
            throw new IllegalArgumentException("--format " + spec + ": the file name is missing after '='");
        }
        String file = eq < 0 ? null : spec.substring(eq + 1);
        return new ReportTarget(format, file == null || STANDARD_OUTPUT.contains(file) ? null : Path.of(file));
    }

    /**
     * Names of standard output. Opening {@code /dev/stdout} anew would write at its own offset: with
     * output redirected to a file, the command's other lines would then overwrite the report.
     */
    static final Set<String> STANDARD_OUTPUT = Set.of("-", "/dev/stdout", "/dev/fd/1",
            "/proc/self/fd/1");

    /**
     * Fails if a report would replace one of the inputs ({@code -o baseline.json} with the baseline
     * itself): a report is never worth the data it was made from.
     */
    static void requireNotInputs(List<ReportTarget> targets, Path... inputs) {
        for (ReportTarget target : targets) {
            for (Path input : inputs) {
                if (target.file() != null && input != null && InputFiles.sameFile(target.file(), input)) {
                    throw new IllegalArgumentException("--format " + target.format().id() + "=" + target.file()
                            + ": that is the input " + input + "; refusing to overwrite it with a report");
                }
            }
        }
    }

    /** Writes the report: files atomically and without colour, standard output with colour on a terminal. */
    public void write(ReportSuite suite, PrintWriter out) throws IOException {
        if (file == null) {
            format.create(Terminal.colour()).write(suite, out);
            out.flush();
        } else {
            AtomicFiles.write(file, writer -> format.create(false).write(suite, writer), AtomicFiles.WriteMode.REPLACE);
        }
    }

    /**
     * The reports of {@code --format} options ({@code text} when none) with the first one without a
     * file of its own going to {@code output} when given; at most one may go to standard output.
     */
    public static List<ReportTarget> all(List<String> formats, Path output) {
        List<ReportTarget> targets = new ArrayList<>();
        for (String format : formats.isEmpty() ? List.of("text") : formats) {
            targets.add(parse(format));
        }
        if (output != null) {
            int first = targets.stream().map(ReportTarget::file).toList().indexOf(null);
            if (first < 0) {
                throw new IllegalArgumentException("--output: every --format already names its file");
            }
            targets.set(first, new ReportTarget(targets.get(first).format(), output));
        }
        if (targets.stream().filter(t -> t.file() == null).count() > 1) {
            throw new IllegalArgumentException("only one report can go to standard output: give the others a file "
                    + "(--format FORMAT=FILE)");
        }
        return targets;
    }

    /** GitHub Actions' job summary file: Markdown appended there shows on the run's page. */
    static final String STEP_SUMMARY = "GITHUB_STEP_SUMMARY";

    /**
     * Writes every report; when all went to files, standard output gets the summary, where they are,
     * and the notes. Under GitHub Actions ({@code GITHUB_STEP_SUMMARY} set in {@code env}) with no
     * Markdown report asked for, the Markdown report is appended to the job summary as well.
     */
    public static void writeAll(List<ReportTarget> targets, ReportSuite suite, PrintWriter out, Map<String, String> env)
            throws IOException {
        for (ReportTarget target : targets) {
            target.write(suite, out);
        }
        String summary = env.get(STEP_SUMMARY);
        if (summary != null && !summary.isBlank() && targets.stream().noneMatch(t -> t.format() == ReportFormat.MARKDOWN)) {
            StringBuilder markdown = new StringBuilder();
            ReportFormat.MARKDOWN.create(false).write(suite, markdown);
            Files.writeString(Path.of(summary), markdown + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        if (targets.stream().allMatch(t -> t.file() != null)) {
            out.println(suite.summaryLine() + " (" + String.join(", ", targets.stream()
                    .map(t -> t.format().id() + ": " + t.file()).toList()) + ")");
            suite.allNotes().forEach(note -> out.println("NOTE: " + note));
            out.flush();
        }
    }
}
