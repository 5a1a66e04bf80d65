package dev.leadstore.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;

/**
 * A statement in Jdbi's `:name` form run as plain JDBC, on a handle's connection or one of the
 * pool's, for the few one-row statements every get or update runs: there Jdbi's handle and
 * statement machinery (configuration copies, argument lookup, result iterables) cost more CPU than
 * the query (docs/performance.md).
 */
public record PlainJdbc(String sql, List<String> names) {
    private static final Pattern NAME = Pattern.compile("(?<![:\\w]):(\\w+)");

    /** A row of a result set as a value. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The named statement with each `:name` turned into `?`, its names kept in order. */
    public static PlainJdbc of(String named) {
        List<String> names = new ArrayList<>();
        Matcher m = NAME.matcher(named);
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            names.add(m.group(1));
            m.appendReplacement(sql, "?");
        }
        m.appendTail(sql);
        return new PlainJdbc(sql.toString(), List.copyOf(names));
    }

    /** The first row, if any, with every name bound from `values`, in the handle's transaction. */
    public <T> Optional<T> first(Handle h, Map<String, ?> values, Row<T> row) {
        return first(h.getConnection(), values, row);
    }

    /** The first row, if any, on a connection of its own from the pool (autocommit: a statement of its own). */
    public <T> Optional<T> first(DataSource pool, Map<String, ?> values, Row<T> row) {
        try (Connection c = pool.getConnection()) {
            return first(c, values, row);
        } catch (SQLException e) {
            throw new Failed(sql, e);
        }
    }

    private <T> Optional<T> first(Connection c, Map<String, ?> values, Row<T> row) {
        try (PreparedStatement s = prepare(c, values); ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(row.read(rs)) : Optional.empty();
        } catch (SQLException e) {
            throw new Failed(sql, e);
        }
    }

    /** Runs the statement with every name bound from `values`; returns the update count. */
    public int execute(Handle h, Map<String, ?> values) {
        try (PreparedStatement s = prepare(h.getConnection(), values)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new Failed(sql, e);
        }
    }

    /** Runs the statement once per row of values, as one JDBC batch; returns the update counts. */
    public int[] batch(Handle h, List<? extends Map<String, ?>> rows) {
        try (PreparedStatement s = h.getConnection().prepareStatement(sql)) {
            for (Map<String, ?> values : rows) {
                bind(s, values);
                s.addBatch();
            }
            return s.executeBatch();
        } catch (SQLException e) {
            throw new Failed(sql, e);
        }
    }

    /** The statement with its values, to run together with others ({@link #together}). */
    public record Bound(PlainJdbc statement, Map<String, ?> values) {
    }

    public Bound with(Map<String, ?> values) {
        return new Bound(this, values);
    }

    /**
     * Runs the statements in order in the handle's transaction; returns each one's update count. On
     * PostgreSQL they go as one message, which the server answers once (one round trip where each
     * alone took one); on H2, which takes one statement at a time, one after the other.
     */
    public static int[] together(Handle h, List<Bound> statements) {
        int[] counts = new int[statements.size()];
        if (statements.size() == 1 || !oneMessage(h)) {
            for (int i = 0; i < statements.size(); i++) {
                counts[i] = statements.get(i).statement().execute(h, statements.get(i).values());
            }
            return counts;
        }
        StringBuilder sql = new StringBuilder();
        for (Bound b : statements) {
            sql.append(sql.isEmpty() ? "" : ";\n").append(b.statement().sql());
        }
        try (PreparedStatement s = h.getConnection().prepareStatement(sql.toString())) {
            int offset = 0;
            for (Bound b : statements) {
                b.statement().bind(s, b.values(), offset);
                offset += b.statement().names().size();
            }
            boolean results = s.execute();
            for (int i = 0; i < counts.length; i++) {
                if (results) {
                    throw new IllegalStateException("a statement run together returned rows: " + sql);
                }
                counts[i] = s.getUpdateCount();
                results = s.getMoreResults();
            }
            return counts;
        } catch (SQLException e) {
            throw new Failed(sql.toString(), e);
        }
    }

    /** True when the handle's database takes several statements in one message (PostgreSQL). */
    private static boolean oneMessage(Handle h) {
        try {
            return h.getConnection().getMetaData().getDatabaseProductName().equals("PostgreSQL");
        } catch (SQLException e) {
            throw new Failed("(the database's name)", e);
        }
    }

    /** The statement prepared on the connection with every name bound from `values`, ready to execute. */
    public PreparedStatement prepare(Connection c, Map<String, ?> values) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            bind(s, values);
            return s;
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Binds every name of the statement from `values`. */
    public void bind(PreparedStatement s, Map<String, ?> values) throws SQLException {
        bind(s, values, 0);
    }

    /** Binds every name of the statement from `values`, its first at parameter `offset + 1`. */
    private void bind(PreparedStatement s, Map<String, ?> values, int offset) throws SQLException {
        for (int i = 0; i < names.size(); i++) {
            if (!values.containsKey(names.get(i))) {
                throw new IllegalArgumentException("no value for :" + names.get(i) + " in " + sql);
            }
            Object value = values.get(names.get(i));
            if (value == null) {
                // As Jdbi binds a null String: every nullable value bound here is text. Typed, a null
                // keeps the server-side statement of its SQL, which an untyped one would re-plan.
                s.setNull(offset + i + 1, Types.VARCHAR);
            } else {
                s.setObject(offset + i + 1, value);
            }
        }
    }

    /** A statement failed; the SQLException (and its SQL state) is the cause. */
    public static final class Failed extends RuntimeException {
        Failed(String sql, SQLException cause) {
            super(cause.getMessage() + " [statement: " + sql + "]", cause);
        }
    }
}
