package org.perfregression.report;

import java.io.IOException;

/** One output format for a comparison: text for terminals, JSON for machines, and so on. */
public interface Report {

    /** Writes the whole report for {@code input} to {@code out}. */
    void write(ReportInput input, Appendable out) throws IOException;
}
