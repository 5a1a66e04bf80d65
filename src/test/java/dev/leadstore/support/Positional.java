package dev.leadstore.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server's statements (Jdbi's `:name` and `<list>` form, see contact/ContactSql) as plain JDBC:
 * the benchmark's raw limits run the very same SQL without Jdbi, JSON or HTTP, and tests EXPLAIN it.
 */
public final class Positional {
    private Positional() {
    }

    /** Prepares the statement with every name replaced by `?` (a list by one per item) and binds the values. */
    public static PreparedStatement prepare(Connection c, String named, Map<String, ?> values) throws SQLException {
        List<Object> args = new ArrayList<>();
        String sql = rewrite(named, values, args);
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < args.size(); i++) {
            Object v = args.get(i);
            if (v == null) {
                statement.setNull(i + 1, Types.VARCHAR);
            } else {
                statement.setObject(i + 1, v);
            }
        }
        return statement;
    }

    /** One statement for several rows (JDBC's batch, as Jdbi's prepareBatch sends it), ready to execute. */
    public static PreparedStatement batch(Connection c, String named, List<? extends Map<String, ?>> rows) throws SQLException {
        PreparedStatement statement = null;
        for (Map<String, ?> row : rows) {
            List<Object> args = new ArrayList<>();
            String sql = rewrite(named, row, args);
            if (statement == null) {
                statement = c.prepareStatement(sql);
            }
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            statement.addBatch();
        }
        return statement;
    }

    private static String rewrite(String named, Map<String, ?> values, List<Object> args) {
        StringBuilder sql = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < named.length(); i++) {
            char c = named.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            boolean list = c == '<' && !quoted && i + 1 < named.length() && Character.isLetter(named.charAt(i + 1));
            if (!quoted && (c == ':' || list) && i + 1 < named.length() && Character.isLetter(named.charAt(i + 1))) {
                int end = i + 1;
                while (end < named.length() && (Character.isLetterOrDigit(named.charAt(end)) || named.charAt(end) == '_')) {
                    end++;
                }
                String name = named.substring(i + 1, end);
                if (!values.containsKey(name)) {
                    throw new IllegalArgumentException("no value for :" + name + " in " + named);
                }
                Object value = values.get(name);
                if (list) {
                    List<?> items = (List<?>) value;
                    sql.append(String.join(", ", java.util.Collections.nCopies(items.size(), "?")));
                    args.addAll(items);
                    end++;
                } else {
                    sql.append('?');
                    args.add(value);
                }
                i = end - 1;
            } else {
                sql.append(c);
            }
        }
        return sql.toString();
    }
}
