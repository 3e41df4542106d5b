-- When batching last ran to the end, on any instance (a run that finds nothing to batch counts too): the
-- dashboard's health panel tells a stopped job from a quiet day with it.
CREATE TABLE batching_status (
    id               INT         NOT NULL PRIMARY KEY,
    last_run_at      DATETIME(6) NULL,
    last_run_batches INT         NOT NULL DEFAULT 0
) ENGINE = InnoDB;
INSERT INTO batching_status (id) VALUES (1);
