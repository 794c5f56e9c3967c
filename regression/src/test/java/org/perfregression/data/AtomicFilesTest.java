package org.perfregression.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever a report or data file is pointed at, it is never destroyed. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void devNullStaysADevice() throws IOException {
        Path devNull = Path.of("/dev/null");
        AtomicFiles.write(devNull, "report\n", AtomicFiles.WriteMode.REPLACE);
        assertTrue(Files.exists(devNull) && !Files.isRegularFile(devNull), "/dev/null is still a device");
    }

    @Test
    void aLinkToADeviceIsWrittenThrough() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("null.xml"), Path.of("/dev/null"));
        AtomicFiles.write(link, "report\n", AtomicFiles.WriteMode.REPLACE);
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.exists(Path.of("/dev/null")) && !Files.isRegularFile(Path.of("/dev/null")));
    }

    @Test
    void aSymlinkIsFollowedAndKept() throws IOException {
        Path target = Files.writeString(dir.resolve("real.md"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.md"), Path.of("real.md"));
        AtomicFiles.write(link, "new", AtomicFiles.WriteMode.REPLACE);
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("new", Files.readString(target));
    }

    @Test
    void aDanglingSymlinkCreatesItsTarget() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.md"), Path.of("sub", "made.md"));
        AtomicFiles.write(link, "new", AtomicFiles.WriteMode.REPLACE);
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(dir.resolve("sub").resolve("made.md")));
    }

    @Test
    void aFifoIsWrittenThroughNotReplaced() throws Exception {
        Path fifo = dir.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        AtomicFiles.write(fifo, "through the pipe", AtomicFiles.WriteMode.REPLACE);
        assertEquals("through the pipe", reader.get(30, TimeUnit.SECONDS));
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "still a FIFO");
    }

    @Test
    void anExistingFileKeepsItsPermissions() throws IOException {
        Path file = Files.writeString(dir.resolve("report.md"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.write(file, "new", AtomicFiles.WriteMode.REPLACE);
        assertEquals("new", Files.readString(file));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aNewFileGetsTheUmasksPermissionsLikeAnyOtherProgram() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path written = dir.resolve("written.json");
        AtomicFiles.write(written, "{}", AtomicFiles.WriteMode.CREATE_NEW);
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
    }

    @Test
    void aReadOnlyFileIsRefusedAndKept() throws IOException {
        Path file = Files.writeString(dir.resolve("locked.xml"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AtomicFiles.write(file, "new", AtomicFiles.WriteMode.REPLACE));
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertEquals("old", Files.readString(file));
    }

    @Test
    void aDirectoryIsAnError() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("out"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AtomicFiles.write(folder, "x", AtomicFiles.WriteMode.REPLACE));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertTrue(Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void createNewNeverReplaces() throws IOException {
        Path file = Files.writeString(dir.resolve("gt.json"), "old");
        assertThrows(FileAlreadyExistsException.class,
                () -> AtomicFiles.write(file, "new", AtomicFiles.WriteMode.CREATE_NEW));
        assertEquals("old", Files.readString(file));
    }
}
