-- Callback outbox. One task per (subscription, download batch), written in the transaction that creates the batch,
-- delivered strictly in download_batch id order (the batch chain's order) and deleted only once delivered or
-- skipped. Failing subscriptions keep their tasks.
CREATE TABLE callback_task (
    id                BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    subscription_id   BIGINT      NOT NULL,
    download_batch_id BIGINT      NOT NULL,
    created_at        DATETIME(6) NOT NULL,
    CONSTRAINT uk_callback_task UNIQUE (subscription_id, download_batch_id),
    CONSTRAINT fk_callback_task_subscription FOREIGN KEY (subscription_id)
        REFERENCES callback_subscription (id) ON DELETE CASCADE,
    CONSTRAINT fk_callback_task_batch FOREIGN KEY (download_batch_id) REFERENCES download_batch (id) ON DELETE CASCADE
) ENGINE = InnoDB;

-- Delivery state per subscription. A sender claims a subscription by a conditional UPDATE of lease_owner and
-- lease_until (atomic in the database, no lock held while sending); a crashed sender's lease simply expires.
-- next_attempt_at carries the backoff; the counters feed GET and the metrics on every instance alike.
ALTER TABLE callback_subscription
    ADD COLUMN consecutive_failures INT         NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at      DATETIME(6) NULL,
    ADD COLUMN lease_owner          VARCHAR(64) CHARACTER SET ascii NULL,
    ADD COLUMN lease_until          DATETIME(6) NULL,
    ADD COLUMN sent_count           BIGINT      NOT NULL DEFAULT 0,
    ADD COLUMN failed_count         BIGINT      NOT NULL DEFAULT 0,
    ADD COLUMN skipped_count        BIGINT      NOT NULL DEFAULT 0;

-- "Has this country already downloaded this batch?" is asked before every send.
CREATE INDEX idx_download_statistics_batch ON download_statistics (download_batch_id, country);
