package dev.leadstore.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * A statement in Jdbi's `:name` form run as plain JDBC on a handle's connection, for the few
 * one-row statements every get or update runs: there Jdbi's statement machinery (argument lookup,
 * statement context, result iterables) cost more CPU than the query (docs/performance.md).
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

    /** The first row, if any, with every name bound from `values`. */
    public <T> Optional<T> first(Handle h, Map<String, ?> values, Row<T> row) {
        try (PreparedStatement s = prepare(h.getConnection(), values); ResultSet rs = s.executeQuery()) {
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

    private PreparedStatement prepare(Connection c, Map<String, ?> values) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            for (int i = 0; i < names.size(); i++) {
                if (!values.containsKey(names.get(i))) {
                    throw new IllegalArgumentException("no value for :" + names.get(i) + " in " + sql);
                }
                s.setObject(i + 1, values.get(names.get(i)));
            }
            return s;
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** A statement failed; the SQLException (and its SQL state) is the cause. */
    public static final class Failed extends RuntimeException {
        Failed(String sql, SQLException cause) {
            super(cause.getMessage() + " [statement: " + sql + "]", cause);
        }
    }
}
