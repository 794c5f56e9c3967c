package org.perfregression.history;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store's contract against a real PostgreSQL server that the test starts itself. */
class PostgresHistoryIT extends HistoryStoreContract {

    private static PostgresServer server;
    private static int databases;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    String newStore() throws Exception {
        return server.newDatabase("history_" + (++databases));
    }

    @Override
    String jdbcUrl(String store) {
        return store;
    }
}
