package dev.leadstore.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The schema: Flyway over the SQL and Java migrations, after mending the one rename history holds. */
final class Migrations {
    private static final String HISTORY = "\"flyway_schema_history\"";

    /**
     * V5 was first released as "tag counts" and then, already applied in the field, replaced by
     * "tag lists" (the same table plus a column and an index). Databases that ran the first form get
     * the rest from V6; their history row is made to name the second form, so Flyway validates it.
     */
    private static final String V5_FIRST_DESCRIPTION = "tag counts";
    private static final int V5_FIRST_CHECKSUM = -1107238349;
    private static final String V5_DESCRIPTION = "tag lists";
    private static final String V5_SCRIPT = "V5__tag_lists.sql";
    private static final int V5_CHECKSUM = 168665693;

    private Migrations() {
    }

    static void migrate(DataSource dataSource, boolean postgres) {
        mendRenamedV5(dataSource);
        flyway(dataSource, postgres).migrate();
    }

    /** Flyway over this server's migrations, as every start runs it. */
    static Flyway flyway(DataSource dataSource, boolean postgres) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:dev/leadstore/db/migration")
                // Text sorts compare code points on both databases, whatever PostgreSQL's locale.
                .placeholders(Map.of("sort_collation", postgres ? "COLLATE \"C\"" : ""))
                .load();
    }

    private static void mendRenamedV5(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            if (!historyExists(c)) {
                return;
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE " + HISTORY
                    + " SET \"description\" = ?, \"script\" = ?, \"checksum\" = ?"
                    + " WHERE \"version\" = '5' AND \"description\" = ? AND \"checksum\" = ?")) {
                update.setString(1, V5_DESCRIPTION);
                update.setString(2, V5_SCRIPT);
                update.setInt(3, V5_CHECKSUM);
                update.setString(4, V5_FIRST_DESCRIPTION);
                update.setInt(5, V5_FIRST_CHECKSUM);
                update.executeUpdate();
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the migration history: " + e.getMessage(), e);
        }
    }

    private static boolean historyExists(Connection c) throws SQLException {
        try (ResultSet tables = c.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
            return tables.next();
        }
    }
}
