package dev.leadstore.support;

import dev.leadstore.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh, empty database for one server: an H2 file in a temporary folder, or a new PostgreSQL
 * database (created on the server named by LEADSTORE_TEST_PG_URL and dropped when the JVM exits).
 */
public final class TestDatabase {
    public static final String PG_URL_VARIABLE = "LEADSTORE_TEST_PG_URL";

    private final String kind;
    private final Path dataDir;
    private final String pgUrl;

    private TestDatabase(String kind, Path dataDir, String pgUrl) {
        this.kind = kind;
        this.dataDir = dataDir;
        this.pgUrl = pgUrl;
    }

    public static boolean postgresConfigured() {
        String url = System.getenv(PG_URL_VARIABLE);
        return url != null && !url.isBlank();
    }

    public static TestDatabase h2() {
        try {
            return new TestDatabase("h2", Files.createTempDirectory("leadstore-test-"), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestDatabase postgres() {
        String admin = jdbc(System.getenv(PG_URL_VARIABLE));
        String name = "leadstore_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(admin, "CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
        return new TestDatabase("postgresql", null, replaceDatabase(admin, name));
    }

    public static TestDatabase of(String kind) {
        return kind.equals("h2") ? h2() : postgres();
    }

    public String kind() {
        return kind;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * The server's configuration for this database: port 0, the test admin token, Redis when given.
     * The guard against key guessing is off: many tests send invalid keys on purpose; the guard's
     * own test turns it on.
     */
    public Config config(String redisUrl) {
        return config(redisUrl, Map.of());
    }

    public Config config(String redisUrl, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("LEADSTORE_PORT", "0");
        env.put("LEADSTORE_ADMIN_TOKEN", TestApp.ADMIN_TOKEN);
        env.put("LEADSTORE_AUTH_FAILURES_PER_MINUTE", "0");
        env.putAll(environment());
        if (redisUrl != null) {
            env.put("LEADSTORE_REDIS_URL", redisUrl);
        }
        env.putAll(overrides);
        return Config.from(env);
    }

    /** The environment variables that point a server process at this database. */
    public Map<String, String> environment() {
        return dataDir != null ? Map.of("LEADSTORE_DATA_DIR", dataDir.toString())
                : Map.of("LEADSTORE_DB_URL", pgUrl);
    }

    public String jdbcUrl() {
        return pgUrl != null ? pgUrl : "jdbc:h2:retry:" + dataDir.toAbsolutePath().resolve("leadstore");
    }

    private static String jdbc(String url) {
        return url.startsWith("jdbc:") ? url : "jdbc:" + url;
    }

    private static String replaceDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = base.lastIndexOf('/');
        return base.substring(0, slash + 1) + database.toLowerCase(Locale.ROOT) + params;
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests at " + url + ": " + e.getMessage(), e);
        }
    }
}
