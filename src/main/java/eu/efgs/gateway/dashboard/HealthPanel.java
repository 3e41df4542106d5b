package eu.efgs.gateway.dashboard;

import java.time.Instant;

/**
 * The gateway's own health, the same for every viewer: whether the database answers, when batching last ran to
 * the end (any instance) and how many batches it made, the newest batch, and uploads still waiting for a batch.
 * Fields that are unknown (never ran, no batch yet, nothing pending, database down) are null.
 */
public record HealthPanel(Instant checkedAt, boolean databaseUp, Instant lastBatchingRun, Integer lastRunBatches,
                          String lastBatchTag, Instant lastBatchCreated, long pendingUploads,
                          Instant oldestPendingUpload) {

    static HealthPanel databaseDown(Instant now) {
        return new HealthPanel(now, false, null, null, null, null, 0, null);
    }
}
