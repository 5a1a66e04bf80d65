package dev.leadstore.db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Cheaper contact writes, cheaper searches on H2 (measured in docs/performance.md, "Write path").
 * PostgreSQL: the search text's trigram index keeps a bounded pending list (`fastupdate`), so an
 * insert appends to it instead of updating dozens of trigram posting lists; the company filter
 * goes through the search index (the search text holds the company), so the company's own trigram
 * index, paid by every write, goes. H2, which has no trigram index: an index of (account, search
 * text), so a search reads that index's entries instead of whole rows.
 * A Java migration because the statements differ by database.
 */
public class V11__cheaper_contact_writes extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        boolean postgres = c.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
        if (postgres) {
            execute(c, "ALTER INDEX contacts_search SET (fastupdate = on, gin_pending_list_limit = 512)");
            execute(c, "DROP INDEX IF EXISTS contacts_company_trgm");
        } else {
            execute(c, "CREATE INDEX IF NOT EXISTS contacts_text ON contacts (account_id, search_lc)");
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
