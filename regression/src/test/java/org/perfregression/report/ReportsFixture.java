package org.perfregression.report;

/** The report tests' comparison, for tests of other packages. */
public final class ReportsFixture {

    private ReportsFixture() {
    }

    public static ReportInput input() {
        return ReportsTest.input();
    }
}
