package org.perfregression.report;

import java.io.IOException;
import org.perfregression.check.CheckResult;
import org.perfregression.check.Summary;
import org.perfregression.check.SubsectionResult;
import org.perfregression.check.Verdict;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.GateResult;

/**
 * JUnit XML, which every CI server reads: one test case per subsection (class name = section, name =
 * subsection), regressions and missing subsections as failures carrying the message.
 */
public final class JunitReport implements Report {

    @Override
    public void write(ReportInput input, Appendable out) throws IOException {
        CheckResult result = input.result();
        Summary summary = result.summary();
        int tests = result.results().size() + result.missingInCurrent().size();
        int regressions = input.gate() != null ? (int) input.gate().count(Verdict.REGRESSION) : summary.regressions();
        int failures = regressions + summary.missingInCurrent();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<testsuites name=\"perf-regression\" tests=\"").append(String.valueOf(tests))
                .append("\" failures=\"").append(String.valueOf(failures)).append("\" errors=\"0\">\n")
                .append("  <testsuite name=\"perf-regression\" tests=\"").append(String.valueOf(tests))
                .append("\" failures=\"").append(String.valueOf(failures))
                .append("\" errors=\"0\" skipped=\"0\" time=\"0\">\n")
                .append("    <properties>\n");
        property(out, "baseline", input.baselineName());
        property(out, "current", input.currentName());
        for (String note : input.notes()) {
            property(out, "note", note);
        }
        out.append("    </properties>\n");
        var gates = input.gateByKey();
        for (SubsectionResult r : result.results()) {
            testcase(out, r.key());
            GateResult gate = gates.get(r.key());
            // With the gate, it decides; the seed rule's message follows for comparison.
            boolean failed = gate != null ? gate.verdict() == Verdict.REGRESSION : r.verdict() == Verdict.REGRESSION;
            String message = gate != null ? gate.message() + "; seed rule: " + r.message() : r.message();
            if (failed) {
                out.append(">\n      <failure type=\"regression\" message=\"").append(Escape.xml(message)).append("\">")
                        .append(Escape.xml(r.key() + ": " + message)).append("</failure>\n    </testcase>\n");
            } else {
                out.append(">\n      <system-out>").append(Escape.xml(message)).append("</system-out>\n    </testcase>\n");
            }
        }
        for (SubsectionKey key : result.missingInCurrent()) {
            testcase(out, key);
            out.append(">\n      <failure type=\"missing\" message=\"in the baseline but not in the current data\"/>\n")
                    .append("    </testcase>\n");
        }
        out.append("    <system-out>").append(Escape.xml(String.join("\n", input.notes())
                + (input.notes().isEmpty() ? "" : "\n") + input.summaryLine())).append("</system-out>\n")
                .append("  </testsuite>\n</testsuites>\n");
    }

    private static void testcase(Appendable out, SubsectionKey key) throws IOException {
        out.append("    <testcase classname=\"").append(Escape.xml(key.section())).append("\" name=\"")
                .append(Escape.xml(key.subsection())).append("\" time=\"0\"");
    }

    private static void property(Appendable out, String name, String value) throws IOException {
        out.append("      <property name=\"").append(name).append("\" value=\"").append(Escape.xml(value)).append("\"/>\n");
    }
}
