package eu.efgs.gateway.callback;

import eu.efgs.gateway.batching.BatchAnnouncements;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The callback outbox's writing side: one task per subscription, in the transaction that creates the batch (a new
 * subscription hears of batches created after it). Stateless, so the {@code batch run} command uses it as is.
 */
@ApplicationScoped
public class CallbackAnnouncements implements BatchAnnouncements {

    @Override
    public void announce(Connection transaction, long downloadBatchId, Instant createdAt) throws SQLException {
        try (PreparedStatement insert = transaction.prepareStatement("INSERT INTO callback_task "
                + "(subscription_id, download_batch_id, created_at) SELECT id, ?, ? FROM callback_subscription")) {
            insert.setLong(1, downloadBatchId);
            insert.setTimestamp(2, Timestamp.from(createdAt));
            insert.executeUpdate();
        }
    }
}
