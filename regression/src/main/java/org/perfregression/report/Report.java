package org.perfregression.report;

import java.io.IOException;

/** One output format for a comparison: text for terminals, JSON for machines, and so on. */
public interface Report {

    /** Writes the whole report for {@code suite} to {@code out}. */
    void write(ReportSuite suite, Appendable out) throws IOException;
}
