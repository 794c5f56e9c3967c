package org.perfregression.data;

/**
 * Input that cannot be used: a malformed file, a missing field, data that breaks the format's rules.
 * The message is one line that names the file (when there is one) and the problem, fit to be shown
 * to a user as it is: control characters that names from input files carry are shown escaped
 * (see {@link Printable}), so a message is always one line.
 */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(Printable.of(message));
    }

    public InvalidInputException(String message, Throwable cause) {
        super(Printable.of(message), cause);
    }

    /** The exit code a command ends with on this problem: 2, invalid input (subclasses say otherwise). */
    public int exitCode() {
        return 2;
    }
}
