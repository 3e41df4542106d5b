package eu.efgs.gateway.batching;

import eu.efgs.gateway.keys.PayloadCipher;
import eu.efgs.gateway.keys.StoredKeys;
import eu.efgs.gateway.platform.DiagnosisKeyBatchWriter;
import eu.efgs.gateway.platform.database.ChangeWatch;
import eu.efgs.gateway.platform.database.DatabaseFailures;
import eu.efgs.gateway.platform.database.Transactions;
import eu.interop.DiagnosisKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Packs stored uploads into download batches. Each batch is created in one transaction that first writes the single
 * {@code batching_lock} row, so any number of gateway instances (and the {@code batch run} command) can run this at
 * once without duplicate names or uploads assigned twice; the unique constraints on names and slices back that up.
 * On one server the write waits for the row lock; on a Galera cluster, where row locks are local to a node, the
 * written row is what makes two batch transactions on different nodes conflict: the later one fails certification
 * at commit (or is aborted by the replicated winner) and is run again from the start, seeing the winner's batch.
 * Uploads are never locked, so uploading goes on while batches are made (efgs#73). The announcements (callback
 * outbox) are written in the same transaction. Plain JDBC: the gateway and the operator command share it.
 */
public final class BatchMaker {

    private static final Logger LOG = Logger.getLogger(BatchMaker.class);
    private static final int PENDING_WINDOW = 1000;
    /** The unique keys of a batch's name: a duplicate on them means another instance's batch won. */
    private static final Set<String> BATCH_NAME_KEYS =
            Set.of("uk_download_batch_tag", "uk_download_batch_day_sequence");

    private final Transactions transactions;
    private final PayloadCipher cipher;
    private final StoredKeys storedKeys;
    private final int docLimit;
    private final Clock clock;
    private final List<BatchAnnouncements> announcements;

    public BatchMaker(Transactions transactions, PayloadCipher cipher, int docLimit, Clock clock,
                      List<BatchAnnouncements> announcements) {
        this.transactions = transactions;
        this.cipher = cipher;
        this.storedKeys = new StoredKeys(cipher);
        this.docLimit = docLimit;
        this.clock = clock;
        this.announcements = List.copyOf(announcements);
    }

    /** A batch that was just created. */
    public record CreatedBatch(String batchTag, int uploads, int keys) {
    }

    /**
     * Creates batches until nothing is pending or {@code timeLimit} has passed; returns what it created. The run is
     * recorded (batching_status) so the dashboard can tell a stopped job from a quiet day.
     */
    public List<CreatedBatch> run(Duration timeLimit) {
        long deadline = System.nanoTime() + timeLimit.toNanos();
        List<CreatedBatch> created = new ArrayList<>();
        Optional<CreatedBatch> batch;
        while (System.nanoTime() < deadline && (batch = createNext()).isPresent()) {
            created.add(batch.get());
        }
        recordRun(created.size());
        return created;
    }

    /** A run whose record fails has still done its work, so this only warns. */
    private void recordRun(int batches) {
        try {
            transactions.autocommit("Batching run record", connection -> {
                try (PreparedStatement update = connection.prepareStatement("UPDATE batching_status SET "
                        + "last_run_at = ?, last_run_batches = ? WHERE id = 1")) {
                    update.setTimestamp(1, Timestamp.from(clock.instant()));
                    update.setInt(2, batches);
                    return update.executeUpdate();
                }
            });
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("The batching run could not be recorded: %s", e.getMessage());
        }
    }

    /**
     * Creates the next batch in a transaction of its own, or nothing when no upload is pending. A transaction that
     * lost to a concurrent one (another instance's batch) stored nothing and is run again: it then decides from the
     * winner's batch, so names stay consecutive and every upload lands in one batch.
     */
    public Optional<CreatedBatch> createNext() {
        try {
            return transactions.inTransaction("Batch creation", connection -> {
                lock(connection);
                List<Pending> pending = pending(connection);
                List<BatchPlanner.PendingUpload> chosen = BatchPlanner.next(
                        pending.stream().map(Pending::upload).toList(), docLimit);
                return chosen.isEmpty() ? Optional.<CreatedBatch>empty()
                        : Optional.of(create(connection, pending.subList(0, chosen.size())));
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Creating a download batch failed", e);
        }
    }

    private record Pending(BatchPlanner.PendingUpload upload, String country) {
    }

    /**
     * Writes the lock row first. A {@code SELECT ... FOR UPDATE} would serialise batch creation on one server only:
     * Galera certifies written rows, not locks, across nodes (V10 migration). Being the transaction's first
     * statement, it also comes before the snapshot that the reads below see.
     */
    private static void lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "UPDATE batching_lock SET generation = generation + 1 WHERE id = 1")) {
            if (lock.executeUpdate() != 1) {
                throw new IllegalStateException("batching_lock row is missing");
            }
        }
    }

    private static List<Pending> pending(Connection connection) throws SQLException {
        List<Pending> pending = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, key_count, country FROM upload_batch "
                + "WHERE download_batch_id IS NULL ORDER BY id LIMIT " + PENDING_WINDOW);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                pending.add(new Pending(new BatchPlanner.PendingUpload(rows.getLong(1), rows.getInt(2)),
                        rows.getString(3)));
            }
        }
        return pending;
    }

    private CreatedBatch create(Connection connection, List<Pending> uploads) throws SQLException {
        Instant now = clock.instant();
        Optional<Latest> previous = latestBatch(connection);
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (previous.isPresent() && previous.get().date().isAfter(day)) {
            // an instance whose clock lags must not put a batch of an earlier day after a later one in the chain
            day = previous.get().date();
        }
        int sequence = nextSequence(connection, day);
        String tag = BatchNames.tag(day, sequence);
        int keys = uploads.stream().mapToInt(upload -> upload.upload().keyCount()).sum();
        long batchId = insertBatch(connection, tag, day, sequence, now, keys);
        if (previous.isPresent()) {
            try (PreparedStatement link = connection.prepareStatement(
                    "UPDATE download_batch SET next_batch_tag = ? WHERE id = ? AND next_batch_tag IS NULL")) {
                link.setString(1, tag);
                link.setLong(2, previous.get().id());
                if (link.executeUpdate() != 1) { // the chain must not fork: roll back rather than link twice
                    throw lostRace("Batch " + previous.get().id() + " got a successor concurrently");
                }
            }
        }
        int firstKeyIndex = 0;
        for (int slice = 0; slice < uploads.size(); slice++) {
            Pending upload = uploads.get(slice);
            List<DiagnosisKey> sliceKeys = storedKeys.ofUpload(connection, upload.upload().id());
            insertSlice(connection, batchId, tag, slice, upload, firstKeyIndex, sliceKeys);
            firstKeyIndex += sliceKeys.size();
            assign(connection, upload.upload().id(), batchId);
        }
        ChangeWatch.changed(connection, ChangeWatch.BATCHES); // instances re-read the chain's rows they keep
        for (BatchAnnouncements announcement : announcements) {
            announcement.announce(connection, batchId, now);
        }
        return new CreatedBatch(tag, uploads.size(), keys);
    }

    private static int nextSequence(Connection connection, LocalDate day) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COALESCE(MAX(sequence), 0) + 1 FROM download_batch WHERE batch_date = ?")) {
            select.setObject(1, day);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private record Latest(long id, LocalDate date) {
    }

    /**
     * The chain's end: the batch without a successor. Ids are not trusted to be consecutive or in commit order (a
     * Galera cluster interleaves auto-increment values per node); newest first only makes the lookup one row.
     */
    private static Optional<Latest> latestBatch(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, batch_date FROM download_batch WHERE next_batch_tag IS NULL ORDER BY id DESC LIMIT 1");
             ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(new Latest(row.getLong(1), row.getObject(2, LocalDate.class)))
                    : Optional.empty();
        }
    }

    private static long insertBatch(Connection connection, String tag, LocalDate day, int sequence, Instant now,
                                    int keys) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO download_batch (batch_tag, "
                + "batch_date, sequence, created_at, key_count) VALUES (?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, tag);
            insert.setObject(2, day);
            insert.setInt(3, sequence);
            insert.setTimestamp(4, Timestamp.from(now));
            insert.setInt(5, keys);
            insert.executeUpdate();
            try (ResultSet id = insert.getGeneratedKeys()) {
                id.next();
                return id.getLong(1);
            }
        } catch (SQLException e) {
            if (DatabaseFailures.duplicateKey(e).filter(BATCH_NAME_KEYS::contains).isPresent()) {
                // the lock row serialises batching, so only a batch that another Galera node committed while this
                // transaction was being aborted for it can hold the name: seen once in CI as an ERROR
                throw lostRace("Batch " + tag + " was created concurrently");
            }
            throw e;
        }
    }

    private void insertSlice(Connection connection, long batchId, String tag, int slice, Pending upload,
                             int firstKeyIndex, List<DiagnosisKey> keys) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO download_slice (download_batch_id, "
                + "slice_index, upload_batch_id, country, first_key_index, key_count, key_id, protobuf, json) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, batchId);
            insert.setInt(2, slice);
            insert.setLong(3, upload.upload().id());
            insert.setString(4, upload.country());
            insert.setInt(5, firstKeyIndex);
            insert.setInt(6, keys.size());
            insert.setString(7, cipher.currentKeyId());
            insert.setBytes(8, cipher.encrypt(DiagnosisKeyBatchWriter.protobuf(keys),
                    SliceFormat.PROTOBUF.aad(tag, slice)));
            insert.setBytes(9, cipher.encrypt(DiagnosisKeyBatchWriter.jsonFragment(keys),
                    SliceFormat.JSON.aad(tag, slice)));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (DatabaseFailures.missingParentRow(e)) {
                // this transaction wrote the batch row itself: only an abort by a concurrent transaction (on Galera,
                // a replicated batch that won) can have taken it away; seen once in CI as an ERROR
                throw lostRace("Batch " + batchId + " was rolled back under its slices");
            }
            throw e;
        }
    }

    private static void assign(Connection connection, long uploadId, long batchId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE upload_batch SET download_batch_id = ? WHERE id = ? AND download_batch_id IS NULL")) {
            update.setLong(1, batchId);
            update.setLong(2, uploadId);
            if (update.executeUpdate() != 1) {
                throw lostRace("Upload " + uploadId + " was batched concurrently");
            }
        }
    }

    /**
     * Another batch transaction committed first (on a Galera cluster, on another node, between this transaction's
     * read and its write: certification would refuse this one at commit anyway). A serialization failure (SQLSTATE
     * 40001), so the unit of work is rolled back and run again on what the database holds now, not logged as a bug.
     */
    private static SQLTransactionRollbackException lostRace(String what) {
        return new SQLTransactionRollbackException(what + "; batch creation runs again", "40001");
    }
}
