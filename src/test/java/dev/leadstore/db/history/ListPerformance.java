package dev.leadstore.db.history;

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
 * V4 "list performance" as each release shipped it. Flyway keeps no checksum of a Java migration,
 * so a database in the field ran whichever form was current when it was migrated. Each form is a
 * subclass named V4__list_performance in a package of its own, so a Flyway location selects one.
 * Every form is the one before plus what its release added; the statements are the released ones,
 * and the rules they called (search text, 32 counter shards) were the same in all of them.
 */
public abstract class ListPerformance extends BaseJavaMigration {
    private static final int COUNTER_SHARDS = 32;

    /** The forms in release order. */
    public enum Form {
        /** 8c27c9d: search column, contact counters, trigram search index on PostgreSQL. */
        FIRST,
        /** abbbade: the search index without a pending list. */
        FASTUPDATE_OFF,
        /** 6718453: descending indexes of the nullable sort columns. */
        DESCENDING,
        /** bba0172, the form still shipped: a trigram index of company on PostgreSQL. */
        COMPANY_TRIGRAM
    }

    private final Form form;

    protected ListPerformance(Form form) {
        this.form = form;
    }

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
        if (since(Form.DESCENDING)) {
            execute(c, "CREATE INDEX contacts_company_desc ON contacts (account_id, company_lc DESC NULLS LAST, id DESC)");
            execute(c, "CREATE INDEX opportunities_company_desc ON opportunities "
                    + "(account_id, company_lc DESC NULLS LAST, id DESC)");
            execute(c, "CREATE INDEX opportunities_value_desc ON opportunities "
                    + "(account_id, deal_value DESC NULLS LAST, id DESC)");
        }
        if (postgres) {
            execute(c, "CREATE EXTENSION IF NOT EXISTS pg_trgm");
            execute(c, "CREATE INDEX contacts_search ON contacts USING gin (search_lc gin_trgm_ops)"
                    + (since(Form.FASTUPDATE_OFF) ? " WITH (fastupdate = off)" : ""));
            if (since(Form.COMPANY_TRIGRAM)) {
                execute(c, "CREATE INDEX contacts_company_trgm ON contacts USING gin (company_lc gin_trgm_ops) "
                        + "WITH (fastupdate = off)");
            }
        }
    }

    private boolean since(Form release) {
        return form.compareTo(release) >= 0;
    }

    private static void backfillSearch(Connection c) throws SQLException {
        try (Statement select = c.createStatement();
             ResultSet rs = select.executeQuery("SELECT account_id, id, name, email, company FROM contacts");
             PreparedStatement update = c.prepareStatement(
                     "UPDATE contacts SET search_lc = ? WHERE account_id = ? AND id = ?")) {
            while (rs.next()) {
                update.setString(1, lower(rs.getString(3)) + '\n' + lower(rs.getString(4)) + '\n' + lower(rs.getString(5)));
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

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
