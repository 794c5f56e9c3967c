package org.perfregression.report;

import java.util.Locale;

/** The report formats by name, as the command line offers them. */
public enum ReportFormat {
    TEXT,
    JSON;

    /** A report of this format; {@code colour} matters only for text on a terminal. */
    public Report create(boolean colour) {
        return switch (this) {
            case TEXT -> new TextReport(colour);
            case JSON -> new JsonReport();
        };
    }

    /** The lower-case name used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The usual file extension of this format. */
    public String extension() {
        return switch (this) {
            case TEXT -> "txt";
            case JSON -> "json";
        };
    }
}
