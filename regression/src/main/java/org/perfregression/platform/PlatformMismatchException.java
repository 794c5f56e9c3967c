package org.perfregression.platform;

import org.perfregression.data.InvalidInputException;

/**
 * The baseline belongs to another platform, or there is none for this one: the comparison would say
 * nothing about the code. Commands exit with code 3.
 */
public final class PlatformMismatchException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public PlatformMismatchException(String message) {
        super(message);
    }

    /** 3: not comparable here, which CI may treat apart from bad input. */
    @Override
    public int exitCode() {
        return 3;
    }
}
