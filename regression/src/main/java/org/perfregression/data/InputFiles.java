package org.perfregression.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What every reader checks before it opens a file: that it is a regular file of a size this tool
 * can hold. A FIFO would block a reader forever and a device never ends; a file of gigabytes would
 * end in an OutOfMemoryError instead of a message.
 */
public final class InputFiles {

    /** Larger inputs are refused: parsing costs several times the text, and no real benchmark file comes near. */
    public static final long MAX_BYTES = 256L << 20;

    private InputFiles() {
    }

    /**
     * Fails with one line naming {@code file} unless it is a regular file (links followed) of at most
     * {@link #MAX_BYTES}.
     */
    public static void requireReadable(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file + ": is a directory, expected a file");
        }
        if (!Files.exists(file)) {
            throw new InvalidInputException(file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": not a regular file (a FIFO, socket or device); "
                    + "save the data to a file first");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (size > MAX_BYTES) {
            throw new InvalidInputException(String.format(Locale.ROOT, "%s: %,d bytes, more than the %,d bytes this "
                    + "tool reads", file, size, MAX_BYTES));
        }
    }

    /**
     * Whether both paths name the same file: existing files through links or different spellings,
     * files still to be written by their absolute, normalised paths (links of existing parent
     * folders resolved).
     */
    public static boolean sameFile(Path a, Path b) {
        if (resolved(a).equals(resolved(b))) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether {@code file} exists and is not a regular file or folder: a device or FIFO, written through. */
    public static boolean isDevice(Path file) {
        return Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file);
    }

    private static Path resolved(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        try {
            if (parent != null && absolute.getFileName() != null && Files.isDirectory(parent)) {
                return parent.toRealPath().resolve(absolute.getFileName());
            }
        } catch (IOException e) {
            // an unreadable parent: keep the spelling
        }
        return absolute;
    }
}
