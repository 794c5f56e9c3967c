package org.perfregression.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.perfregression.data.InputFiles;
import org.perfregression.data.Printable;
import org.perfregression.report.ReportFormat;
import org.perfregression.report.ReportSuite;

/**
 * Every report of one command and the files they must never touch: two reports never share a file,
 * at most one goes to standard output, and none replaces a file the run read or wrote (its inputs,
 * its samples). The GitHub job summary is held to the same rule.
 *
 * @param targets the reports, in the order written
 * @param protectedFiles files no report, and no job summary, may write to, and folders none may write into
 */
public record ReportTargets(List<ReportTarget> targets, List<Path> protectedFiles) {

    /** GitHub Actions' job summary file: Markdown appended there shows on the run's page. */
    static final String STEP_SUMMARY = "GITHUB_STEP_SUMMARY";

    public ReportTargets {
        targets = List.copyOf(targets);
        protectedFiles = List.copyOf(protectedFiles);
        if (targets.stream().filter(t -> t.file() == null).count() > 1) {
            throw new IllegalArgumentException("only one report can go to standard output: give the others a file "
                    + "(--format FORMAT=FILE)");
        }
        for (int i = 0; i < targets.size(); i++) {
            for (int j = i + 1; j < targets.size(); j++) {
                Path a = targets.get(i).file();
                Path b = targets.get(j).file();
                if (a != null && b != null && InputFiles.sameFile(a, b) && !InputFiles.isDevice(a)) {
                    throw new IllegalArgumentException("--format " + spec(targets.get(i)) + " and --format "
                            + spec(targets.get(j)) + " are one file: the second report would replace the first; "
                            + "give each report a file of its own");
                }
            }
        }
        for (ReportTarget target : targets) {
            for (Path file : protectedFiles) {
                if (target.file() != null && (InputFiles.sameFile(target.file(), file) || inside(target.file(), file))) {
                    throw new IllegalArgumentException("--format " + spec(target) + ": that is "
                            + (inside(target.file(), file) ? "in " : "") + file
                            + ", which this run reads or writes; refusing to overwrite it with a report");
                }
            }
        }
    }

    /**
     * The reports of {@code --format} options ({@code text} when none), the first one without a file
     * of its own going to {@code output} when that is given.
     */
    public static ReportTargets of(List<String> formats, Path output) {
        List<ReportTarget> targets = new ArrayList<>();
        for (String format : formats.isEmpty() ? List.of("text") : formats) {
            targets.add(ReportTarget.parse(format));
        }
        if (output != null) {
            int first = targets.stream().map(ReportTarget::file).toList().indexOf(null);
            if (first < 0) {
                throw new IllegalArgumentException("--output: every --format already names its file");
            }
            targets.set(first, new ReportTarget(targets.get(first).format(), output));
        }
        return new ReportTargets(targets, List.of());
    }

    /** Whether {@code file} lies in {@code folder} (which need not exist yet). */
    private static boolean inside(Path file, Path folder) {
        Path f = file.toAbsolutePath().normalize();
        Path d = folder.toAbsolutePath().normalize();
        return !f.equals(d) && f.startsWith(d);
    }

    /**
     * These reports, refused if any would write to one of {@code files} or into one of them that is
     * a folder (null entries are ignored).
     */
    public ReportTargets protecting(Path... files) {
        List<Path> all = new ArrayList<>(protectedFiles);
        Arrays.stream(files).filter(Objects::nonNull).forEach(all::add);
        return new ReportTargets(targets, all);
    }

    /**
     * Writes every report; when all went to files, {@code out} gets the summary, where they are, and
     * the notes. Under GitHub Actions ({@code GITHUB_STEP_SUMMARY} set in {@code env}) the Markdown
     * report is appended to the job summary as well, unless a Markdown report already goes to that
     * file; a summary that cannot be written is a warning on {@code err}, never a changed verdict.
     */
    public void writeAll(ReportSuite suite, PrintWriter out, PrintWriter err, Map<String, String> env)
            throws IOException {
        ReportSuite written = suite.withReports(targets.stream().filter(t -> t.file() != null)
                .map(t -> t.format().id() + ": " + t.file()).toList());
        for (ReportTarget target : targets) {
            target.write(written, out);
        }
        String summary = env.get(STEP_SUMMARY);
        if (summary != null && !summary.isBlank() && targets.stream().noneMatch(t -> t.format() == ReportFormat.MARKDOWN
                && t.file() != null && InputFiles.sameFile(t.file(), Path.of(summary)))) {
            jobSummary(written, Path.of(summary), err);
        }
        if (targets.stream().allMatch(t -> t.file() != null)) {
            out.println(suite.summaryLine() + " (" + String.join(", ", written.reports()) + ")");
            suite.allNotes().forEach(note -> out.println("NOTE: " + note));
            out.flush();
        }
    }

    /** Appends the Markdown report to the job summary at {@code file}, unless that is a protected file. */
    private void jobSummary(ReportSuite suite, Path file, PrintWriter err) {
        String problem = protectedFiles.stream().filter(p -> InputFiles.sameFile(file, p) || inside(file, p)).findFirst()
                .map(p -> "that is " + p + ", which this run reads or writes").orElse(null);
        if (problem == null) {
            try {
                StringBuilder markdown = new StringBuilder();
                ReportFormat.MARKDOWN.create(false).write(suite, markdown);
                Files.writeString(file, markdown + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                return;
            } catch (IOException | RuntimeException e) {
                problem = "cannot append to it (" + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getClass().getSimpleName() + ": " + e.getMessage()) + ")";
            }
        }
        err.println("warning: " + STEP_SUMMARY + "=" + Printable.of(file.toString()) + ": " + Printable.of(problem)
                + "; no job summary written");
        err.flush();
    }

    private static String spec(ReportTarget target) {
        return target.format().id() + "=" + target.file();
    }
}
