package org.perfregression.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.perfregression.data.AtomicFiles;
import org.perfregression.report.ReportFormat;
import org.perfregression.report.ReportInput;

/**
 * A report to write: a format and a file, or standard output when the file is null. Written on the
 * command line as {@code FORMAT} or {@code FORMAT=FILE}, e.g. {@code junit=build/perf.xml}.
 *
 * @param format the report format
 * @param file where it goes; null for standard output
 */
record ReportTarget(ReportFormat format, Path file) {

    static ReportTarget parse(String spec) {
        int eq = spec.indexOf('=');
        ReportFormat format = ReportFormat.of(eq < 0 ? spec : spec.substring(0, eq));
        if (eq >= 0 && eq == spec.length() - 1) {
            throw new IllegalArgumentException("--format " + spec + ": the file name is missing after '='");
        }
        return new ReportTarget(format, eq < 0 ? null : Path.of(spec.substring(eq + 1)));
    }

    /** Writes the report: files atomically and without colour, standard output with colour on a terminal. */
    void write(ReportInput input, PrintWriter out) throws IOException {
        if (file == null) {
            format.create(Terminal.colour()).write(input, out);
            out.flush();
        } else {
            StringWriter text = new StringWriter();
            format.create(false).write(input, text);
            AtomicFiles.write(file, text.toString(), AtomicFiles.WriteMode.REPLACE);
        }
    }
}
