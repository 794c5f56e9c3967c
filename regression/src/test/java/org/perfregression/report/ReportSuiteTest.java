package org.perfregression.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.perfregression.check.RegressionCheck;
import org.perfregression.data.PerformanceData;

class ReportSuiteTest {

    /** A comparison in which subsection {@code a} is half as slow again; {@code b} unchanged, or gone. */
    private static ReportInput slower(String benchmark, String unit, boolean bGone) {
        PerformanceData baseline = PerformanceData.builder().add("s", "a", ReportsTest.around(100, 1))
                .add("s", "b", ReportsTest.around(100, 2)).build();
        PerformanceData.Builder current = PerformanceData.builder().add("s", "a", ReportsTest.around(150, 3));
        if (!bGone) {
            current.add("s", "b", ReportsTest.around(100, 4));
        }
        PerformanceData c = current.build();
        return new ReportInput(benchmark, unit, RegressionCheck.withDefaults().withLenient(true).compare(baseline, c),
                baseline, c, "b.json", "c.json", List.of(), null);
    }

    @Test
    void timeAloneIsWhatABusierMachineCanCause() {
        ReportInput time = slower("find", "ns/op", false);
        assertTrue(time.failed() && !time.allocation());
        assertTrue(new ReportSuite(List.of(time), List.of()).failsOnTimeAlone());
        ReportInput bytes = slower("find.alloc", "B/op", false);
        assertTrue(bytes.allocation());
        assertFalse(new ReportSuite(List.of(time, bytes), List.of()).failsOnTimeAlone(), "an allocation regression");
        assertFalse(new ReportSuite(List.of(slower("find", "ns/op", true)), List.of()).failsOnTimeAlone(),
                "a subsection without a current result");
        assertFalse(new ReportSuite(List.of(time), List.of(), List.of("render")).failsOnTimeAlone(), "a missing benchmark");
    }
}
