-- Lists filtered by one tag stay flat as an account grows.

-- Per-tag contact totals (db/TagCounts): such a list reads its total here instead of counting every
-- contact that carries the tag. Shards are made on first use; shard 0 of every counted tag exists.
CREATE TABLE contact_tag_counts (
    account_id VARCHAR(16) NOT NULL,
    tag        VARCHAR     NOT NULL,
    shard      INTEGER     NOT NULL,
    n          BIGINT      NOT NULL,
    PRIMARY KEY (account_id, tag, shard)
);

INSERT INTO contact_tag_counts (account_id, tag, shard, n)
SELECT account_id, tag, 0, COUNT(*) FROM contact_tags GROUP BY account_id, tag;

-- The contact's creation time (which never changes) beside each tag, so that the default order of
-- such a list is the tag's own index order: a page reads 20 index entries, not every tagged contact.
ALTER TABLE contact_tags ADD COLUMN created_at BIGINT;
UPDATE contact_tags SET created_at = (SELECT c.created_at FROM contacts c
    WHERE c.account_id = contact_tags.account_id AND c.id = contact_tags.contact_id);
ALTER TABLE contact_tags ALTER COLUMN created_at SET NOT NULL;
-- Replaced: a probe "has this contact that tag" uses the primary key (account_id, contact_id, tag).
DROP INDEX contact_tags_tag;
CREATE INDEX contact_tags_created ON contact_tags (account_id, tag, created_at, contact_id);
