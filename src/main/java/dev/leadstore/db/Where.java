package dev.leadstore.db;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.statement.Query;

/** Builds the WHERE clause of a list query; every user value is bound, never spliced into SQL. */
public final class Where {
    private final StringBuilder sql;
    private final List<Consumer<Query>> bindings = new ArrayList<>();

    /** Starts with the tenant condition every list query has. */
    public Where(String accountColumn, String accountId) {
        sql = new StringBuilder(" WHERE ").append(accountColumn).append(" = :account");
        bindings.add(q -> q.bind("account", accountId));
    }

    /** Any of the lowercased columns contains the (already lowercased) text. */
    public Where contains(String name, String lowercased, String... columns) {
        if (lowercased != null) {
            List<String> tests = new ArrayList<>();
            for (String column : columns) {
                tests.add(column + " LIKE :" + name + " ESCAPE '" + Constraints.LIKE_ESCAPE + "'");
            }
            sql.append(" AND (").append(String.join(" OR ", tests)).append(')');
            String pattern = Constraints.containsPattern(lowercased);
            bindings.add(q -> q.bind(name, pattern));
        }
        return this;
    }

    public Where equal(String column, String name, Object value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = :").append(name);
            bindings.add(q -> q.bind(name, value));
        }
        return this;
    }

    /** Exclusive bounds on an epoch-millisecond column. */
    public Where between(String column, String afterName, Instant after, String beforeName, Instant before) {
        if (after != null) {
            sql.append(" AND ").append(column).append(" > :").append(afterName);
            bindings.add(q -> q.bind(afterName, after.toEpochMilli()));
        }
        if (before != null) {
            sql.append(" AND ").append(column).append(" < :").append(beforeName);
            bindings.add(q -> q.bind(beforeName, before.toEpochMilli()));
        }
        return this;
    }

    /** A condition with a list bound as `<name>` (Jdbi's list syntax). */
    public Where inList(String condition, String name, List<String> values) {
        if (values != null) {
            sql.append(" AND ").append(condition);
            bindings.add(q -> q.bindList(name, values));
        }
        return this;
    }

    public String sql() {
        return sql.toString();
    }

    public Query bind(Query query) {
        bindings.forEach(b -> b.accept(query));
        return query;
    }
}
