package org.perfregression.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import org.perfregression.data.AtomicFiles;
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

    /** Writes the report: files atomically and without colour, standard output with colour on a terminal. */
    public void write(ReportSuite suite, PrintWriter out) throws IOException {
        if (file == null) {
            format.create(Terminal.colour()).write(suite, out);
            out.flush();
        } else {
            AtomicFiles.write(file, writer -> format.create(false).write(suite, writer), AtomicFiles.WriteMode.REPLACE);
        }
    }
}
