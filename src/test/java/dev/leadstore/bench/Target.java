package dev.leadstore.bench;

import dev.leadstore.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The database of one run: a fresh H2 folder, or a fresh PostgreSQL database created on the admin
 * URL and dropped at the end. Its temporary folder also holds the server's log.
 */
final class Target implements AutoCloseable {
    private final String kind;
    private final Path dir;
    private final String pgAdminUrl;
    private final String pgUser;
    private final String pgUrl;

    private Target(String kind, Path dir, String pgAdminUrl, String pgUser, String pgUrl) {
        this.kind = kind;
        this.dir = dir;
        this.pgAdminUrl = pgAdminUrl;
        this.pgUser = pgUser;
        this.pgUrl = pgUrl;
    }

    static Target create(String kind, Options options) {
        Path dir;
        try {
            dir = Files.createTempDirectory("leadstore-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (kind.equals("h2")) {
            return new Target(kind, dir, null, null, null);
        }
        String name = "leadstore_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(options.pgAdminUrl(), options.pgUser(), "CREATE DATABASE " + name);
        String admin = options.pgAdminUrl();
        String url = admin.substring(0, admin.lastIndexOf('/') + 1) + name;
        return new Target(kind, dir, admin, options.pgUser(), url);
    }

    boolean postgres() {
        return pgUrl != null;
    }

    String label() {
        return postgres() ? "PostgreSQL" : "H2";
    }

    Path dir() {
        return dir;
    }

    /** The variables that point a server process at this database. */
    Map<String, String> serverEnvironment() {
        Map<String, String> env = new HashMap<>();
        if (postgres()) {
            env.put("LEADSTORE_DB_URL", pgUrl);
            env.put("LEADSTORE_DB_USER", pgUser);
        } else {
            env.put("LEADSTORE_DATA_DIR", dir.resolve("data").toString());
        }
        return env;
    }

    /** The server's own configuration of this database (same URL, same pool), for the driver's direct access. */
    Config config() {
        Map<String, String> env = new HashMap<>(serverEnvironment());
        env.put("LEADSTORE_PORT", "0");
        return Config.from(env);
    }

    /** A plain connection, for seeding and EXPLAIN. */
    Connection connect() throws SQLException {
        Config config = config();
        return postgres() ? DriverManager.getConnection(config.database().jdbcUrl(), pgUser, "")
                : DriverManager.getConnection(config.database().jdbcUrl(), "sa", "");
    }

    /**
     * Before each measured write scenario on PostgreSQL: what autovacuum would have done by then
     * (the shared test server runs with it off), so that no scenario pays for the dead rows and
     * index entries the one before it left. H2 keeps no dead rows to clean; nothing is done there.
     */
    void settle() {
        if (postgres()) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("VACUUM (ANALYZE) contacts, contact_tags, contact_counts, contact_tag_counts");
            } catch (SQLException e) {
                throw new IllegalStateException("VACUUM before a write scenario failed: " + e.getMessage(), e);
            }
        }
    }

    String version() {
        try (Connection c = connect()) {
            return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return label();
        }
    }

    @Override
    public void close() {
        if (postgres()) {
            execute(pgAdminUrl, pgUser, "DROP DATABASE IF EXISTS " + pgUrl.substring(pgUrl.lastIndexOf('/') + 1)
                    + " WITH (FORCE)");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static void execute(String url, String user, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }
}
