package org.perfregression.report;

import java.io.IOException;
import org.perfregression.check.CheckResult;
import org.perfregression.check.SubsectionResult;
import org.perfregression.check.Verdict;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.GateResult;

/**
 * JUnit XML, which every CI server reads: one {@code testsuite} per benchmark, one test case per
 * subsection ({@code classname} = benchmark and section, e.g. {@code constructor.rank_2};
 * {@code name} = the subsection), regressions and missing subsections as failures carrying the
 * message with the unit, the rest with why they are no verdict.
 */
public final class JunitReport implements Report {

    @Override
    public void write(ReportSuite suite, Appendable out) throws IOException {
        int tests = suite.benchmarks().stream().mapToInt(JunitReport::tests).sum() + suite.missing().size();
        int failures = suite.benchmarks().stream().mapToInt(JunitReport::failures).sum() + suite.missing().size();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<testsuites name=\"perf-regression\" tests=\"").append(String.valueOf(tests))
                .append("\" failures=\"").append(String.valueOf(failures)).append("\" errors=\"0\">\n");
        for (ReportInput input : suite.benchmarks()) {
            testsuite(out, input, suite);
        }
        for (String benchmark : suite.missing()) {
            out.append("  <testsuite name=\"").append(Escape.xml(benchmark)).append("\" tests=\"1\" failures=\"1\" ")
                    .append("errors=\"0\" skipped=\"0\" time=\"0\">\n    <testcase classname=\"")
                    .append(Escape.xml(benchmark)).append("\" name=\"(benchmark)\" time=\"0\">\n      <failure ")
                    .append("type=\"missing\" message=\"in the baseline but without current data\"/>\n")
                    .append("    </testcase>\n  </testsuite>\n");
        }
        out.append("</testsuites>\n");
    }

    private static int tests(ReportInput input) {
        return input.result().results().size() + input.result().missingInCurrent().size();
    }

    private static int failures(ReportInput input) {
        int regressions = input.gate() != null ? (int) (input.gate().count(Verdict.REGRESSION)
                - input.gate().count(org.perfregression.gate.Confirmation.ACCEPTED))
                : input.result().summary().regressions();
        return regressions + input.result().summary().missingInCurrent();
    }

    private static void testsuite(Appendable out, ReportInput input, ReportSuite suite) throws IOException {
        CheckResult result = input.result();
        out.append("  <testsuite name=\"").append(Escape.xml(input.benchmark())).append("\" tests=\"")
                .append(String.valueOf(tests(input))).append("\" failures=\"").append(String.valueOf(failures(input)))
                .append("\" errors=\"0\" skipped=\"0\" time=\"0\">\n")
                .append("    <properties>\n");
        property(out, "perf-regression.schema_version", Integer.toString(JsonReport.SCHEMA_VERSION));
        property(out, "baseline", input.baselineName());
        property(out, "current", input.currentName());
        property(out, "unit", input.scale());
        for (String note : suite.notes()) {
            property(out, "note", note);
        }
        for (String note : input.notes()) {
            property(out, "note", note);
        }
        out.append("    </properties>\n");
        var gates = input.gateByKey();
        String unit = input.unit() == null ? "" : " " + input.unit();
        for (SubsectionResult r : result.worstFirst()) {
            testcase(out, input, r.key());
            GateResult gate = gates.get(r.key());
            // With the gate, it decides; the seed rule's message follows for comparison.
            boolean failed = gate != null ? gate.verdict() == Verdict.REGRESSION
                    && gate.confirmation() != org.perfregression.gate.Confirmation.ACCEPTED
                    : r.verdict() == Verdict.REGRESSION;
            String medians = Numbers.compact(r.baselineMedian()) + unit + " -> " + Numbers.compact(r.currentMedian()) + unit;
            String message = (gate != null ? gate.message() + "; seed rule: " + r.message() : r.message())
                    + " [" + medians + "]";
            if (failed) {
                out.append(">\n      <failure type=\"regression\" message=\"").append(Escape.xml(message)).append("\">")
                        .append(Escape.xml(r.key() + ": " + message)).append("</failure>\n    </testcase>\n");
            } else {
                out.append(">\n      <system-out>").append(Escape.xml(message + (r.verdict() == Verdict.NO_CHANGE
                        ? "; no verdict: " + r.reason() : ""))).append("</system-out>\n    </testcase>\n");
            }
        }
        for (SubsectionKey key : result.missingInCurrent()) {
            testcase(out, input, key);
            out.append(">\n      <failure type=\"missing\" message=\"in the baseline but not in the current data\"/>\n")
                    .append("    </testcase>\n");
        }
        out.append("    <system-out>").append(Escape.xml(input.summaryLine())).append("</system-out>\n")
                .append("  </testsuite>\n");
    }

    private static void testcase(Appendable out, ReportInput input, SubsectionKey key) throws IOException {
        out.append("    <testcase classname=\"").append(Escape.xml(input.benchmark() + "." + key.section()))
                .append("\" name=\"").append(Escape.xml(key.subsection())).append("\" time=\"0\"");
    }

    private static void property(Appendable out, String name, String value) throws IOException {
        out.append("      <property name=\"").append(name).append("\" value=\"").append(Escape.xml(value)).append("\"/>\n");
    }
}
