package org.perfregression.report;

import java.util.Locale;

/** The report formats by name, as the command line offers them. */
public enum ReportFormat {
    TEXT("txt"),
    JSON("json"),
    MARKDOWN("md"),
    JUNIT("xml"),
    HTML("html"),
    /** The current run for github-action-benchmark's custom format: an export, not a comparison. */
    GITHUB_ACTION_BENCHMARK("github-action-benchmark.json", "github-action-benchmark"),
    /** The current run in Bencher's metric format: an export, not a comparison. */
    BENCHER("bencher.json", "bencher");

    private final String extension;
    private final String id;

    ReportFormat(String extension) {
        this.extension = extension;
        this.id = name().toLowerCase(Locale.ROOT);
    }

    ReportFormat(String extension, String id) {
        this.extension = extension;
        this.id = id;
    }

    /** A report of this format; {@code colour} matters only for text on a terminal. */
    public Report create(boolean colour) {
        return switch (this) {
            case TEXT -> new TextReport(colour);
            case JSON -> new JsonReport();
            case MARKDOWN -> new MarkdownReport();
            case JUNIT -> new JunitReport();
            case HTML -> new HtmlReport();
            case GITHUB_ACTION_BENCHMARK -> new GithubActionBenchmarkReport();
            case BENCHER -> new BencherReport();
        };
    }

    /** The lower-case name used on the command line. */
    public String id() {
        return id;
    }

    /** The usual file extension of this format. */
    public String extension() {
        return extension;
    }

    /** The format named {@code name}, in any case. */
    public static ReportFormat of(String name) {
        for (ReportFormat format : values()) {
            if (format.id().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown report format '" + name + "' (text, json, markdown, junit, html, "
                + "github-action-benchmark, bencher)");
    }
}
