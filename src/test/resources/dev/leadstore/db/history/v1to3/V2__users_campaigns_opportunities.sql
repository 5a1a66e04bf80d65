CREATE TABLE users (
    account_id VARCHAR(16) NOT NULL REFERENCES accounts (id),
    id         VARCHAR(16) NOT NULL,
    name       VARCHAR     NOT NULL,
    email      VARCHAR     NOT NULL,
    created_at BIGINT      NOT NULL,
    PRIMARY KEY (account_id, id)
);

CREATE TABLE campaigns (
    account_id VARCHAR(16) NOT NULL REFERENCES accounts (id),
    id         VARCHAR(24) NOT NULL,
    name       VARCHAR     NOT NULL,
    created_at BIGINT      NOT NULL,
    PRIMARY KEY (account_id, id)
);

CREATE TABLE opportunities (
    account_id          VARCHAR(16)    NOT NULL,
    id                  VARCHAR(16)    NOT NULL,
    name                VARCHAR        NOT NULL,
    name_lc             VARCHAR        ${sort_collation} NOT NULL,
    email               VARCHAR,
    email_lc            VARCHAR,
    phone               VARCHAR,
    company             VARCHAR,
    company_lc          VARCHAR        ${sort_collation},
    job_position        VARCHAR,
    linkedin_url        VARCHAR,
    status              VARCHAR(16)    NOT NULL,
    source              VARCHAR(16)    NOT NULL,
    deal_value          DECIMAL(14, 2),
    deal_currency       VARCHAR(3)     NOT NULL,
    notes               VARCHAR,
    campaign_id         VARCHAR(24),
    responsible_user_id VARCHAR(16),
    won_at              BIGINT,
    lost_at             BIGINT,
    created_at          BIGINT         NOT NULL,
    updated_at          BIGINT         NOT NULL,
    PRIMARY KEY (account_id, id),
    -- A campaign or user of another account can never be referenced: the key includes the account.
    FOREIGN KEY (account_id, campaign_id) REFERENCES campaigns (account_id, id),
    FOREIGN KEY (account_id, responsible_user_id) REFERENCES users (account_id, id)
);
CREATE INDEX opportunities_created ON opportunities (account_id, created_at, id);
CREATE INDEX opportunities_updated ON opportunities (account_id, updated_at, id);
CREATE INDEX opportunities_name ON opportunities (account_id, name_lc, id);
CREATE INDEX opportunities_company ON opportunities (account_id, company_lc, id);
CREATE INDEX opportunities_value ON opportunities (account_id, deal_value, id);
CREATE INDEX opportunities_status ON opportunities (account_id, status, created_at, id);
CREATE INDEX opportunities_campaign ON opportunities (account_id, campaign_id, created_at, id);
CREATE INDEX opportunities_user ON opportunities (account_id, responsible_user_id, created_at, id);
