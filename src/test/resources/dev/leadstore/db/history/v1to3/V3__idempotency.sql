-- Responses kept for Idempotency-Key retries, per API key, for 24 hours.
CREATE TABLE idempotency_keys (
    account_id   VARCHAR(16)  NOT NULL,
    api_key_id   VARCHAR(16)  NOT NULL,
    idem_key     VARCHAR(255) NOT NULL,
    fingerprint  VARCHAR(64)  NOT NULL,
    status_code  INTEGER,
    response     VARCHAR,
    created_at   BIGINT       NOT NULL,
    PRIMARY KEY (account_id, api_key_id, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
