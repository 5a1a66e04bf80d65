package dev.leadstore.db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Keeps list queries flat as accounts grow: a search column computed in Java (with a trigram
 * index on PostgreSQL) and per-account contact counters kept in the writing transaction.
 * A Java migration because the search text must be computed exactly as the server computes it.
 *
 * <p>Its rules are written out here, as they were when it was applied (the server's own may change
 * later; an applied migration never does). Databases migrated by earlier forms of this class got
 * the indexes it has since gained from V6.
 */
public class V4__list_performance extends BaseJavaMigration {
    /** The contact counter shards each account had when this migration ran. */
    private static final int COUNTER_SHARDS = 32;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        boolean postgres = c.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
        execute(c, "ALTER TABLE contacts ADD COLUMN search_lc VARCHAR" + (postgres ? " COLLATE \"C\"" : ""));
        backfillSearch(c);
        execute(c, "ALTER TABLE contacts ALTER COLUMN search_lc SET NOT NULL");
        execute(c, "CREATE TABLE contact_counts (account_id VARCHAR(16) NOT NULL, shard INTEGER NOT NULL, "
                + "n BIGINT NOT NULL, PRIMARY KEY (account_id, shard))");
        backfillCounts(c);
        // Nullable sort columns sort nulls last both ways; descending, that needs its own index order.
        execute(c, "CREATE INDEX contacts_company_desc ON contacts (account_id, company_lc DESC NULLS LAST, id DESC)");
        execute(c, "CREATE INDEX opportunities_company_desc ON opportunities "
                + "(account_id, company_lc DESC NULLS LAST, id DESC)");
        execute(c, "CREATE INDEX opportunities_value_desc ON opportunities "
                + "(account_id, deal_value DESC NULLS LAST, id DESC)");
        if (postgres) {
            execute(c, "CREATE EXTENSION IF NOT EXISTS pg_trgm");
            // No pending list: each write updates the index at once, so searches do not slow down between vacuums.
            execute(c, "CREATE INDEX contacts_search ON contacts USING gin (search_lc gin_trgm_ops) WITH (fastupdate = off)");
            execute(c, "CREATE INDEX contacts_company_trgm ON contacts USING gin (company_lc gin_trgm_ops) "
                    + "WITH (fastupdate = off)");
        }
    }

    private static void backfillSearch(Connection c) throws SQLException {
        try (Statement select = c.createStatement();
             ResultSet rs = select.executeQuery("SELECT account_id, id, name, email, company FROM contacts");
             PreparedStatement update = c.prepareStatement(
                     "UPDATE contacts SET search_lc = ? WHERE account_id = ? AND id = ?")) {
            while (rs.next()) {
                update.setString(1, searchText(rs.getString(3), rs.getString(4), rs.getString(5)));
                update.setString(2, rs.getString(1));
                update.setString(3, rs.getString(2));
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private static void backfillCounts(Connection c) throws SQLException {
        List<String> accounts = new ArrayList<>();
        try (Statement select = c.createStatement();
             ResultSet rs = select.executeQuery("SELECT id FROM accounts")) {
            while (rs.next()) {
                accounts.add(rs.getString(1));
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO contact_counts (account_id, shard, n) "
                + "VALUES (?, ?, CASE WHEN ? = 0 THEN (SELECT COUNT(*) FROM contacts WHERE account_id = ?) ELSE 0 END)")) {
            for (String account : accounts) {
                for (int shard = 0; shard < COUNTER_SHARDS; shard++) {
                    insert.setString(1, account);
                    insert.setInt(2, shard);
                    insert.setInt(3, shard);
                    insert.setString(4, account);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /** Name, email and company, lowercased and joined by newlines (which no search term contains). */
    private static String searchText(String name, String email, String company) {
        return lower(name) + '\n' + lower(email) + '\n' + lower(company);
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
