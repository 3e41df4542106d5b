package eu.efgs.gateway.upload;

import eu.efgs.gateway.keys.PayloadCipher;
import eu.efgs.gateway.platform.database.DatabaseFailures;
import eu.efgs.gateway.platform.database.Transactions;
import eu.efgs.gateway.signing.CanonicalBytes;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes an upload in one transaction, so batching sees all of it or nothing: the upload row, its keys (one
 * batched multi-row INSERT, not a statement per key) and its statistics row. The database's unique constraints
 * decide races: (country, batch_tag) between concurrent uploads of one tag, payload_hash between identical keys. On
 * a Galera cluster a race with a write on another node fails certification at commit instead (nothing stored); the
 * write is then run again, and once the winner's rows have arrived on this node, its constraint decides as above.
 */
@ApplicationScoped
public class UploadStore {

    private static final int IN_CHUNK = 1000;
    /**
     * Keys per multi-row INSERT. The driver turns a JDBC batch into one INSERT with a row of placeholders per key;
     * for a 5000-key upload that statement (25,000 placeholders, about 80 KB of SQL) was too long for the statement
     * cache, so the driver parsed it and the server prepared it again for every upload: a third of the gateway's CPU
     * for large uploads in a recording. Full chunks of this size have one SQL text (about 4 KB, within
     * prepStmtCacheSqlLimit), prepared once per connection.
     */
    static final int INSERT_CHUNK = 256;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PayloadCipher cipher;

    @Inject
    Transactions transactions;

    /** A checked upload ready to be written: keys in canonical order with their payload hashes. */
    record Prepared(UploadRequest request, List<CanonicalBytes.Entry> canonical, List<String> payloadHashes,
                    byte[] signedBytes, String contentHash, String signingThumbprint) {
    }

    /** The content hash stored for this country's tag, if the tag is taken. */
    Optional<String> contentHash(String country, String batchTag) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT content_hash FROM upload_batch WHERE country = ? AND batch_tag = ?")) {
            select.setString(1, country);
            select.setString(2, batchTag);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read upload_batch", e);
        }
    }

    /** Which of these payload hashes are already stored. */
    Set<String> storedHashes(Collection<String> hashes) {
        Set<String> stored = new HashSet<>();
        List<String> all = new ArrayList<>(hashes);
        try (Connection connection = dataSource.getConnection()) {
            for (int from = 0; from < all.size(); from += IN_CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT payload_hash FROM diagnosis_key WHERE payload_hash IN (" + marks + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            stored.add(rows.getString(1));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read diagnosis_key", e);
        }
        return stored;
    }

    /** Why a write did not happen. */
    enum Conflict { NONE, BATCH_TAG, PAYLOAD_HASH }

    /** Result of a write: the new upload id, or which constraint refused it (then nothing was written). */
    record Written(long uploadId, Conflict conflict) {
    }

    Written write(Prepared upload, Instant now) {
        try {
            // outside any JTA transaction of the caller: this is a unit of its own, committed or rolled back here
            return QuarkusTransaction.suspendingExisting().call(() -> transactions.inTransaction("Upload",
                    connection -> {
                        long uploadId = insertUpload(connection, upload, now);
                        insertKeys(connection, uploadId, upload);
                        insertStatistics(connection, upload.request(), now);
                        return new Written(uploadId, Conflict.NONE);
                    }));
        } catch (Exception e) { // the transaction was rolled back: nothing of this upload is stored
            Conflict conflict = conflict(e);
            if (conflict == Conflict.NONE) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException("Upload failed", e);
            }
            return new Written(0, conflict);
        }
    }

    /** Which unique constraint refused the upload (duplicate entry, by vendor code and constraint name). */
    private static Conflict conflict(Throwable failure) {
        return DatabaseFailures.duplicateKey(failure).map(key -> switch (key) {
            case "uk_upload_batch_country_tag" -> Conflict.BATCH_TAG;
            case "uk_diagnosis_key_payload_hash" -> Conflict.PAYLOAD_HASH;
            default -> Conflict.NONE;
        }).orElse(Conflict.NONE);
    }

    private static long insertUpload(Connection connection, Prepared upload, Instant now) throws SQLException {
        UploadRequest request = upload.request();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO upload_batch (country, batch_tag, "
                + "content_hash, batch_signature, uploader_thumbprint, signing_thumbprint, key_count, format_version, "
                + "uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, request.country());
            insert.setString(2, request.batchTag());
            insert.setString(3, upload.contentHash());
            insert.setString(4, request.batchSignature().trim());
            insert.setString(5, request.uploaderThumbprint());
            insert.setString(6, upload.signingThumbprint());
            insert.setInt(7, request.keys().size());
            insert.setString(8, request.formatVersion());
            insert.setTimestamp(9, Timestamp.from(now));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private void insertKeys(Connection connection, long uploadId, Prepared upload) throws SQLException {
        if (upload.canonical().isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO diagnosis_key "
                + "(upload_batch_id, position, payload_hash, key_id, payload) VALUES (?, ?, ?, ?, ?)")) {
            String keyId = cipher.currentKeyId();
            for (int position = 0; position < upload.canonical().size(); position++) {
                String hash = upload.payloadHashes().get(position);
                insert.setLong(1, uploadId);
                insert.setInt(2, position);
                insert.setString(3, hash);
                insert.setString(4, keyId);
                insert.setBytes(5, cipher.encrypt(upload.canonical().get(position).key().toByteArray(), hash));
                insert.addBatch();
                if ((position + 1) % INSERT_CHUNK == 0 || position == upload.canonical().size() - 1) {
                    insert.executeBatch();
                }
            }
        }
    }

    private static void insertStatistics(Connection connection, UploadRequest request, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO upload_statistics (uploaded_at, country, batch_tag, key_count) VALUES (?, ?, ?, ?)")) {
            insert.setTimestamp(1, Timestamp.from(now));
            insert.setString(2, request.country());
            insert.setString(3, request.batchTag());
            insert.setInt(4, request.keys().size());
            insert.executeUpdate();
        }
    }
}
