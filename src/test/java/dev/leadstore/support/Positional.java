package dev.leadstore.support;

import dev.leadstore.db.PlainJdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's statements (Jdbi's `:name` and `<list>` form, see contact/ContactSql) as plain JDBC:
 * the benchmark's raw limits run the very same SQL without Jdbi, JSON or HTTP, and tests EXPLAIN it.
 * Names become `?` as the server's own {@link PlainJdbc} turns them; a `<list>` becomes one name per item.
 */
public final class Positional {
    private static final Pattern LIST = Pattern.compile("<([A-Za-z]\\w*)>");

    private Positional() {
    }

    /** Prepares the statement with every name replaced by `?` (a list by one per item) and binds the values. */
    public static PreparedStatement prepare(Connection c, String named, Map<String, ?> values) throws SQLException {
        Map<String, Object> expanded = new HashMap<>(values);
        return PlainJdbc.of(expandLists(named, values, expanded)).prepare(c, expanded);
    }

    /** One statement for several rows (JDBC's batch, as Jdbi's prepareBatch sends it), ready to execute. */
    public static PreparedStatement batch(Connection c, String named, List<? extends Map<String, ?>> rows) throws SQLException {
        PlainJdbc plain = PlainJdbc.of(named);
        PreparedStatement statement = c.prepareStatement(plain.sql());
        for (Map<String, ?> row : rows) {
            plain.bind(statement, row);
            statement.addBatch();
        }
        return statement;
    }

    /** Each `<name>` as `:name_0, :name_1, …`, with every item put into `expanded` under its own name. */
    private static String expandLists(String named, Map<String, ?> values, Map<String, Object> expanded) {
        Matcher m = LIST.matcher(named);
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!(values.get(name) instanceof List<?> items)) {
                throw new IllegalArgumentException("no list for <" + name + "> in " + named);
            }
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < items.size(); i++) {
                String item = "list_" + name + "_" + i;
                expanded.put(item, items.get(i));
                names.append(i == 0 ? "" : ", ").append(':').append(item);
            }
            m.appendReplacement(sql, Matcher.quoteReplacement(names.toString()));
        }
        m.appendTail(sql);
        return sql.toString();
    }
}
