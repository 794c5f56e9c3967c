package org.perfregression.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A folder whose files are replaced as one set, e.g. a platform's baselines: all old or all new,
 * whatever stops the writer. The new set is staged in {@code <root>/.<name>.new}, then swapped in by
 * two renames ({@code <name>} to {@code .<name>.old}, the new one to {@code <name>}). A writer holds
 * {@code .<name>.lock}, so of two writers at once one fails at once. A process killed between the two
 * renames leaves {@code .<name>.old} alone: {@link #readable} takes it, and the next writer moves it
 * back.
 *
 * @param root the folder that holds the set's folder
 * @param name the set's folder name, a plain file name
 * @param hook called after each file staged and after the old set is moved aside (a test stops the writer there)
 */
public record AtomicFolder(Path root, String name, Hook hook) {

    /** Called at each step of a replacement. */
    @FunctionalInterface
    public interface Hook {
        void staged(Path file) throws IOException;
    }

    /** Writes the new set into {@code staging}, under the lock; {@code current} is the set being replaced (may not exist). */
    @FunctionalInterface
    public interface Stager {
        void stage(Path current, Path staging) throws IOException;
    }

    public AtomicFolder {
        FileNames.requirePlain(name, "folder name");
    }

    public AtomicFolder(Path root, String name) {
        this(root, name, file -> { });
    }

    /** The set's folder. */
    public Path dir() {
        return root.resolve(name);
    }

    private Path sibling(String what) {
        return root.resolve("." + name + "." + what);
    }

    /** Where the set is read from: its folder, or the old set a killed swap left. */
    public Path readable() {
        return !Files.exists(dir()) && Files.isDirectory(sibling("old")) ? sibling("old") : dir();
    }

    /**
     * Replaces the set with what {@code stager} writes, as one step for every reader.
     *
     * @throws InvalidInputException if another writer holds the lock; nothing is changed then
     */
    public void replace(Stager stager) throws IOException {
        Files.createDirectories(root);
        Path lockFile = sibling("lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(channel, lockFile)) {
            recover();
            Path staging = sibling("new");
            Files.createDirectories(staging);
            try {
                stager.stage(dir(), staging);
                AtomicFiles.syncDirectory(staging);
                swap(staging);
            } finally {
                deleteTree(staging);
            }
        }
    }

    /** The hook, for a stager that reports its own files. */
    public void staged(Path file) throws IOException {
        hook.staged(file);
    }

    private static FileLock tryLock(FileChannel channel, Path lockFile) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new InvalidInputException("another process is writing " + lockFile.getParent() + " (it holds "
                    + lockFile + "); wait for it to finish, then run again");
        }
        return lock;
    }

    /** Puts back the old set that a swap killed half-way left, and clears what a killed writer staged. */
    private void recover() throws IOException {
        Path old = sibling("old");
        if (!Files.exists(dir()) && Files.isDirectory(old)) {
            Files.move(old, dir(), StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.syncDirectory(root);
        }
        deleteTree(old);
        deleteTree(sibling("new"));
    }

    private void swap(Path staging) throws IOException {
        Path old = sibling("old");
        if (Files.exists(dir())) {
            Files.move(dir(), old, StandardCopyOption.ATOMIC_MOVE);
            hook.staged(old);
        }
        Files.move(staging, dir(), StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncDirectory(root);
        deleteTree(old);
    }

    /** Removes {@code dir} and everything under it (links are removed, never followed); nothing when absent. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
