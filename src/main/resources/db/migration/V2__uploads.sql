-- One row per accepted upload. (country, batch_tag) is unique: the tag namespace is per uploading country and
-- the constraint, not a prior SELECT, decides between concurrent uploads with the same tag.
CREATE TABLE upload_batch (
    id                  BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    country             CHAR(2)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    batch_tag           VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    content_hash        CHAR(64)     CHARACTER SET ascii NOT NULL COMMENT 'SHA-256 of the canonical signed bytes',
    batch_signature     MEDIUMTEXT   CHARACTER SET ascii NOT NULL COMMENT 'base64 CMS exactly as uploaded',
    uploader_thumbprint CHAR(64)     CHARACTER SET ascii NOT NULL,
    signing_thumbprint  CHAR(64)     CHARACTER SET ascii NOT NULL,
    key_count           INT          NOT NULL,
    format_version      VARCHAR(8)   CHARACTER SET ascii NOT NULL,
    uploaded_at         DATETIME(6)  NOT NULL,
    CONSTRAINT uk_upload_batch_country_tag UNIQUE (country, batch_tag)
) ENGINE = InnoDB;

-- Keys: the whole payload (all eight fields, protobuf) is encrypted with AES-GCM; only what must be queried stays
-- in clear: the duplicate-detection hash (SHA-256 of the key's canonical stream, not reversible: keyData is
-- 128 random bits) and the position of the key inside its upload in canonical (signature) order.
CREATE TABLE diagnosis_key (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    upload_batch_id BIGINT        NOT NULL,
    position        INT           NOT NULL,
    payload_hash    CHAR(64)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    key_id          VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    payload         VARBINARY(1024) NOT NULL,
    CONSTRAINT uk_diagnosis_key_payload_hash UNIQUE (payload_hash),
    CONSTRAINT uk_diagnosis_key_position UNIQUE (upload_batch_id, position),
    CONSTRAINT fk_diagnosis_key_upload FOREIGN KEY (upload_batch_id) REFERENCES upload_batch (id)
) ENGINE = InnoDB;

-- Statistics outlive the keys (retention deletes keys, never these rows).
CREATE TABLE upload_statistics (
    id          BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    uploaded_at DATETIME(6) NOT NULL,
    country     CHAR(2)     CHARACTER SET ascii NOT NULL,
    batch_tag   VARCHAR(64) CHARACTER SET ascii NOT NULL,
    key_count   INT         NOT NULL,
    INDEX idx_upload_statistics_time (uploaded_at),
    INDEX idx_upload_statistics_country (country, uploaded_at)
) ENGINE = InnoDB;

-- One check value per encryption key id, so a wrong key is refused at start-up.
CREATE TABLE encryption_key_check (
    key_id      VARCHAR(16) CHARACTER SET ascii NOT NULL PRIMARY KEY,
    check_value VARBINARY(128) NOT NULL
) ENGINE = InnoDB;
