package dev.leadstore.contact;

import dev.leadstore.db.Listing;
import dev.leadstore.http.Query;
import java.util.Map;

/**
 * The statements of the contacts tables, in Jdbi's named form (`:name`, `<list>`), exactly as the
 * store runs them. Public so that the benchmark measures the floor of the same statements over
 * plain JDBC instead of a copy that could drift.
 */
public final class ContactSql {
    public static final String COLUMNS = "c.id, c.name, c.email, c.phone, c.company, c.job_position, c.source, "
            + "c.linkedin_url, c.tags, c.custom_fields, c.created_at, c.updated_at";

    public static final String INSERT = "INSERT INTO contacts (account_id, id, name, name_lc, email, email_lc, phone, "
            + "company, company_lc, job_position, source, linkedin_url, linkedin_key, tags, custom_fields, created_at, "
            + "updated_at, search_lc) VALUES (:account, :id, :name, :name_lc, :email, :email_lc, :phone, :company, "
            + ":company_lc, :position, :source, :linkedin_url, :linkedin_key, :tags, :custom_fields, :created_at, "
            + ":updated_at, :search_lc)";

    public static final String INSERT_TAG = "INSERT INTO contact_tags (account_id, contact_id, tag, created_at) "
            + "VALUES (:account, :id, :tag, :created_at)";

    public static final String SELECT_BY_ID = "SELECT " + COLUMNS + " FROM contacts c "
            + "WHERE c.account_id = :account AND c.id = :id";

    public static final String SELECT_FOR_UPDATE = SELECT_BY_ID + " FOR UPDATE";

    /** Every column is written back, changed or not: one statement for every update. */
    public static final String UPDATE = "UPDATE contacts SET name = :name, name_lc = :name_lc, email = :email, "
            + "email_lc = :email_lc, phone = :phone, company = :company, company_lc = :company_lc, "
            + "job_position = :position, source = :source, linkedin_url = :linkedin_url, linkedin_key = :linkedin_key, "
            + "tags = :tags, custom_fields = :custom_fields, updated_at = :updated_at, search_lc = :search_lc "
            + "WHERE account_id = :account AND id = :id";

    /** The contact holding an email (in its comparison form), locked. */
    public static final String SELECT_BY_EMAIL_FOR_UPDATE = "SELECT " + COLUMNS + " FROM contacts c "
            + "WHERE c.account_id = :account AND c.email_lc = :email FOR UPDATE";

    /** The contacts of one LinkedIn profile (comparison form), oldest first, locked. */
    public static final String SELECT_BY_LINKEDIN_FOR_UPDATE = "SELECT " + COLUMNS + " FROM contacts c "
            + "WHERE c.account_id = :account AND c.linkedin_key = :linkedin ORDER BY c.created_at, c.id FOR UPDATE";

    /** Every contact a batch may touch, locked in one order so that two batches never wait in a cycle. */
    public static final String SELECT_BATCH_FOR_UPDATE = "SELECT " + COLUMNS + ", c.linkedin_key FROM contacts c "
            + "WHERE c.account_id = :account AND (c.id IN (<ids>) OR c.email_lc IN (<emails>) "
            + "OR c.linkedin_key IN (<linkedins>)) ORDER BY c.id FOR UPDATE";

    /** The lock row of one match key (an upsert by LinkedIn profile waits on it), made once. */
    public static final String INSERT_MATCH_LOCK = "INSERT INTO contact_match_locks (account_id, match_key) "
            + "SELECT :account, :key WHERE NOT EXISTS (SELECT 1 FROM contact_match_locks "
            + "WHERE account_id = :account AND match_key = :key)";

    public static final String LOCK_MATCH = "SELECT match_key FROM contact_match_locks "
            + "WHERE account_id = :account AND match_key IN (<keys>) ORDER BY match_key FOR UPDATE";

    /** Frees a contact's email for the moment of a batch's writes (another contact may take it next). */
    public static final String CLEAR_EMAIL = "UPDATE contacts SET email_lc = NULL WHERE account_id = :account AND id = :id";

    public static final String DELETE_TAGS = "DELETE FROM contact_tags WHERE account_id = :account AND contact_id = :id";

    public static final String DELETE = "DELETE FROM contacts WHERE account_id = :account AND id = :id";

    /** Moves the account's contact total on one shard (see {@link Counts}). */
    public static final String ADD_COUNT = "UPDATE contact_counts SET n = n + :delta "
            + "WHERE account_id = :account AND shard = :shard";

    /** Moves one tag's contact total on one shard (see {@link TagCounts}). */
    public static final String MOVE_TAG_COUNT = "UPDATE contact_tag_counts SET n = n + :delta "
            + "WHERE account_id = :account AND tag = :tag AND shard = :shard";

    public static final String TOTAL = "SELECT COALESCE(SUM(n), 0) FROM contact_counts WHERE account_id = :account";

    public static final String TAG_TOTAL = "SELECT COALESCE(SUM(n), 0) FROM contact_tag_counts "
            + "WHERE account_id = :account AND tag = :tag";

    /** The shards each account's and each tag's total is spread over. */
    public static final int SHARDS = Counts.SHARDS;

    private ContactSql() {
    }

    /** The text `search` matches, as the store computes it for every write. */
    public static String searchText(String name, String email, String company) {
        return SearchText.of(name, email, company);
    }

    /** The statements of `GET /contacts` with these query parameters, as the store runs them on PostgreSQL. */
    public static Listing.Plan list(String accountId, Map<String, String> parameters) {
        return list(accountId, parameters, false);
    }

    /** The statements of `GET /contacts` with these query parameters, as the store runs them (on H2 if `embedded`). */
    public static Listing.Plan list(String accountId, Map<String, String> parameters, boolean embedded) {
        return ContactFilter.read(new Query(parameters::get)).plan(accountId, embedded);
    }
}
