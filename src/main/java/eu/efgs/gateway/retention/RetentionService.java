package eu.efgs.gateway.retention;

import eu.efgs.gateway.platform.database.ChangeWatch;
import eu.efgs.gateway.platform.database.Transactions;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Deletes keys by download-batch date, aligned with the download window: first the whole batches before the
 * window are marked expired (from then on they answer 410, never a truncated body), then their keys and slices
 * are deleted with bounded DELETE ... LIMIT statements, without loading rows. Every step is idempotent, so
 * several instances may run it (on a Galera cluster their deletes of the same rows conflict; the loser's statement
 * runs again and finds less to delete); an interrupted run is finished by the next. Statistics rows are kept.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);
    private static final String OF_EXPIRED_BATCHES = "(SELECT u.id FROM upload_batch u JOIN download_batch b "
            + "ON b.id = u.download_batch_id WHERE b.expired_at IS NOT NULL)";

    @Inject
    Transactions transactions;

    @Inject
    RetentionConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    @Inject
    ChangeWatch watch;

    /** What one run did. */
    public record Cleanup(LocalDate cutoff, int batches, long keys, int deleteStatements) {
    }

    public Cleanup run() {
        Instant now = clock.instant();
        LocalDate cutoff = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(config.maxAgeDays());
        try {
            List<Long> expired = transactions.inTransaction("Retention", connection -> expire(connection, cutoff, now));
            watch.refresh(); // this instance drops the expired batches' rows now, the others at their next poll
            int[] statements = {0};
            long keys = deleteInChunks("DELETE FROM diagnosis_key WHERE upload_batch_id IN "
                    + OF_EXPIRED_BATCHES, statements);
            deleteInChunks("DELETE FROM download_slice WHERE download_batch_id IN "
                    + "(SELECT id FROM download_batch WHERE expired_at IS NOT NULL)", statements);
            transactions.autocommit("Retention", connection -> record(connection, now, cutoff, expired.size(), keys));
            metrics.counter("efgs.retention.deleted.keys").increment(keys);
            LOG.infof("Retention: %d batches before %s expired, %d keys deleted", expired.size(), cutoff, keys);
            return new Cleanup(cutoff, expired.size(), keys, statements[0]);
        } catch (SQLException e) {
            throw new IllegalStateException("Retention run failed", e);
        }
    }

    private static List<Long> expire(Connection connection, LocalDate cutoff, Instant now) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM download_batch WHERE batch_date < ? AND expired_at IS NULL")) {
            select.setObject(1, cutoff);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        // expired, and the signal that instances must re-read the batch rows they keep, in the caller's transaction
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE download_batch SET expired_at = ? WHERE batch_date < ? AND expired_at IS NULL")) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setObject(2, cutoff);
            update.executeUpdate();
            ChangeWatch.changed(connection, ChangeWatch.BATCHES);
        }
        return ids;
    }

    /** One bounded statement (its own transaction) after the other until nothing is left. */
    private long deleteInChunks(String delete, int[] statements) throws SQLException {
        long total = 0;
        int deleted;
        do {
            deleted = transactions.autocommit("Retention", connection -> {
                try (PreparedStatement statement = connection.prepareStatement(delete + " LIMIT "
                        + config.chunkSize())) {
                    return statement.executeUpdate();
                }
            });
            statements[0]++;
            total += deleted;
        } while (deleted > 0);
        return total;
    }

    private static int record(Connection connection, Instant now, LocalDate cutoff, int batches, long keys)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cleanup_statistics (created_at, "
                + "cutoff_date, batches, keys_deleted) VALUES (?, ?, ?, ?)")) {
            insert.setTimestamp(1, Timestamp.from(now));
            insert.setObject(2, cutoff);
            insert.setInt(3, batches);
            insert.setLong(4, keys);
            return insert.executeUpdate();
        }
    }
}
