-- Refused uploads of authenticated countries (4xx), for the dashboard: a national backend sees why its uploads
-- fail without asking the operator. No key material and no client addresses: only the country, the tag it sent,
-- the error code and the first finding (truncated, long base64/hex runs masked). Kept like the statistics tables:
-- retention deletes keys, never these rows.
CREATE TABLE upload_refusal (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    refused_at    DATETIME(6)  NOT NULL,
    country       CHAR(2)      CHARACTER SET ascii NOT NULL,
    batch_tag     VARCHAR(64)  CHARACTER SET ascii NULL COMMENT 'as sent, non-printable characters replaced',
    code          VARCHAR(64)  CHARACTER SET ascii NOT NULL,
    status        SMALLINT     NOT NULL,
    first_finding VARCHAR(256) NOT NULL,
    INDEX idx_upload_refusal_time (refused_at, country, code),
    INDEX idx_upload_refusal_country (country, refused_at, code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
