package org.perfregression.report;

import java.util.List;

/**
 * What every report renders: the comparisons of one or more benchmarks (a file compare has one, a
 * folder compare or the main job one per benchmark), notes that qualify all of them, and one verdict.
 *
 * @param benchmarks each benchmark's comparison, in the order to show them
 * @param notes lines every report must show, e.g. {@code advisory: platforms differ}
 * @param missing benchmarks of the baseline without current data: each fails the suite
 * @param reports the files this suite's reports go to, e.g. {@code json: out/report.json}: a report
 *     that must leave rows out (Markdown in a comment) says where the rest is
 */
public record ReportSuite(List<ReportInput> benchmarks, List<String> notes, List<String> missing, List<String> reports) {

    public ReportSuite(List<ReportInput> benchmarks, List<String> notes) {
        this(benchmarks, notes, List.of());
    }

    public ReportSuite(List<ReportInput> benchmarks, List<String> notes, List<String> missing) {
        this(benchmarks, notes, missing, List.of());
    }

    public ReportSuite {
        benchmarks = List.copyOf(benchmarks);
        notes = List.copyOf(notes);
        missing = List.copyOf(missing);
        reports = List.copyOf(reports);
        if (benchmarks.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one benchmark");
        }
    }

    /** This suite, its reports written to {@code reports}. */
    public ReportSuite withReports(List<String> reports) {
        return new ReportSuite(benchmarks, notes, missing, reports);
    }

    /** The report of one comparison. */
    public static ReportSuite of(ReportInput input) {
        return new ReportSuite(List.of(input), List.of());
    }

    /** Whether there is a single benchmark: reports then look as they did for one file. */
    public boolean single() {
        return benchmarks.size() == 1 && missing.isEmpty();
    }

    /** Every note, the suite's first, then each benchmark's (prefixed by its name when there are several). */
    public List<String> allNotes() {
        java.util.List<String> all = new java.util.ArrayList<>(notes);
        for (ReportInput b : benchmarks) {
            b.notes().forEach(n -> all.add(single() ? n : b.benchmark() + ": " + n));
        }
        return all;
    }

    /** Whether any benchmark fails, or one has no current data. */
    public boolean failed() {
        return !missing.isEmpty() || benchmarks.stream().anyMatch(ReportInput::failed);
    }

    /**
     * Whether the suite fails on time verdicts alone: nothing missing, no allocation regression. Time
     * is what a busier machine moves; bytes per operation and missing results it does not.
     */
    public boolean failsOnTimeAlone() {
        return failed() && missing.isEmpty() && benchmarks.stream().filter(ReportInput::failed)
                .allMatch(b -> !b.allocation() && b.result().missingInCurrent().isEmpty());
    }

    /** One line for the whole suite: the benchmark's own for one, else counts over all. */
    public String summaryLine() {
        if (single()) {
            return benchmarks.get(0).summaryLine();
        }
        long failing = benchmarks.stream().filter(ReportInput::failed).count() + missing.size();
        return (benchmarks.size() + missing.size()) + " benchmarks, " + failing + " failing"
                + (missing.isEmpty() ? "" : " (" + missing.size() + " without current data)") + ": "
                + String.join("; ", benchmarks.stream().map(b -> b.benchmark() + " " + b.summaryLine()
                        .replaceFirst(";.*", "")).toList());
    }
}
