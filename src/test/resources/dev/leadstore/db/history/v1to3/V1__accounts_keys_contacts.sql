-- Timestamps are epoch milliseconds (UTC) in BIGINT: exact and identical on H2 and PostgreSQL.
-- Lengths and characters are validated in Java, so text columns carry no length limits.
-- Every table is keyed by account_id first, the distribution column of a sharded PostgreSQL.

CREATE TABLE accounts (
    id                  VARCHAR(16) NOT NULL PRIMARY KEY,
    name                VARCHAR     NOT NULL,
    plan                VARCHAR(16) NOT NULL,
    rate_limit_per_hour INTEGER,
    created_at          BIGINT      NOT NULL
);

CREATE TABLE bootstrap (
    id      INTEGER NOT NULL PRIMARY KEY,
    done_at BIGINT  NOT NULL
);

CREATE TABLE api_keys (
    account_id          VARCHAR(16) NOT NULL REFERENCES accounts (id),
    id                  VARCHAR(16) NOT NULL,
    key_hash            VARCHAR(64) NOT NULL,
    prefix              VARCHAR(16) NOT NULL,
    name                VARCHAR     NOT NULL,
    permissions         VARCHAR     NOT NULL,
    rate_limit_per_hour INTEGER,
    expires_at          BIGINT,
    revoked_at          BIGINT,
    last_used_at        BIGINT,
    created_at          BIGINT      NOT NULL,
    PRIMARY KEY (account_id, id)
);
CREATE UNIQUE INDEX api_keys_hash ON api_keys (key_hash);
CREATE UNIQUE INDEX api_keys_id ON api_keys (id);

CREATE TABLE contacts (
    account_id    VARCHAR(16) NOT NULL,
    id            VARCHAR(16) NOT NULL,
    name          VARCHAR     NOT NULL,
    name_lc       VARCHAR     ${sort_collation} NOT NULL,
    email         VARCHAR,
    email_lc      VARCHAR,
    phone         VARCHAR,
    company       VARCHAR,
    company_lc    VARCHAR     ${sort_collation},
    job_position  VARCHAR,
    source        VARCHAR     NOT NULL,
    linkedin_url  VARCHAR,
    tags          VARCHAR     NOT NULL,
    custom_fields VARCHAR     NOT NULL,
    created_at    BIGINT      NOT NULL,
    updated_at    BIGINT      NOT NULL,
    PRIMARY KEY (account_id, id)
);
-- The database, not the code, guarantees one contact per email in an account.
CREATE UNIQUE INDEX contacts_email ON contacts (account_id, email_lc);
CREATE INDEX contacts_created ON contacts (account_id, created_at, id);
CREATE INDEX contacts_updated ON contacts (account_id, updated_at, id);
CREATE INDEX contacts_name ON contacts (account_id, name_lc, id);
CREATE INDEX contacts_company ON contacts (account_id, company_lc, id);
CREATE INDEX contacts_source ON contacts (account_id, source, created_at, id);

CREATE TABLE contact_tags (
    account_id VARCHAR(16) NOT NULL,
    contact_id VARCHAR(16) NOT NULL,
    tag        VARCHAR     NOT NULL,
    PRIMARY KEY (account_id, contact_id, tag)
);
CREATE INDEX contact_tags_tag ON contact_tags (account_id, tag, contact_id);
