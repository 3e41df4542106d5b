package eu.efgs.gateway.callback;

import eu.efgs.gateway.batching.BatchAnnouncements;
import jakarta.annotation.Priority;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A test-only listener of new batches that, while armed, makes the batch transaction fail after the callback outbox
 * wrote its tasks (lower priority: called after {@link CallbackAnnouncements}); disarmed it does nothing.
 */
@Singleton
@Priority(-1)
public class FailingAnnouncement implements BatchAnnouncements {

    private volatile boolean armed;
    private volatile long tasksBeforeFailure = -1;

    public void arm() {
        armed = true;
    }

    public void disarm() {
        armed = false;
    }

    /** The batch's tasks that the failed transaction held when it failed (-1: it did not get here). */
    public long tasksBeforeFailure() {
        return tasksBeforeFailure;
    }

    @Override
    public void announce(Connection transaction, long downloadBatchId, Instant createdAt) throws SQLException {
        if (!armed) {
            return;
        }
        try (PreparedStatement select = transaction.prepareStatement(
                "SELECT COUNT(*) FROM callback_task WHERE download_batch_id = ?")) {
            select.setLong(1, downloadBatchId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                tasksBeforeFailure = row.getLong(1);
            }
        }
        throw new IllegalStateException("Test failure after the batch was announced");
    }
}
