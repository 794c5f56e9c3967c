package org.perfregression.maven;

/**
 * One {@code <acceptedRegression>} of the POM: regressions of the subsections whose
 * {@code benchmark/section/subsection} the {@code pattern} finds are reported but fail no build, with
 * the {@code reason}, until the day {@code until} (ISO, inclusive; none for no expiry).
 *
 * <pre>{@code
 * <acceptedRegressions>
 *   <acceptedRegression>
 *     <pattern>lookup/.*size=1024</pattern>
 *     <reason>bounds check for CVE-2026-1234</reason>
 *     <until>2026-12-31</until>
 *   </acceptedRegression>
 * </acceptedRegressions>
 * }</pre>
 */
public class AcceptedRegression {

    /** A regular expression found in {@code benchmark/section/subsection}. */
    private String pattern;
    /** Why it is accepted; required. */
    private String reason;
    /** The last day it holds, {@code YYYY-MM-DD}; none for no expiry. */
    private String until;

    /** The library's {@code --accept} form: {@code REGEX=REASON[@YYYY-MM-DD]}. */
    String toOption() {
        if (pattern == null || pattern.isBlank() || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an <acceptedRegression> needs a <pattern> and a <reason>");
        }
        return pattern + "=" + reason.trim() + (until == null || until.isBlank() ? "" : "@" + until.trim());
    }
}
