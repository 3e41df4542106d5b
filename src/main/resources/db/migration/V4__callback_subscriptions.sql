-- Callback subscriptions, per country: (country, callback_id) is unique. Delivery state is kept with the
-- subscription so that GET can report it (failing subscriptions are kept, never silently deleted).
CREATE TABLE callback_subscription (
    id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    country       CHAR(2)       CHARACTER SET ascii NOT NULL,
    callback_id   VARCHAR(32)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    url           VARCHAR(1024) CHARACTER SET ascii NOT NULL,
    created_at    DATETIME(6)   NOT NULL,
    updated_at    DATETIME(6)   NOT NULL,
    state         VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    last_success  DATETIME(6)   NULL,
    last_error    VARCHAR(512)  NULL,
    CONSTRAINT uk_callback_subscription UNIQUE (country, callback_id)
) ENGINE = InnoDB;
