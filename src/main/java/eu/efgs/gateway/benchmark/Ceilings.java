package eu.efgs.gateway.benchmark;

import eu.efgs.gateway.quickstart.EmbeddedDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The physical ceilings the gateway is compared with, measured on the same machine in the same run. */
final class Ceilings {

    private Ceilings() {
    }

    /**
     * Raw database ingest: rows of the gateway's diagnosis_key shape (upload id, position, 64-char hash, key id,
     * ~70-byte payload) written by {@code writers} threads with batched multi-row INSERTs, committed every
     * {@code rowsPerTransaction} rows (an upload's size: each commit waits for the log flush, as an upload's does),
     * no gateway involved; the better of client-side and server-side prepared statements.
     */
    static double databaseRowsPerSecond(EmbeddedDatabase.Connection db, int writers, int rowsPerWriter,
                                        int rowsPerTransaction) throws Exception {
        return Math.max(databaseRowsPerSecond(db, writers, rowsPerWriter, rowsPerTransaction, false),
                databaseRowsPerSecond(db, writers, rowsPerWriter, rowsPerTransaction, true));
    }

    private static double databaseRowsPerSecond(EmbeddedDatabase.Connection db, int writers, int rowsPerWriter,
                                                int rowsPerTransaction, boolean serverPrepared) throws Exception {
        try (Connection connection = connect(db); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_ingest");
            statement.execute("CREATE TABLE bench_ingest (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                    + "upload_batch_id BIGINT NOT NULL, position INT NOT NULL, payload_hash CHAR(64) CHARACTER SET "
                    + "ascii NOT NULL, key_id VARCHAR(16) CHARACTER SET ascii NOT NULL, payload VARBINARY(1024) NOT "
                    + "NULL, UNIQUE (payload_hash), UNIQUE (upload_batch_id, position)) ENGINE=InnoDB");
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                running.add(pool.submit(() -> {
                    SecureRandom random = new SecureRandom();
                    try (Connection connection = connect(db, serverPrepared);
                         PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_ingest "
                                 + "(upload_batch_id, position, payload_hash, key_id, payload) "
                                 + "VALUES (?, ?, ?, ?, ?)")) {
                        connection.setAutoCommit(false);
                        byte[] payload = new byte[70];
                        byte[] hash = new byte[32];
                        for (int row = 0; row < rowsPerWriter; row++) {
                            random.nextBytes(payload);
                            random.nextBytes(hash);
                            insert.setLong(1, writer * 1_000_000L + row / rowsPerTransaction);
                            insert.setInt(2, row % rowsPerTransaction);
                            insert.setString(3, HexFormat.of().formatHex(hash));
                            insert.setString(4, "bench");
                            insert.setBytes(5, payload);
                            insert.addBatch();
                            if (row % rowsPerTransaction == rowsPerTransaction - 1) {
                                insert.executeBatch();
                                connection.commit();
                            }
                        }
                        insert.executeBatch();
                        connection.commit();
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        try (Connection connection = connect(db); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE bench_ingest");
        }
        return writers * (double) rowsPerWriter / seconds;
    }

    static Connection connect(EmbeddedDatabase.Connection db) throws Exception {
        return connect(db, false);
    }

    private static Connection connect(EmbeddedDatabase.Connection db, boolean serverPrepared) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("useServerPrepStmts", String.valueOf(serverPrepared));
        properties.setProperty("user", db.username());
        properties.setProperty("password", db.password());
        properties.setProperty("rewriteBatchedStatements", "true");
        return new com.mysql.cj.jdbc.Driver().connect(db.jdbcUrl(), properties);
    }

    /**
     * What immediate revocation costs: no read per request (checked rows are kept under the registry generation),
     * but each instance reads the change counters every 100 ms; this is that read (the watch's query, on one
     * connection, mean of 2000 after 200 warm-up reads).
     */
    static double changeWatchReadMillis(EmbeddedDatabase.Connection db) throws java.sql.SQLException {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.username(),
                db.password());
             java.sql.PreparedStatement read = connection.prepareStatement("SELECT name, value FROM change_counter")) {
            long started = 0;
            for (int i = 0; i < 2200; i++) {
                if (i == 200) {
                    started = System.nanoTime();
                }
                try (java.sql.ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        rows.getLong(2);
                    }
                }
            }
            return (System.nanoTime() - started) / 2000 / 1e6;
        }
    }
}
