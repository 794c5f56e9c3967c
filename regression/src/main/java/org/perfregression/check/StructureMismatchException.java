package org.perfregression.check;

import java.util.List;
import org.perfregression.data.InvalidInputException;

/** Baseline and current data do not have the same shape; the message lists every difference. */
public final class StructureMismatchException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final List<String> differences;

    public StructureMismatchException(List<String> differences) {
        super("baseline and current differ in structure (" + differences.size() + " difference"
                + (differences.size() == 1 ? "" : "s") + "): " + String.join("; ", differences)
                + " (--lenient compares what both have)");
        this.differences = List.copyOf(differences);
    }

    public List<String> differences() {
        return differences;
    }
}
