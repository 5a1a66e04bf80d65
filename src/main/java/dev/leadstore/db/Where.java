package dev.leadstore.db;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.Query;

/**
 * Builds the WHERE clause of a list query; every user value is bound by name (`:name`, or `<name>`
 * for a list), never spliced into SQL.
 */
public final class Where {
    private final StringBuilder sql;
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Starts with the tenant condition every list query has. */
    public Where(String accountColumn, String accountId) {
        sql = new StringBuilder(" WHERE ").append(accountColumn).append(" = :account");
        values.put("account", accountId);
    }

    /** Any of the lowercased columns contains the (already lowercased) text. */
    public Where contains(String name, String lowercased, String... columns) {
        if (lowercased != null) {
            List<String> tests = new ArrayList<>();
            for (String column : columns) {
                tests.add(column + " LIKE :" + name + " ESCAPE '" + Constraints.LIKE_ESCAPE + "'");
            }
            sql.append(" AND (").append(String.join(" OR ", tests)).append(')');
            values.put(name, Constraints.containsPattern(lowercased));
        }
        return this;
    }

    public Where equal(String column, String name, Object value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = :").append(name);
            values.put(name, value);
        }
        return this;
    }

    /**
     * Exclusive bounds on an epoch-millisecond column. Stored times are whole milliseconds, so
     * {@code t > b} holds exactly when {@code t > floor(b)} and {@code t < b} exactly when
     * {@code t < ceil(b)}: an upper bound with a finer fraction rounds up.
     */
    public Where between(String column, String afterName, Instant after, String beforeName, Instant before) {
        if (after != null) {
            sql.append(" AND ").append(column).append(" > :").append(afterName);
            values.put(afterName, after.toEpochMilli());
        }
        if (before != null) {
            sql.append(" AND ").append(column).append(" < :").append(beforeName);
            long ceiling = before.toEpochMilli() + (before.getNano() % 1_000_000 != 0 ? 1 : 0);
            values.put(beforeName, ceiling);
        }
        return this;
    }

    /** A condition with a list bound as `<name>` (Jdbi's list syntax). */
    public Where inList(String condition, String name, List<String> values) {
        if (values != null) {
            sql.append(" AND ").append(condition);
            this.values.put(name, List.copyOf(values));
        }
        return this;
    }

    public String sql() {
        return sql.toString();
    }

    /** The values by name; a list is bound as Jdbi's `<name>`. */
    public Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    public Query bind(Query query) {
        return bind(query, values);
    }

    /** Binds named values, a list as Jdbi's `<name>`. */
    static Query bind(Query query, Map<String, Object> values) {
        values.forEach((name, value) -> {
            if (value instanceof List<?> list) {
                query.bindList(name, list);
            } else {
                query.bind(name, value);
            }
        });
        return query;
    }
}
