-- Webhooks (docs/api.md §10.4-10.7): endpoints an account registers, and one delivery row per
-- event (or ping) to send to one endpoint. The dispatcher reads the event log in position order
-- below the safe horizon, from the position kept in webhook_fanout, and adds a pending delivery
-- per matching enabled webhook; writes of contacts and opportunities do no webhook work at all.
CREATE TABLE webhooks (
    id            VARCHAR(16)   NOT NULL PRIMARY KEY,
    account_id    VARCHAR(16)   NOT NULL,
    url           VARCHAR(2048) NOT NULL,
    events        VARCHAR(1000) NOT NULL,
    description   VARCHAR(500),
    enabled       BOOLEAN       NOT NULL,
    secret        VARCHAR(64)   NOT NULL,
    created_at    BIGINT        NOT NULL,
    updated_at    BIGINT        NOT NULL,
    failing_since BIGINT
);
CREATE INDEX webhooks_account ON webhooks (account_id, created_at, id);

-- event_seq orders the deliveries of one fan-out as their events (null for pings). body is set for pings only; an event's delivery reads the event's body from the log (and is
-- dropped with it by retention). next_attempt_at is null once delivered or failed; while an
-- attempt runs it is the end of the attempt's lease, after which the delivery is due again (a
-- crashed node loses nothing).
CREATE TABLE webhook_deliveries (
    id               VARCHAR(16)  NOT NULL PRIMARY KEY,
    webhook_id       VARCHAR(16)  NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    account_id       VARCHAR(16)  NOT NULL,
    event_id         VARCHAR(16)  NOT NULL,
    event_type       VARCHAR(32)  NOT NULL,
    event_seq        BIGINT,
    body             VARCHAR,
    status           VARCHAR(10)  NOT NULL,
    attempts         INT          NOT NULL,
    last_status_code INT,
    last_error       VARCHAR(300),
    created_at       BIGINT       NOT NULL,
    next_attempt_at  BIGINT,
    delivered_at     BIGINT
);
-- Claiming due deliveries: a range scan of next_attempt_at <= now (terminal rows hold null).
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, created_at, id);
CREATE INDEX webhook_deliveries_created ON webhook_deliveries (created_at);

-- How far the dispatcher has read the event log: one row, locked while a node fans out.
CREATE TABLE webhook_fanout (
    name VARCHAR(16) NOT NULL PRIMARY KEY,
    tx   BIGINT      NOT NULL,
    seq  BIGINT      NOT NULL
);
INSERT INTO webhook_fanout (name, tx, seq) VALUES ('events', -9223372036854775808, -9223372036854775808);
