package org.perfregression.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader only ever sees the old content or the complete new content: the
 * text goes to a temporary file in the same directory, is forced to disk, and is then moved over the
 * target in one step. An interrupted or failed write leaves the previous file as it was.
 */
public final class AtomicFiles {

    /** Whether an existing file may be replaced. */
    public enum WriteMode {
        /** Fail with {@link FileAlreadyExistsException} if the target exists. */
        CREATE_NEW,
        /** Replace the target if it exists. */
        REPLACE
    }

    private AtomicFiles() {
    }

    /** Writes {@code text} as UTF-8 to {@code target}, creating parent directories as needed. */
    public static void write(Path target, String text, WriteMode mode) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        if (mode == WriteMode.CREATE_NEW && Files.exists(absolute)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists already; refusing to overwrite it");
        }
        Path temporary = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            move(temporary, absolute, mode);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void move(Path temporary, Path target, WriteMode mode) throws IOException {
        if (mode == WriteMode.CREATE_NEW) {
            // A hard link fails if the target appeared meanwhile: no-clobber without a race.
            try {
                Files.createLink(target, temporary);
                return;
            } catch (UnsupportedOperationException noHardLinks) {
                // checked for existence above; a plain move is the best this file system offers
            }
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
