package eu.efgs.gateway.batching;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Written inside the transaction that creates a download batch, on its connection, so the announcement commits
 * or rolls back with the batch (a transactional outbox: the callback sender reads it later). Implemented by the
 * callback feature; batching does not know who listens.
 */
public interface BatchAnnouncements {

    void announce(Connection transaction, long downloadBatchId, Instant createdAt) throws SQLException;
}
