package dev.leadstore.contact;

import dev.leadstore.db.Constraints;
import java.time.Instant;
import org.jdbi.v3.core.statement.Query;

/** The WHERE clause of a contact list and its bindings; every user value is bound, never spliced. */
final class ContactQuery {
    private static final String LIKE = " LIKE :%s ESCAPE '" + Constraints.LIKE_ESCAPE + "'";

    private final String accountId;
    private final ContactFilter filter;
    private final String where;

    ContactQuery(String accountId, ContactFilter filter) {
        this.accountId = accountId;
        this.filter = filter;
        StringBuilder sql = new StringBuilder(" WHERE c.account_id = :account");
        if (filter.search() != null) {
            sql.append(" AND (c.name_lc").append(LIKE.formatted("search"))
                    .append(" OR c.email_lc").append(LIKE.formatted("search"))
                    .append(" OR c.company_lc").append(LIKE.formatted("search")).append(')');
        }
        if (filter.email() != null) {
            sql.append(" AND c.email_lc = :email");
        }
        if (filter.company() != null) {
            sql.append(" AND c.company_lc").append(LIKE.formatted("company"));
        }
        if (filter.source() != null) {
            sql.append(" AND c.source = :source");
        }
        if (filter.tags() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM contact_tags t WHERE t.account_id = c.account_id"
                    + " AND t.contact_id = c.id AND t.tag IN (<tags>))");
        }
        range(sql, "c.created_at >", "created_after", filter.createdAfter());
        range(sql, "c.created_at <", "created_before", filter.createdBefore());
        range(sql, "c.updated_at >", "updated_after", filter.updatedAfter());
        range(sql, "c.updated_at <", "updated_before", filter.updatedBefore());
        this.where = sql.toString();
    }

    String where() {
        return where;
    }

    Query bind(Query query) {
        query.bind("account", accountId);
        if (filter.search() != null) {
            query.bind("search", Constraints.containsPattern(filter.search()));
        }
        if (filter.email() != null) {
            query.bind("email", filter.email());
        }
        if (filter.company() != null) {
            query.bind("company", Constraints.containsPattern(filter.company()));
        }
        if (filter.source() != null) {
            query.bind("source", filter.source());
        }
        if (filter.tags() != null) {
            query.bindList("tags", filter.tags());
        }
        bindInstant(query, "created_after", filter.createdAfter(), false);
        bindInstant(query, "created_before", filter.createdBefore(), true);
        bindInstant(query, "updated_after", filter.updatedAfter(), false);
        bindInstant(query, "updated_before", filter.updatedBefore(), true);
        return query;
    }

    private static void range(StringBuilder sql, String comparison, String name, Instant value) {
        if (value != null) {
            sql.append(" AND ").append(comparison).append(" :").append(name);
        }
    }

    /**
     * Stored times are whole milliseconds: {@code t > b} holds exactly when {@code t > floor(b)}, and
     * {@code t < b} exactly when {@code t < ceil(b)}, so an upper bound with a finer fraction rounds up.
     */
    private static void bindInstant(Query query, String name, Instant value, boolean upper) {
        if (value != null) {
            long millis = value.toEpochMilli();
            query.bind(name, upper && value.getNano() % 1_000_000 != 0 ? millis + 1 : millis);
        }
    }
}
