-- Registry of national-backend certificates. Only raw_data (the PEM text) is sealed by the trust anchor;
-- thumbprint, country and type are re-checked against it on every (uncached) read.
CREATE TABLE certificate (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    created_at  DATETIME(6)  NOT NULL,
    thumbprint  CHAR(64)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    country     CHAR(2)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    type        VARCHAR(14)  CHARACTER SET ascii NOT NULL,
    revoked     BOOLEAN      NOT NULL DEFAULT FALSE,
    revoked_at  DATETIME(6)  NULL,
    host        VARCHAR(256) NULL,
    signature   VARCHAR(2048) CHARACTER SET ascii NOT NULL,
    raw_data    TEXT         CHARACTER SET ascii NOT NULL,
    CONSTRAINT uk_certificate_thumbprint UNIQUE (thumbprint),
    INDEX idx_certificate_country_type (country, type)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
