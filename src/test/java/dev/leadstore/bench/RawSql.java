package dev.leadstore.bench;

import dev.leadstore.support.Positional;
import dev.leadstore.contact.ContactSql;
import dev.leadstore.db.Listing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * The lists of the benchmark as the store plans them (contact/ContactSql.list), run over plain
 * JDBC: the total (counted, or read from the counters), then one page.
 */
final class RawSql {
    private RawSql() {
    }

    static Listing.Plan all(String account) {
        return ContactSql.list(account, Map.of());
    }

    static Listing.Plan search(String account, String text, boolean embedded) {
        return ContactSql.list(account, Map.of("search", text), embedded);
    }

    static Listing.Plan email(String account, String email) {
        return ContactSql.list(account, Map.of("email", email));
    }

    static Listing.Plan tag(String account, String tag) {
        return ContactSql.list(account, Map.of("tags", tag));
    }

    static Listing.Plan page(String account, int page) {
        return ContactSql.list(account, Map.of("page", Integer.toString(page)));
    }

    /** Runs the list as the store does (minus the two-step read of deep pages); returns the rows read. */
    static int run(Connection c, Listing.Plan plan) throws SQLException {
        long total;
        try (PreparedStatement count = Positional.prepare(c, plan.countSql(), plan.countValues());
             ResultSet rs = count.executeQuery()) {
            rs.next();
            total = rs.getLong(1);
        }
        if (total <= plan.page().offset()) {
            return 0;
        }
        try (PreparedStatement select = Positional.prepare(c, plan.pageSql(plan.columns()), plan.pageValues())) {
            return readRows(select.executeQuery());
        }
    }

    /** Reads every column of every row, as ContactStore.row does, minus the JSON parsing. */
    static int readRows(ResultSet rs) throws SQLException {
        int rows = 0;
        try (rs) {
            while (rs.next()) {
                for (int k = 1; k <= 10; k++) {
                    rs.getString(k);
                }
                rs.getLong(11);
                rs.getLong(12);
                rows++;
            }
        }
        return rows;
    }
}
