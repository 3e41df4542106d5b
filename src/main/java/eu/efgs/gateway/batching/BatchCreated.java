package eu.efgs.gateway.batching;

import java.sql.Connection;
import java.time.Instant;

/**
 * Fired synchronously inside the transaction that creates a download batch, with that transaction's connection:
 * whatever an observer writes commits or rolls back together with the batch (the callback outbox relies on it).
 */
public record BatchCreated(Connection connection, long downloadBatchId, String batchTag, Instant createdAt) {
}
