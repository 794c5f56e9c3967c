package org.perfregression.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.input.Dataset;
import org.perfregression.input.Sidecar;

/**
 * The results store: every recorded run, its subsections and their forks, the samples as measured
 * (from schema 2 on), and what the change-point analysis has already examined. A SQLite file by default, or any JDBC URL of PostgreSQL, where many
 * CI runners share one history.
 *
 * <p>Each run is written in one transaction, so a writer killed mid-run leaves the store as it was
 * before that run. Writers serialize: SQLite takes its write lock when the transaction begins
 * ({@code IMMEDIATE}) and waits up to {@link #BUSY_TIMEOUT_MS} for another writer, PostgreSQL takes a
 * transaction-scoped advisory lock. The schema carries its version in {@code perf_history_meta} and
 * is migrated forward when opened by a newer toolkit; a store of a newer schema is refused.
 */
public final class HistoryStore implements AutoCloseable {

    /** The schema this toolkit writes. */
    public static final int SCHEMA_VERSION = 2;

    /** How long a SQLite writer waits for another to finish. */
    public static final int BUSY_TIMEOUT_MS = 60_000;

    /** Key of PostgreSQL's advisory lock that serializes this store's writers. */
    private static final long PG_LOCK = 0x7065726668697374L;

    /** The statements that bring a store from version {@code i} to {@code i + 1}. */
    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            "CREATE TABLE perf_run (id BIGINT PRIMARY KEY, commit_sha VARCHAR(200) NOT NULL, branch VARCHAR(500),"
                    + " run_time VARCHAR(40) NOT NULL, machine VARCHAR(500) NOT NULL, calibration_ns DOUBLE PRECISION,"
                    + " source VARCHAR(2000), recorded_at VARCHAR(40) NOT NULL)",
            "CREATE TABLE perf_series (id BIGINT PRIMARY KEY, benchmark VARCHAR(500) NOT NULL,"
                    + " section VARCHAR(1000) NOT NULL, subsection VARCHAR(1000) NOT NULL, unit VARCHAR(40))",
            "CREATE TABLE perf_subsection (run_id BIGINT NOT NULL REFERENCES perf_run(id),"
                    + " series_id BIGINT NOT NULL REFERENCES perf_series(id), samples INTEGER NOT NULL,"
                    + " median DOUBLE PRECISION, forks INTEGER NOT NULL, level DOUBLE PRECISION NOT NULL,"
                    + " PRIMARY KEY (run_id, series_id))",
            "CREATE TABLE perf_fork (run_id BIGINT NOT NULL REFERENCES perf_run(id),"
                    + " series_id BIGINT NOT NULL REFERENCES perf_series(id), fork INTEGER NOT NULL,"
                    + " level DOUBLE PRECISION NOT NULL, raw_level DOUBLE PRECISION NOT NULL,"
                    + " calibration DOUBLE PRECISION, alloc_bytes_per_op DOUBLE PRECISION,"
                    + " PRIMARY KEY (run_id, series_id, fork))",
            // series_id 0 in the analysis tables is a machine's run-shift series (HistoryChanges.SUITE).
            "CREATE TABLE perf_change (machine VARCHAR(500) NOT NULL, series_id BIGINT NOT NULL,"
                    + " run_id BIGINT NOT NULL REFERENCES perf_run(id), change_pct DOUBLE PRECISION NOT NULL,"
                    + " low_pct DOUBLE PRECISION NOT NULL, high_pct DOUBLE PRECISION NOT NULL, p DOUBLE PRECISION NOT NULL,"
                    + " PRIMARY KEY (machine, series_id, run_id))",
            "CREATE TABLE perf_series_state (machine VARCHAR(500) NOT NULL,"
                    + " series_id BIGINT NOT NULL, runs INTEGER NOT NULL,"
                    + " last_run_id BIGINT NOT NULL, PRIMARY KEY (machine, series_id))"),
            // Version 2: each benchmark's samples and sidecar as measured (gzipped JSON), so that a
            // later run can be judged against recorded runs (HistoryBaseline); runs of version 1 have none.
            List.of("CREATE TABLE perf_run_data (run_id BIGINT NOT NULL REFERENCES perf_run(id),"
                    + " benchmark VARCHAR(500) NOT NULL, data {binary} NOT NULL, sidecar {binary} NOT NULL,"
                    + " PRIMARY KEY (run_id, benchmark))"));

    private enum Dialect { SQLITE, POSTGRESQL }

    private final Connection connection;
    private final Dialect dialect;
    private final String name;

    private HistoryStore(Connection connection, Dialect dialect, String name) {
        this.connection = connection;
        this.dialect = dialect;
        this.name = name;
    }

    /**
     * Opens (and creates or migrates) the store {@code db}: a JDBC URL ({@code jdbc:postgresql://...},
     * {@code jdbc:sqlite:...}) or the path of a SQLite file, created when missing.
     */
    public static HistoryStore open(String db) {
        String url;
        Dialect dialect;
        if (db.startsWith("jdbc:postgresql:")) {
            url = db;
            dialect = Dialect.POSTGRESQL;
        } else if (db.startsWith("jdbc:sqlite:")) {
            url = db;
            dialect = Dialect.SQLITE;
        } else if (db.startsWith("jdbc:")) {
            throw new InvalidInputException(db + ": unsupported database (a history is a SQLite file or "
                    + "jdbc:postgresql://...)");
        } else {
            Path file = Path.of(db);
            requireSqliteFile(file);
            url = "jdbc:sqlite:" + file.toAbsolutePath();
            dialect = Dialect.SQLITE;
        }
        String name = dialect == Dialect.POSTGRESQL ? redacted(db) : db;
        Properties properties = new Properties();
        if (dialect == Dialect.SQLITE) {
            properties.setProperty("busy_timeout", String.valueOf(BUSY_TIMEOUT_MS));
            properties.setProperty("transaction_mode", "IMMEDIATE");
            properties.setProperty("foreign_keys", "true");
        }
        Connection connection;
        try {
            connection = DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw new InvalidInputException(name + ": cannot open the history (" + firstLine(e) + ")");
        }
        HistoryStore store = new HistoryStore(connection, dialect, name);
        try {
            store.migrate();
        } catch (SQLException e) {
            store.close();
            throw store.failure("cannot read the history's schema", e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** A file that exists must be a SQLite database; its folder must exist. */
    private static void requireSqliteFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file + ": a folder, not a history file");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new InvalidInputException(file + ": its folder " + parent + " does not exist");
        }
        try {
            if (Files.exists(file) && Files.size(file) > 0) {
                byte[] header = new byte[16];
                int read;
                try (InputStream in = Files.newInputStream(file)) {
                    read = in.readNBytes(header, 0, 16);
                }
                if (read < 16 || !new String(header, 0, 15, java.nio.charset.StandardCharsets.ISO_8859_1)
                        .equals("SQLite format 3")) {
                    throw new InvalidInputException(file + ": not a SQLite database, so not a history file "
                            + "(history record creates one)");
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** A JDBC URL without its password. */
    private static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private InvalidInputException failure(String what, SQLException e) {
        String message = firstLine(e);
        if (message.contains("SQLITE_NOTADB") || message.contains("file is not a database")) {
            return new InvalidInputException(name + ": not a SQLite database, so not a history file");
        }
        if (message.contains("SQLITE_CORRUPT") || message.contains("malformed")) {
            return new InvalidInputException(name + ": the history file is corrupt (" + message + ")");
        }
        return new InvalidInputException(name + ": " + what + " (" + message + ")");
    }

    /** Creates the schema or brings it to {@link #SCHEMA_VERSION}, in one locked transaction. */
    private void migrate() throws SQLException {
        connection.setAutoCommit(false);
        try {
            lock();
            List<String> tables = tables();
            int version;
            if (!tables.contains("perf_history_meta")) {
                if (dialect == Dialect.SQLITE && !tables.isEmpty()) {
                    throw new InvalidInputException(name + ": a SQLite database of something else (tables "
                            + String.join(", ", tables.subList(0, Math.min(3, tables.size()))) + "), not a history file");
                }
                try (Statement s = connection.createStatement()) {
                    s.executeUpdate("CREATE TABLE perf_history_meta (name VARCHAR(64) PRIMARY KEY, value VARCHAR(200) NOT NULL)");
                    s.executeUpdate("INSERT INTO perf_history_meta (name, value) VALUES ('schema_version', '0')");
                }
                version = 0;
            } else {
                version = storedVersion();
            }
            if (version > SCHEMA_VERSION) {
                throw new InvalidInputException(name + ": the history's schema is version " + version + ", newer than "
                        + "this toolkit's " + SCHEMA_VERSION + "; use a newer perf-regression");
            }
            for (int v = version; v < SCHEMA_VERSION; v++) {
                try (Statement s = connection.createStatement()) {
                    for (String sql : MIGRATIONS.get(v)) {
                        s.executeUpdate(sql.replace("{binary}", dialect == Dialect.POSTGRESQL ? "BYTEA" : "BLOB"));
                    }
                }
            }
            if (version < SCHEMA_VERSION) {
                try (PreparedStatement s = connection.prepareStatement(
                        "UPDATE perf_history_meta SET value = ? WHERE name = 'schema_version'")) {
                    s.setString(1, String.valueOf(SCHEMA_VERSION));
                    s.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollback();
            throw e;
        }
    }

    private int storedVersion() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT value FROM perf_history_meta WHERE name = 'schema_version'")) {
            if (!rs.next()) {
                throw new InvalidInputException(name + ": the history has no schema version (perf_history_meta)");
            }
            try {
                return Integer.parseInt(rs.getString(1));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(name + ": the history's schema version is not a number: " + rs.getString(1));
            }
        }
    }

    private List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (dialect == Dialect.POSTGRESQL && schema != null && !schema.equals(connection.getSchema())) {
                    continue;
                }
                tables.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return tables;
    }

    /** Serializes writers: the transaction holds the store's write lock from here to its end. */
    private void lock() throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + PG_LOCK + ")");
            }
        }
        // SQLite: the IMMEDIATE transaction took the write lock when it began.
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the transaction is gone with the connection; nothing of it was committed
        }
    }

    /** The store's name in messages (a PostgreSQL URL without its password). */
    public String name() {
        return name;
    }

    /** A subsection of a benchmark, whatever the machine: a row of {@code perf_series}. */
    private record Named(String benchmark, SubsectionKey key) {
    }

    /** The rows of {@code perf_series}: each named subsection's id, and by id its name and unit. */
    private record SeriesTable(Map<Named, Long> ids, Map<Long, Named> names, Map<Long, String> units) {
    }

    private SeriesTable seriesTable() throws SQLException {
        SeriesTable table = new SeriesTable(new HashMap<>(), new HashMap<>(), new HashMap<>());
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, benchmark, section, subsection, unit FROM perf_series")) {
            while (rs.next()) {
                Named named = new Named(rs.getString(2), new SubsectionKey(rs.getString(3), rs.getString(4)));
                table.ids().put(named, rs.getLong(1));
                table.names().put(rs.getLong(1), named);
                table.units().put(rs.getLong(1), rs.getString(5));
            }
        }
        return table;
    }

    /** Work on the store that JDBC may fail. */
    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * {@code work} as one transaction under the store's write lock: committed whole, or rolled back
     * and reported in one line naming {@code what} failed.
     */
    private <T> T transaction(String what, Work<T> work) {
        try {
            lock();
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollback();
            throw failure(what, e);
        } catch (RuntimeException e) {
            rollback();
            throw e;
        }
    }

    /** Records {@code run} in one transaction and returns its id. */
    public long record(RecordedRun run) {
        return transaction("cannot record the run", () -> {
            long id;
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM perf_run")) {
                rs.next();
                id = rs.getLong(1);
            }
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO perf_run (id, commit_sha, branch, "
                    + "run_time, machine, calibration_ns, source, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, id);
                s.setString(2, run.commit());
                s.setString(3, run.branch());
                s.setString(4, run.time().toString());
                s.setString(5, run.machine());
                setDouble(s, 6, run.calibrationNs());
                s.setString(7, run.source());
                s.setString(8, Instant.now().toString());
                s.executeUpdate();
            }
            Map<Named, Long> ids = seriesTable().ids();
            long next = ids.values().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
            try (PreparedStatement series = connection.prepareStatement("INSERT INTO perf_series (id, benchmark, section, "
                    + "subsection, unit) VALUES (?, ?, ?, ?, ?)");
                    PreparedStatement sub = connection.prepareStatement("INSERT INTO perf_subsection (run_id, series_id, "
                            + "samples, median, forks, level) VALUES (?, ?, ?, ?, ?, ?)");
                    PreparedStatement fork = connection.prepareStatement("INSERT INTO perf_fork (run_id, series_id, fork, "
                            + "level, raw_level, calibration, alloc_bytes_per_op) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (RecordedSubsection r : run.subsections()) {
                    Named named = new Named(r.benchmark(), r.key());
                    Long seriesId = ids.get(named);
                    if (seriesId == null) {
                        seriesId = next++;
                        ids.put(named, seriesId);
                        series.setLong(1, seriesId);
                        series.setString(2, r.benchmark());
                        series.setString(3, r.key().section());
                        series.setString(4, r.key().subsection());
                        series.setString(5, r.unit());
                        series.addBatch();
                    }
                    sub.setLong(1, id);
                    sub.setLong(2, seriesId);
                    sub.setInt(3, r.samples());
                    setDouble(sub, 4, r.median());
                    sub.setInt(5, r.forks().size());
                    sub.setDouble(6, r.level());
                    sub.addBatch();
                    for (int f = 0; f < r.forks().size(); f++) {
                        RecordedSubsection.Fork values = r.forks().get(f);
                        fork.setLong(1, id);
                        fork.setLong(2, seriesId);
                        fork.setInt(3, f + 1);
                        fork.setDouble(4, values.level());
                        fork.setDouble(5, values.rawLevel());
                        setDouble(fork, 6, values.calibration());
                        setDouble(fork, 7, values.allocBytesPerOp());
                        fork.addBatch();
                    }
                }
                series.executeBatch();
                sub.executeBatch();
                fork.executeBatch();
            }
            try (PreparedStatement data = connection.prepareStatement("INSERT INTO perf_run_data (run_id, benchmark, "
                    + "data, sidecar) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<String, Dataset> entry : run.datasets().entrySet()) {
                    Dataset dataset = entry.getValue();
                    data.setLong(1, id);
                    data.setString(2, entry.getKey());
                    data.setBytes(3, gzip(dataset.data().toJsonString()));
                    data.setBytes(4, gzip(new Sidecar(dataset.unit(), dataset.platform(), dataset.forks()).toJson(Map.of())));
                    data.addBatch();
                }
                data.executeBatch();
            }
            return id;
        });
    }

    private static void setDouble(PreparedStatement s, int index, double value) throws SQLException {
        if (Double.isFinite(value)) {
            s.setDouble(index, value);
        } else {
            s.setNull(index, java.sql.Types.DOUBLE);
        }
    }

    /** A recorded run without its subsections; {@code source} is the folder it was read from. */
    public record StoredRun(long id, String commit, String branch, Instant time, String machine, double calibrationNs,
            String source) {
    }

    /** One run's level of one subsection ({@link RecordedSubsection#level}). */
    public record Level(long runId, String benchmark, SubsectionKey key, String unit, double level) {
    }

    /** Every run, in the order they ran (by time, then by id). */
    public List<StoredRun> runs() {
        return transaction("cannot read the runs", () -> {
            List<StoredRun> runs = new ArrayList<>();
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id, commit_sha, branch, run_time, machine, calibration_ns, "
                            + "source FROM perf_run ORDER BY run_time, id")) {
                while (rs.next()) {
                    runs.add(new StoredRun(rs.getLong(1), rs.getString(2), rs.getString(3),
                            Instant.parse(rs.getString(4)), rs.getString(5), nullable(rs, 6), rs.getString(7)));
                }
            }
            return runs;
        });
    }

    /** Every run's level of every subsection. */
    public List<Level> levels() {
        return transaction("cannot read the levels", () -> {
            List<Level> levels = new ArrayList<>();
            SeriesTable series = seriesTable();
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT run_id, series_id, level FROM perf_subsection")) {
                while (rs.next()) {
                    Named named = series.names().get(rs.getLong(2));
                    levels.add(new Level(rs.getLong(1), named.benchmark(), named.key(), series.units().get(rs.getLong(2)),
                            rs.getDouble(3)));
                }
            }
            return levels;
        });
    }

    /** The subsections of one run with their forks, read back whole. */
    public List<RecordedSubsection> subsections(long runId) {
        return transaction("cannot read run " + runId, () -> {
            SeriesTable series = seriesTable();
            Map<Long, List<RecordedSubsection.Fork>> forks = new HashMap<>();
            try (PreparedStatement f = connection.prepareStatement("SELECT series_id, level, raw_level, calibration, "
                    + "alloc_bytes_per_op FROM perf_fork WHERE run_id = ? ORDER BY series_id, fork")) {
                f.setLong(1, runId);
                try (ResultSet rs = f.executeQuery()) {
                    while (rs.next()) {
                        forks.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new RecordedSubsection.Fork(
                                rs.getDouble(2), rs.getDouble(3), nullable(rs, 4), nullable(rs, 5)));
                    }
                }
            }
            List<RecordedSubsection> subsections = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT series_id, samples, median FROM perf_subsection "
                    + "WHERE run_id = ? ORDER BY series_id")) {
                s.setLong(1, runId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        Named named = series.names().get(id);
                        subsections.add(new RecordedSubsection(named.benchmark(), named.key(), series.units().get(id),
                                rs.getInt(2), nullable(rs, 3), forks.getOrDefault(id, List.of())));
                    }
                }
            }
            return List.copyOf(subsections);
        });
    }

    /** The runs of {@code machine} that kept their samples (recorded by schema 2 or later), newest first. */
    public List<StoredRun> runsWithData(String machine) {
        return transaction("cannot read the runs of " + machine, () -> {
            List<StoredRun> runs = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT id, commit_sha, branch, run_time, machine, "
                    + "calibration_ns, source FROM perf_run WHERE machine = ? AND id IN (SELECT run_id FROM perf_run_data) "
                    + "ORDER BY run_time DESC, id DESC")) {
                s.setString(1, machine);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        runs.add(new StoredRun(rs.getLong(1), rs.getString(2), rs.getString(3),
                                Instant.parse(rs.getString(4)), rs.getString(5), nullable(rs, 6), rs.getString(7)));
                    }
                }
            }
            return runs;
        });
    }

    /** The samples and sidecars run {@code runId} measured, per benchmark; empty for a run recorded without them. */
    public Map<String, Dataset> datasets(long runId) {
        return transaction("cannot read the samples of run " + runId, () -> {
            Map<String, Dataset> datasets = new java.util.LinkedHashMap<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT benchmark, data, sidecar FROM perf_run_data "
                    + "WHERE run_id = ? ORDER BY benchmark")) {
                s.setLong(1, runId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String where = name + " run " + runId + " " + rs.getString(1);
                        PerformanceData data = PerformanceData.fromJsonString(gunzip(rs.getBytes(2), where));
                        Sidecar sidecar = Sidecar.fromJson(gunzip(rs.getBytes(3), where), where);
                        datasets.put(rs.getString(1), new Dataset(data, sidecar.unit(), sidecar.platform(), where,
                                sidecar.forks()));
                    }
                }
            }
            return datasets;
        });
    }

    private static byte[] gzip(String text) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("compressing in memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static String gunzip(byte[] bytes, String where) {
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(where + ": the stored samples are damaged (" + e.getMessage() + ")");
        }
    }

    private static double nullable(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : value;
    }

    /** One series: a subsection on one machine. */
    public record Series(String machine, String benchmark, SubsectionKey key) {
    }

    /** What the analysis examined of a series: how many runs, the last of them. */
    public record SeriesState(int runs, long lastRunId) {
    }

    /** A change point as stored. */
    public record StoredChange(Series series, long runId, double changePct, double lowPct, double highPct, double p) {
    }

    /** The change points found so far, and per series what was examined. */
    public record Analysis(List<StoredChange> changes, Map<Series, SeriesState> examined) {
    }

    /** What earlier analyses found and examined. */
    public Analysis analysis() {
        return transaction("cannot read the change points", () -> {
            List<StoredChange> changes = new ArrayList<>();
            Map<Series, SeriesState> examined = new HashMap<>();
            Map<Long, Named> names = seriesTable().names();
            try (Statement s = connection.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT machine, series_id, run_id, change_pct, low_pct, high_pct, p "
                        + "FROM perf_change")) {
                    while (rs.next()) {
                        changes.add(new StoredChange(series(rs, names), rs.getLong(3), rs.getDouble(4), rs.getDouble(5),
                                rs.getDouble(6), rs.getDouble(7)));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT machine, series_id, runs, last_run_id FROM perf_series_state")) {
                    while (rs.next()) {
                        examined.put(series(rs, names), new SeriesState(rs.getInt(3), rs.getLong(4)));
                    }
                }
            }
            return new Analysis(changes, examined);
        });
    }

    /** The series of a row whose first two columns are the machine and the series id. */
    private static Series series(ResultSet rs, Map<Long, Named> names) throws SQLException {
        long id = rs.getLong(2);
        Named named = names.get(id);
        // The run-shift series of HistoryChanges has no row in perf_series: it is stored under id 0.
        return id == SUITE_SERIES_ID ? new Series(rs.getString(1), HistoryChanges.SUITE, HistoryChanges.SUITE_KEY)
                : new Series(rs.getString(1), named.benchmark(), named.key());
    }

    /** The id under which the run-shift series is stored. */
    private static final long SUITE_SERIES_ID = 0;

    /**
     * Replaces, for each series in {@code replacedRuns}, its change points at those runs, adds
     * {@code found}, and records what was examined: one transaction.
     */
    public void saveAnalysis(Map<Series, SeriesState> examined, Map<Series, List<Long>> replacedRuns,
            List<StoredChange> found) {
        transaction("cannot save the change points", () -> {
            Map<Named, Long> ids = seriesTable().ids();
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM perf_change WHERE machine = ? "
                    + "AND series_id = ? AND run_id = ?");
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO perf_change (machine, series_id, "
                            + "run_id, change_pct, low_pct, high_pct, p) VALUES (?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement clear = connection.prepareStatement("DELETE FROM perf_series_state WHERE machine = ? "
                            + "AND series_id = ?");
                    PreparedStatement state = connection.prepareStatement("INSERT INTO perf_series_state (machine, "
                            + "series_id, runs, last_run_id) VALUES (?, ?, ?, ?)")) {
                for (var e : replacedRuns.entrySet()) {
                    for (long run : e.getValue()) {
                        setSeries(delete, e.getKey(), ids);
                        delete.setLong(3, run);
                        delete.addBatch();
                    }
                }
                delete.executeBatch();
                for (StoredChange c : found) {
                    setSeries(insert, c.series(), ids);
                    insert.setLong(3, c.runId());
                    insert.setDouble(4, c.changePct());
                    insert.setDouble(5, c.lowPct());
                    insert.setDouble(6, c.highPct());
                    insert.setDouble(7, c.p());
                    insert.addBatch();
                }
                insert.executeBatch();
                for (var e : examined.entrySet()) {
                    setSeries(clear, e.getKey(), ids);
                    clear.addBatch();
                    setSeries(state, e.getKey(), ids);
                    state.setInt(3, e.getValue().runs());
                    state.setLong(4, e.getValue().lastRunId());
                    state.addBatch();
                }
                clear.executeBatch();
                state.executeBatch();
            }
            return null;
        });
    }

    private static void setSeries(PreparedStatement s, Series series, Map<Named, Long> ids) throws SQLException {
        s.setString(1, series.machine());
        s.setLong(2, series.benchmark().equals(HistoryChanges.SUITE) ? SUITE_SERIES_ID
                : ids.get(new Named(series.benchmark(), series.key())));
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a connection that failed: nothing left to release
        }
    }
}
