package org.perfregression.data;

/**
 * Text from input files (names, values quoted in messages) made safe for a terminal, a log or a CI
 * runner's output: a newline or escape sequence in a name must not forge a line ({@code PASSED}, a
 * CI annotation such as {@code ::error::}) or recolour the terminal.
 */
public final class Printable {

    private Printable() {
    }

    /**
     * For a terminal, a log or a CI runner's output: one line, nothing the terminal interprets. Control
     * characters (line breaks and escape sequences included), Unicode line separators and
     * bidirectional overrides are shown as {@code \\n}, {@code \\r}, {@code \\t} or {@code \\uXXXX}.
     */
    public static String of(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!invisible(c)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }

    /** Characters a terminal or a CI log acts on instead of showing. */
    public static boolean invisible(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f' || c == '\u061c';
    }

}
