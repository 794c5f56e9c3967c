package org.perfregression.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Cheaper forks: a class-data-sharing archive of the classes a forked benchmark JVM loads (JMH, the
 * suite), written by the run's first fork ({@code -XX:ArchiveClassesAtExit}) and mapped by every
 * later one ({@code -XX:SharedArchiveFile}). Measured on the project's machine: a fork without
 * warmup or measurement took 0.41 s to start without it and 0.28 s with it, which buys the gate
 * about 75 s of a ten-minute main job. It changes class loading only, not the JIT. Only for forks
 * of this JVM (JDK 13 and later): with {@code -jvm} another JVM may not know the options. The
 * archive lives in the temporary folder and is deleted when the JVM exits.
 */
final class ClassSharing {

    private final Path archive;
    private boolean dumped;

    private ClassSharing(Path archive) {
        this.archive = archive;
    }

    static ClassSharing off() {
        return new ClassSharing(null);
    }

    static ClassSharing forThisJvm() {
        if (Runtime.version().feature() < 13) {
            return off();
        }
        try {
            Path dir = Files.createTempDirectory("perf-regression-cds");
            dir.toFile().deleteOnExit();
            Path archive = dir.resolve("forks.jsa");
            archive.toFile().deleteOnExit();
            return new ClassSharing(archive);
        } catch (IOException e) {
            return off();
        }
    }

    /** The JVM options of the next fork: the first writes the archive, later ones map it once it exists. */
    List<String> nextForkArgs() {
        if (archive == null) {
            return List.of();
        }
        if (!dumped) {
            dumped = true;
            return List.of("-XX:ArchiveClassesAtExit=" + archive);
        }
        return Files.isRegularFile(archive) ? List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto") : List.of();
    }
}
