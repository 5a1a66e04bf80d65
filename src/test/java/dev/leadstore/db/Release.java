package dev.leadstore.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Arrays;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The released states of the migrations, each rebuilt from fixtures under dev/leadstore/db/history:
 * byte-identical copies of the SQL files it shipped (so Flyway records the checksums the field has)
 * and the form of V4 it shipped. Each folder holds V1 to V3, one form of V4 or one V5, so the
 * folders a release names select exactly its migrations; they are siblings because Flyway also
 * scans a location's subfolders.
 */
enum Release {
    V1("a8045cf", 1, "v1to3"),
    V2("1764756", 2, "v1to3"),
    V3("fbfdc90", 3, "v1to3"),
    V4_FIRST("8c27c9d", 4, "v1to3", "v4first"),
    V4_FASTUPDATE_OFF("abbbade", 4, "v1to3", "v4fastupdateoff"),
    V4_DESCENDING("6718453", 4, "v1to3", "v4descending"),
    V4_COMPANY_TRIGRAM("bba0172", 4, "v1to3", "v4companytrigram"),
    V5_TAG_COUNTS("fcf67dc", 5, "v1to3", "v4companytrigram", "v5tagcounts"),
    V5_TAG_LISTS("6222a9d", 5, "v1to3", "v4companytrigram", "v5taglists");

    private final String commit;
    private final int version;
    private final String[] locations;

    Release(String commit, int version, String... folders) {
        this.commit = commit;
        this.version = version;
        this.locations = Arrays.stream(folders).map(f -> "classpath:dev/leadstore/db/history/" + f).toArray(String[]::new);
    }

    /**
     * Migrates an empty database as this release did, with FieldData put in as early as the schema
     * allows, so that the backfills of the release's own migrations run over it.
     */
    void build(DatabaseSettings settings) {
        try (HikariDataSource dataSource = pool(settings)) {
            Jdbi jdbi = Jdbi.create(dataSource);
            migrate(dataSource, settings.postgres(), 1);
            FieldData.putAccountsAndContacts(jdbi);
            if (version >= 2) {
                migrate(dataSource, settings.postgres(), 2);
                FieldData.putOpportunities(jdbi);
            }
            migrate(dataSource, settings.postgres(), version);
            // Every released V4 was the class db.migration.V4__list_performance; the field's row names it.
            jdbi.useHandle(h -> h.execute("UPDATE \"flyway_schema_history\" SET \"script\" = ? WHERE \"version\" = '4'",
                    "db.migration.V4__list_performance"));
        }
    }

    boolean hasOpportunities() {
        return version >= 2;
    }

    private void migrate(DataSource dataSource, boolean postgres, int target) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(locations)
                .target(String.valueOf(target))
                // As every release configured it.
                .placeholders(Map.of("sort_collation", postgres ? "COLLATE \"C\"" : ""))
                .load()
                .migrate();
    }

    /** Connections as the server makes them (a user left unset is the driver's default). */
    private static HikariDataSource pool(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.effectiveUser());
        config.setPassword(settings.effectivePassword());
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    @Override
    public String toString() {
        return commit + " " + name();
    }
}
