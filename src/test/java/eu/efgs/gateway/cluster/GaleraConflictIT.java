package eu.efgs.gateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.jdbc.MysqlDataSource;
import eu.efgs.gateway.batching.BatchAnnouncements;
import eu.efgs.gateway.batching.BatchMaker;
import eu.efgs.gateway.keys.PayloadCipher;
import eu.efgs.gateway.platform.database.ConflictRetry;
import eu.efgs.gateway.platform.database.DatabaseFailures;
import eu.efgs.gateway.quickstart.EmbeddedDatabase;
import eu.efgs.gateway.platform.database.Schema;
import eu.efgs.gateway.platform.database.Transactions;
import eu.efgs.gateway.testing.BatchChain;
import eu.efgs.gateway.testing.GaleraCluster;
import eu.efgs.gateway.testing.TestKeys;
import eu.interop.DiagnosisKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Galera does differently, against a real 3-node cluster: a transaction that writes a row another node wrote
 * concurrently fails at commit with a deadlock error (no lock wait), and the gateway's units of work run again
 * instead of failing; batch creation on two nodes at once still makes one chain; a connection whose node dies moves
 * to the next node of the failover URL and may still write there.
 */
class GaleraConflictIT {

    private static final String DATABASE = "efgs_conflict";
    private static GaleraCluster cluster;

    @BeforeAll
    static void cluster() {
        cluster = GaleraCluster.shared();
        cluster.freshDatabase(DATABASE);
    }

    @Test
    void aCommitThatLostCertificationFailsWithADeadlockError() throws Exception {
        counter("plain");
        try (Connection node2 = cluster.connect(DATABASE, 2)) {
            node2.setAutoCommit(false);
            increment(node2, "plain");
            incrementOnNode1("plain"); // a transaction on another node writes the same row and commits first
            SQLException lost = assertThrows(SQLException.class, () -> {
                increment(node2, "plain"); // aborted by the replicated winner, or refused at commit
                node2.commit();
            });
            assertEquals("40001", lost.getSQLState(), lost.toString());
            assertEquals(1213, lost.getErrorCode());
            assertTrue(DatabaseFailures.conflict(lost));
            node2.rollback();
        }
        assertEquals(1, value("plain"), "only the winner's write is stored");
    }

    @Test
    void theGatewaysUnitOfWorkIsRunAgainAndNoWriteIsLost() throws Exception {
        counter("retried");
        Transactions onNode2 = new Transactions(node(2), new ConflictRetry(new ConflictRetry.Policy(5,
                Duration.ofMillis(20), Duration.ofMillis(200))));
        AtomicInteger attempts = new AtomicInteger();
        onNode2.inTransaction("test", connection -> {
            increment(connection, "retried");
            if (attempts.incrementAndGet() == 1) {
                incrementOnNode1("retried");
            }
            return null;
        });
        assertEquals(2, attempts.get(), "the first attempt lost to node 1's commit and was run again");
        assertEquals(2, value("retried"), "both increments are stored");
    }

    @Test
    void batchesMadeOnTwoNodesAtOnceFormOneChain() throws Exception {
        Schema.migrate(node(1));
        PayloadCipher cipher = cipher();
        int uploads = 40;
        for (int i = 0; i < uploads; i++) {
            storeUpload(cipher, i % 2 == 0 ? 1 : 2, "DE", 3);
        }
        long conflictsBefore = conflicts();
        // Both makers meet inside their first batch transaction, each having written the lock row on its own node,
        // before either commits: the two transactions certainly overlap, so one of them must lose at commit and be
        // run again. Which node wins each later batch is up to timing (one node may win them all).
        CyclicBarrier insideFirstBatch = new CyclicBarrier(2);
        AtomicBoolean met = new AtomicBoolean();
        BatchAnnouncements meet = (connection, batchId, createdAt) -> {
            if (!met.get()) {
                try {
                    insideFirstBatch.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the other maker never reached its first batch", e);
                } finally {
                    met.set(true);
                }
            }
        };
        List<BatchMaker> makers = List.of(maker(1, cipher, meet), maker(2, cipher, meet));
        ExecutorService pool = Executors.newFixedThreadPool(makers.size());
        List<Future<Integer>> made = new ArrayList<>();
        for (BatchMaker maker : makers) {
            made.add(pool.submit(() -> maker.run(Duration.ofSeconds(60)).size()));
        }
        int batches = 0;
        for (Future<Integer> future : made) {
            batches += future.get(120, TimeUnit.SECONDS); // a conflict that was not retried would fail here
        }
        pool.shutdown();
        long conflicts = conflicts() - conflictsBefore;
        System.out.printf("[galera] %d batches on two nodes at once: %d made on node 1, %d on node 2, %d certification "
                + "conflicts and aborts retried%n", batches, made.get(0).get(), made.get(1).get(), conflicts);
        assertEquals(uploads, batches, "one batch per upload, none made twice");
        assertTrue(conflicts > 0, "the two nodes did contend (else this test shows nothing)");

        try (Connection connection = cluster.connect(DATABASE, 3)) {
            assertEquals(0, count(connection, "SELECT COUNT(*) FROM upload_batch WHERE download_batch_id IS NULL"));
            assertEquals(uploads, count(connection, "SELECT COUNT(DISTINCT upload_batch_id) FROM download_slice"));
            assertEquals(uploads, count(connection, "SELECT COUNT(*) FROM download_slice"), "each upload in one batch");
            assertOneChainWithConsecutiveNames(connection, uploads);
        }
    }

    @Test
    void aConnectionWhoseNodeDiesMovesToTheNextNodeAndMayWriteThere() throws Exception {
        counter("failover");
        String url = cluster.url(DATABASE, 3, 1, 2);
        try (Connection connection = DriverManager.getConnection(url, cluster.user(), cluster.password())) {
            assertEquals("node3", nodeName(connection));
            increment(connection, "failover");
            cluster.kill(3);
            SQLException inFlight = assertThrows(SQLException.class, () -> increment(connection, "failover"));
            assertTrue(DatabaseFailures.unreachable(inFlight), "answered 503 by the gateway: " + inFlight);
            increment(connection, "failover"); // the same connection, now on the next node
            assertEquals("node1", nodeName(connection));
            assertFalse(connection.isReadOnly(), "failOverReadOnly=false: a gateway must write after a failover");
        } finally {
            System.out.println("[galera] " + cluster.restart(3));
        }
        assertEquals(2, value("failover"));
    }

    // ------------------------------------------------------------------------------------------------------------

    private static DataSource node(int node) {
        MysqlDataSource dataSource = new MysqlDataSource();
        dataSource.setURL(cluster.nodeUrl(DATABASE, node) + "&rewriteBatchedStatements=true");
        dataSource.setUser(cluster.user());
        dataSource.setPassword(cluster.password());
        return dataSource;
    }

    private static BatchMaker maker(int node, PayloadCipher cipher, BatchAnnouncements announcements) {
        Transactions transactions = new Transactions(node(node), new ConflictRetry(new ConflictRetry.Policy(20,
                Duration.ofMillis(10), Duration.ofMillis(200))));
        return new BatchMaker(transactions, cipher, 3, Clock.systemUTC(), List.of(announcements));
    }

    private static PayloadCipher cipher() throws Exception {
        Path secrets = Files.createTempDirectory(Path.of("target"), "galera-secrets");
        Map<String, String> key = EmbeddedDatabase.developmentEncryptionKey(secrets);
        return PayloadCipher.of(key.get("efgs.encryption.key-id"), key.get("efgs.encryption.key"), Map.of());
    }

    /** An upload as the upload path stores it (row, encrypted keys), written on {@code node}. */
    private static void storeUpload(PayloadCipher cipher, int node, String country, int keys) throws SQLException {
        try (Connection connection = cluster.connect(DATABASE, node)) {
            connection.setAutoCommit(false);
            long id;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO upload_batch (country, batch_tag, "
                    + "content_hash, batch_signature, uploader_thumbprint, signing_thumbprint, key_count, "
                    + "format_version, uploaded_at) VALUES (?, ?, ?, 'sig', ?, ?, ?, '1.0', ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, country);
                insert.setString(2, "galera-" + UUID.randomUUID());
                insert.setString(3, "0".repeat(64));
                insert.setString(4, "a".repeat(64));
                insert.setString(5, "b".repeat(64));
                insert.setInt(6, keys);
                insert.setTimestamp(7, Timestamp.from(Instant.now()));
                insert.executeUpdate();
                try (ResultSet generated = insert.getGeneratedKeys()) {
                    generated.next();
                    id = generated.getLong(1);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO diagnosis_key (upload_batch_id, "
                    + "position, payload_hash, key_id, payload) VALUES (?, ?, ?, ?, ?)")) {
                for (int position = 0; position < keys; position++) {
                    DiagnosisKey key = TestKeys.key(country);
                    String hash = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(key.toByteArray()));
                    insert.setLong(1, id);
                    insert.setInt(2, position);
                    insert.setString(3, hash);
                    insert.setString(4, cipher.currentKeyId());
                    insert.setBytes(5, cipher.encrypt(key.toByteArray(), hash));
                    insert.addBatch();
                }
                insert.executeBatch();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            connection.commit();
        }
    }

    private static void assertOneChainWithConsecutiveNames(Connection connection, int expected) throws SQLException {
        List<BatchChain.Link> chain = BatchChain.follow(connection);
        assertEquals(expected, chain.size(), "every batch on the one chain: " + chain);
        assertEquals(List.of(), BatchChain.problems(chain));
    }

    private static long conflicts() {
        return cluster.counter("wsrep_local_cert_failures") + cluster.counter("wsrep_local_bf_aborts");
    }

    private static void counter(String name) throws SQLException {
        try (Connection connection = cluster.connect(DATABASE, 1); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS counter (name VARCHAR(32) PRIMARY KEY, n INT NOT NULL)");
            statement.execute("REPLACE INTO counter VALUES ('" + name + "', 0)");
        }
    }

    private static void increment(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE counter SET n = n + 1 WHERE name = '" + name + "'");
        }
    }

    private static void incrementOnNode1(String name) throws SQLException {
        try (Connection node1 = cluster.connect(DATABASE, 1)) {
            increment(node1, name);
        }
    }

    private static int value(String name) throws SQLException {
        // with causal reads, so that node 3 has applied every write the cluster committed before
        try (Connection connection = cluster.connect(DATABASE, 3); Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION wsrep_sync_wait = 1");
            try (ResultSet row = statement.executeQuery("SELECT n FROM counter WHERE name = '" + name + "'")) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static String nodeName(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT @@wsrep_node_name")) {
            row.next();
            return row.getString(1);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION wsrep_sync_wait = 1");
            try (ResultSet row = statement.executeQuery(sql)) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
