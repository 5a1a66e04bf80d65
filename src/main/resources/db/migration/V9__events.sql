-- Every committed change appends one event in the writing transaction (docs/api.md §10).
-- An event's position is (tx, seq): on PostgreSQL tx is the writing transaction's id and seq comes
-- from event_seq; on H2 both are handed out by the one server process. The feed returns only
-- positions below the oldest transaction still writing, so it never moves past an event that is
-- yet to commit.
CREATE TABLE events (
    account_id VARCHAR(16) NOT NULL,
    tx         BIGINT      NOT NULL,
    seq        BIGINT      NOT NULL,
    id         VARCHAR(16) NOT NULL,
    type       VARCHAR(32) NOT NULL,
    object_id  VARCHAR(16) NOT NULL,
    created_at BIGINT      NOT NULL,
    body       VARCHAR     NOT NULL,
    PRIMARY KEY (account_id, tx, seq)
);
CREATE UNIQUE INDEX events_id ON events (account_id, id);
CREATE INDEX events_object ON events (account_id, object_id, tx, seq);
CREATE INDEX events_created ON events (created_at);
-- Across accounts, in position order: what the webhook dispatcher reads.
CREATE INDEX events_position ON events (tx, seq);
CREATE SEQUENCE event_seq;
