package org.perfregression.maven;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * One module's benchmarks at a time on this machine. Maven's {@code -T} builds run modules in
 * parallel threads, and two builds may run at once: benchmarks measured beside each other measure
 * each other (and JMH itself refuses a second run while its own lock is held). A file lock covers other
 * processes; a thread of this JVM that finds the file locked by another thread (which Java reports as
 * an {@link OverlappingFileLockException}, whichever plugin class loader it came from) waits the same way.
 */
final class MeasurementLock implements AutoCloseable {

    /** How long to sleep between attempts. */
    private static final long RETRY_MILLIS = 200;

    private final FileChannel channel;
    private final FileLock lock;

    private MeasurementLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The machine-wide lock file, beside JMH's own. */
    static Path defaultFile() {
        return Path.of(System.getProperty("java.io.tmpdir"), "perf-regression-measure.lock");
    }

    /**
     * Waits until no other module of any build measures, then holds the lock.
     *
     * @param waiting told once, when the lock is held by someone else
     */
    static MeasurementLock acquire(Path file, Consumer<String> waiting) throws IOException, InterruptedException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        boolean told = false;
        try {
            while (true) {
                try {
                    FileLock lock = channel.tryLock();
                    if (lock != null) {
                        return new MeasurementLock(channel, lock);
                    }
                } catch (OverlappingFileLockException heldInThisJvm) {
                    // another module of this build: wait as for another process
                }
                if (!told) {
                    waiting.accept("another module's or build's benchmarks are running on this machine (" + file
                            + "); waiting for them to finish");
                    told = true;
                }
                Thread.sleep(RETRY_MILLIS);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
