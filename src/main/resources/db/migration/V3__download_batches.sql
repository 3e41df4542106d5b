-- Download batches: named yyyyMMdd-N from the UTC date, N restarting at 1 each day; both unique by constraint.
-- Rows are never changed after creation except next_batch_tag (set once, when the successor is created) and
-- expired_at (retention removed the batch's keys; the row stays so links and statistics keep their target).
CREATE TABLE download_batch (
    id             BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    batch_tag      VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    batch_date     DATE        NOT NULL,
    sequence       INT         NOT NULL,
    created_at     DATETIME(6) NOT NULL,
    key_count      INT         NOT NULL,
    next_batch_tag VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NULL,
    expired_at     DATETIME(6) NULL,
    CONSTRAINT uk_download_batch_tag UNIQUE (batch_tag),
    CONSTRAINT uk_download_batch_day_sequence UNIQUE (batch_date, sequence)
) ENGINE = InnoDB;

-- One slice per upload in a batch, in download order (slice_index), with the slice's keys serialised once, in
-- canonical order, as protobuf and as the JSON dialect (encrypted like key payloads). Serving concatenates them.
CREATE TABLE download_slice (
    id                BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    download_batch_id BIGINT      NOT NULL,
    slice_index       INT         NOT NULL,
    upload_batch_id   BIGINT      NOT NULL,
    country           CHAR(2)     CHARACTER SET ascii NOT NULL,
    first_key_index   INT         NOT NULL,
    key_count         INT         NOT NULL,
    key_id            VARCHAR(16) CHARACTER SET ascii NOT NULL,
    protobuf          MEDIUMBLOB  NOT NULL,
    json              MEDIUMBLOB  NOT NULL,
    CONSTRAINT uk_download_slice_position UNIQUE (download_batch_id, slice_index),
    CONSTRAINT uk_download_slice_upload UNIQUE (upload_batch_id),
    CONSTRAINT fk_download_slice_batch FOREIGN KEY (download_batch_id) REFERENCES download_batch (id)
) ENGINE = InnoDB;

ALTER TABLE upload_batch ADD COLUMN download_batch_id BIGINT NULL,
    ADD INDEX idx_upload_batch_unbatched (download_batch_id, id);

-- Serialises batch creation across gateway instances (SELECT ... FOR UPDATE on the single row).
CREATE TABLE batching_lock (
    id INT NOT NULL PRIMARY KEY
) ENGINE = InnoDB;
INSERT INTO batching_lock (id) VALUES (1);

CREATE TABLE download_statistics (
    id                BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    requested_at      DATETIME(6) NOT NULL,
    download_batch_id BIGINT      NOT NULL,
    country           CHAR(2)     CHARACTER SET ascii NOT NULL,
    key_count         INT         NOT NULL,
    INDEX idx_download_statistics_time (requested_at),
    INDEX idx_download_statistics_country (country, requested_at)
) ENGINE = InnoDB;

CREATE TABLE cleanup_statistics (
    id             BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    created_at     DATETIME(6) NOT NULL,
    cutoff_date    DATE        NOT NULL,
    batches        INT         NOT NULL,
    keys_deleted   BIGINT      NOT NULL
) ENGINE = InnoDB;
