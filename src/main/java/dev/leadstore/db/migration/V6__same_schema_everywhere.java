package dev.leadstore.db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Brings a database migrated by any earlier version of Leadstore to the schema a fresh one gets.
 * V4 gained indexes after it had been applied (Flyway keeps no checksum for Java migrations, so
 * such databases silently lacked them), and V5 was replaced by a longer V5 after it had been
 * applied (see {@code db.Migrations}). Every statement here is a no-op where its object exists.
 * A Java migration because one index exists on PostgreSQL only.
 */
public class V6__same_schema_everywhere extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        boolean postgres = c.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
        // The second form of V5: each tag row repeats its contact's (immutable) creation time.
        execute(c, "ALTER TABLE contact_tags ADD COLUMN IF NOT EXISTS created_at BIGINT");
        execute(c, "UPDATE contact_tags SET created_at = (SELECT c.created_at FROM contacts c "
                + "WHERE c.account_id = contact_tags.account_id AND c.id = contact_tags.contact_id) "
                + "WHERE created_at IS NULL");
        execute(c, "ALTER TABLE contact_tags ALTER COLUMN created_at SET NOT NULL");
        execute(c, "DROP INDEX IF EXISTS contact_tags_tag");
        execute(c, "CREATE INDEX IF NOT EXISTS contact_tags_created ON contact_tags "
                + "(account_id, tag, created_at, contact_id)");
        // What later forms of V4 added.
        execute(c, "CREATE INDEX IF NOT EXISTS contacts_company_desc ON contacts "
                + "(account_id, company_lc DESC NULLS LAST, id DESC)");
        execute(c, "CREATE INDEX IF NOT EXISTS opportunities_company_desc ON opportunities "
                + "(account_id, company_lc DESC NULLS LAST, id DESC)");
        execute(c, "CREATE INDEX IF NOT EXISTS opportunities_value_desc ON opportunities "
                + "(account_id, deal_value DESC NULLS LAST, id DESC)");
        if (postgres) {
            execute(c, "ALTER INDEX contacts_search SET (fastupdate = off)");
            execute(c, "CREATE INDEX IF NOT EXISTS contacts_company_trgm ON contacts USING gin "
                    + "(company_lc gin_trgm_ops) WITH (fastupdate = off)");
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
