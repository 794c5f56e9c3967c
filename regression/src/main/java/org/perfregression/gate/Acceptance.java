package org.perfregression.gate;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.SubsectionKey;

/**
 * A regression accepted for a while, with a reason: the subsections it names are still reported as
 * regressions, but they fail no run until the acceptance expires. For a known cost that a team has
 * decided to pay (a correctness fix, a feature), so that the gate keeps guarding everything else.
 *
 * @param pattern a regular expression found in {@code benchmark/section/subsection}, e.g.
 *     {@code constructor/rank_5/} or {@code page_id.*1111001}
 * @param reason why it is accepted, shown with every such regression
 * @param until the last day it holds; null for no expiry
 */
public record Acceptance(Pattern pattern, String reason, LocalDate until) {

    public Acceptance {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("an accepted regression needs a reason (" + pattern + ")");
        }
    }

    private static final Pattern SPEC = Pattern.compile("(.+?)=(.*?)(?:@(\\d{4}-\\d{2}-\\d{2}))?");

    /**
     * Reads {@code REGEX=REASON[@YYYY-MM-DD]} (the command line's {@code --accept}): the regular
     * expression up to the first {@code =}, the reason, the optional last day.
     */
    public static Acceptance parse(String spec) {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new InvalidInputException("--accept " + spec + ": expected REGEX=REASON or REGEX=REASON@YYYY-MM-DD");
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(m.group(1));
        } catch (PatternSyntaxException e) {
            throw new InvalidInputException("--accept " + spec + ": not a regular expression (" + e.getDescription() + ")");
        }
        LocalDate until;
        try {
            until = m.group(3) == null ? null : LocalDate.parse(m.group(3));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("--accept " + spec + ": " + m.group(3) + " is not a date (YYYY-MM-DD)");
        }
        return new Acceptance(pattern, m.group(2).trim(), until);
    }

    /** Whether it names {@code key} of {@code benchmark}. */
    public boolean names(String benchmark, SubsectionKey key) {
        return pattern.matcher(benchmark + "/" + key.section() + "/" + key.subsection()).find();
    }

    /** Whether it still holds on {@code today}. */
    public boolean holdsOn(LocalDate today) {
        return until == null || !today.isAfter(until);
    }

    /** E.g. {@code accepted until 2026-12-31: the new bounds check}. */
    public String describe() {
        return "accepted" + (until == null ? "" : " until " + until) + ": " + reason;
    }
}
