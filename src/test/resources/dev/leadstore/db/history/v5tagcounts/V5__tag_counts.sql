-- Per-tag contact totals (db/TagCounts): a list filtered by one tag reads its total here instead
-- of counting every contact that carries the tag. Shards are made on first use; shard 0 of every
-- counted tag exists.
CREATE TABLE contact_tag_counts (
    account_id VARCHAR(16) NOT NULL,
    tag        VARCHAR     NOT NULL,
    shard      INTEGER     NOT NULL,
    n          BIGINT      NOT NULL,
    PRIMARY KEY (account_id, tag, shard)
);

INSERT INTO contact_tag_counts (account_id, tag, shard, n)
SELECT account_id, tag, 0, COUNT(*) FROM contact_tags GROUP BY account_id, tag;
