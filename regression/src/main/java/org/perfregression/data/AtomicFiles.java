package org.perfregression.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader only ever sees the old content or the complete new content: the
 * text goes to a temporary file in the same directory, is forced to disk, and is then moved over the
 * target in one step. An interrupted or failed write leaves the previous file as it was.
 *
 * <p>What the target is decides how it is written, so that a report never destroys what it was
 * pointed at:
 * <ul>
 *   <li>a symbolic link is followed, and the file it points to is replaced (the link stays);</li>
 *   <li>a regular file is replaced atomically and keeps its permissions; a read-only one is refused;</li>
 *   <li>a device, FIFO or other special file ({@code /dev/null}, {@code /dev/stdout}) is a stream:
 *       written through directly, never replaced;</li>
 *   <li>a directory is an error;</li>
 *   <li>a new file gets the permissions of the process's umask, as any other program's would.</li>
 * </ul>
 */
public final class AtomicFiles {

    /** Symbolic links followed before giving up, as Linux's own limit. */
    private static final int MAX_LINKS = 40;

    /** Whether an existing file may be replaced. */
    public enum WriteMode {
        /** Fail with {@link FileAlreadyExistsException} if the target exists. */
        CREATE_NEW,
        /** Replace the target if it exists. */
        REPLACE
    }

    /** Writes the content of a file to a writer; may be called once. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code text} as UTF-8 to {@code target}, creating parent directories as needed. */
    public static void write(Path target, String text, WriteMode mode) throws IOException {
        write(target, out -> out.write(text), mode);
    }

    /**
     * Writes what {@code content} produces as UTF-8 to {@code target}, streaming it (a large report
     * never has to fit in memory as one string), creating parent directories as needed.
     *
     * @throws FileAlreadyExistsException in {@link WriteMode#CREATE_NEW} if the target exists
     * @throws InvalidInputException if the target is a directory or a read-only file
     */
    public static void write(Path target, Content content, WriteMode mode) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (isStream(absolute)) {
            writeThrough(absolute, content);
            return;
        }
        Path file = Files.exists(absolute) ? absolute.toRealPath() : followLinks(absolute);
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(target + ": is a directory; name a file to write");
        }
        boolean exists = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        if (exists && mode == WriteMode.CREATE_NEW) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists already; refusing to overwrite it");
        }
        Set<PosixFilePermission> permissions = exists ? permissions(file) : null;
        if (permissions != null && !permissions.contains(PosixFilePermission.OWNER_WRITE)) {
            throw new InvalidInputException(target + ": is read-only; refusing to replace it (make it writable "
                    + "or write elsewhere)");
        }
        Path directory = file.getParent();
        Files.createDirectories(directory);
        Path temporary = createTemporary(directory, file.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                Writer out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            if (permissions != null) {
                Files.setPosixFilePermissions(temporary, permissions);
            }
            move(temporary, file, mode);
            syncDirectory(directory);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Where a chain of symbolic links ends (which need not exist yet: a dangling link is written through). */
    static Path followLinks(Path path) throws IOException {
        Path current = path;
        for (int hops = 0; Files.isSymbolicLink(current); hops++) {
            if (hops == MAX_LINKS) {
                throw new InvalidInputException(path + ": too many levels of symbolic links");
            }
            current = current.resolveSibling(Files.readSymbolicLink(current)).normalize();
        }
        return current;
    }

    /**
     * A device, FIFO or socket (through any links), or anything under {@code /dev} or {@code /proc}:
     * {@code /dev/stdout} is a link to {@code /proc/self/fd/1}, which may lead to a pipe, a terminal or
     * the very file the shell redirected standard output to; replacing that file would lose the rest
     * of the output.
     */
    private static boolean isStream(Path path) {
        if (path.startsWith("/dev") || path.startsWith("/proc")) {
            return true;
        }
        return Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path);
    }

    private static void writeThrough(Path special, Content content) throws IOException {
        // No CREATE and no TRUNCATE, but APPEND: a stream is written after what it already carries, as
        // when /dev/stdout leads to a file that the process's other output also goes to.
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(special,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND), StandardCharsets.UTF_8), 1 << 16)) {
            content.writeTo(out);
        }
    }

    private static Set<PosixFilePermission> permissions(Path file) throws IOException {
        return Files.getFileAttributeView(file, PosixFileAttributeView.class) == null
                ? null : Files.getPosixFilePermissions(file);
    }

    /** A fresh file created with the umask's permissions (a temp file API would make it 0600). */
    private static Path createTemporary(Path directory, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = directory.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            try {
                Files.newByteChannel(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return candidate;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
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

    /** Makes a rename in {@code directory} durable; where directories cannot be opened, the rename is still atomic. */
    public static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: not every platform can force a directory
        }
    }
}
