package org.perfregression.history;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.data.InvalidInputException;

/** The store's contract on SQLite files, and what only a file can get wrong. */
class SqliteHistoryTest extends HistoryStoreContract {

    @TempDir
    Path dir;

    private int stores;

    @Override
    String newStore() {
        return dir.resolve("history-" + (++stores) + ".db").toString();
    }

    @Override
    String jdbcUrl(String store) {
        return "jdbc:sqlite:" + store;
    }

    private static void assertOneLine(String expected, String message) {
        assertTrue(message.contains(expected) && !message.contains("\n"), message);
    }

    @Test
    void aFileThatIsNoDatabaseIsRefusedInOneLine() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.db"), "these are my notes, not a database\n".repeat(20));
        assertOneLine("not a SQLite database", assertThrows(InvalidInputException.class,
                () -> HistoryStore.open(text.toString())).getMessage());
        assertTrue(Files.readString(text).startsWith("these are my notes"), "left as it was");
    }

    @Test
    void aDatabaseOfSomethingElseIsRefused() throws Exception {
        Path other = dir.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
        }
        assertOneLine("something else (tables customers)", assertThrows(InvalidInputException.class,
                () -> HistoryStore.open(other.toString())).getMessage());
    }

    @Test
    void aCorruptHistoryIsAOneLineError() throws Exception {
        String db = newStore();
        try (HistoryStore store = HistoryStore.open(db)) {
            store.record(Runs.run(1, 50, 0.02, 0, 0, 0, new java.util.Random(1)));
        }
        byte[] bytes = Files.readAllBytes(Path.of(db));
        for (int i = 100; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(Path.of(db), bytes);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
            try (HistoryStore store = HistoryStore.open(db)) {
                store.runs();
            }
        });
        assertTrue(!e.getMessage().contains("\n") && e.getMessage().startsWith(db), e.getMessage());
    }

    @Test
    void aFolderOrAMissingFolderIsRefused() {
        assertOneLine("a folder, not a history file", assertThrows(InvalidInputException.class,
                () -> HistoryStore.open(dir.toString())).getMessage());
        assertOneLine("does not exist", assertThrows(InvalidInputException.class,
                () -> HistoryStore.open(dir.resolve("no/such/history.db").toString())).getMessage());
    }
}
