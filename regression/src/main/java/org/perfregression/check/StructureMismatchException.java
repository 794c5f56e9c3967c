package org.perfregression.check;

import java.util.List;
import org.perfregression.data.InvalidInputException;

/** Baseline and current data do not have the same shape; the message lists every difference. */
public final class StructureMismatchException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final List<String> differences;

    /** The differences a message lists; the rest are counted. */
    private static final int SHOWN = 5;

    public StructureMismatchException(List<String> differences) {
        super("baseline and current differ in structure (" + differences.size() + " difference"
                + (differences.size() == 1 ? "" : "s") + "): "
                + String.join("; ", differences.subList(0, Math.min(SHOWN, differences.size())))
                + (differences.size() > SHOWN ? "; and " + (differences.size() - SHOWN) + " more" : "")
                + " (--lenient compares what both have)");
        this.differences = List.copyOf(differences);
    }

    public List<String> differences() {
        return differences;
    }
}
