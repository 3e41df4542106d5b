-- What gateway instances cache (verified registry rows, download batches) is invalidated through these counters:
-- every change of the registry or of the batch chain increments its counter in the same transaction, and every
-- instance polls them (one primary-key read every 100 ms) and reports what it has seen, so an operator command can
-- wait until every running instance has dropped what it cached before it returns.
CREATE TABLE change_counter (
    name  VARCHAR(16) CHARACTER SET ascii NOT NULL PRIMARY KEY,
    value BIGINT      NOT NULL
) ENGINE = InnoDB;
INSERT INTO change_counter (name, value) VALUES ('registry', 0), ('batches', 0);

CREATE TABLE gateway_instance (
    instance_id   VARCHAR(64) CHARACTER SET ascii NOT NULL PRIMARY KEY,
    registry_seen BIGINT      NOT NULL,
    seen_at       DATETIME(6) NOT NULL
) ENGINE = InnoDB;

-- Downloads are counted in memory and written once a second, one row per batch, country and second.
ALTER TABLE download_statistics ADD COLUMN downloads INT NOT NULL DEFAULT 1;
