package dev.leadstore.support;

import dev.leadstore.Config;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fresh, empty database for one server: an H2 file in a new temporary folder, or a new
 * PostgreSQL database on the server that LEADSTORE_TEST_PG_URL names. close() deletes the folder
 * or drops the database; a PostgreSQL database nobody closed is dropped when the JVM exits.
 */
public final class TestDatabase implements AutoCloseable {
    /** Tests run on PostgreSQL only when it is set; the harness and the benchmark fall back to DEFAULT_PG_URL. */
    public static final String PG_URL_VARIABLE = "LEADSTORE_TEST_PG_URL";
    public static final String DEFAULT_PG_URL = "postgresql://127.0.0.1:5432/postgres";
    private static final String PG_USER = "postgres";

    private final String kind;
    private final Path dataDir;
    private final String serverUrl;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TestDatabase(String kind, Path dataDir, String serverUrl, String name) {
        this.kind = kind;
        this.dataDir = dataDir;
        this.serverUrl = serverUrl;
        this.name = name;
    }

    public static boolean postgresConfigured() {
        String url = System.getenv(PG_URL_VARIABLE);
        return url != null && !url.isBlank();
    }

    /** "h2" or "postgresql". */
    public static TestDatabase of(String kind) {
        return switch (kind) {
            case "h2" -> h2();
            case "postgresql" -> postgres();
            default -> throw new IllegalArgumentException("database must be h2 or postgresql, got: " + kind);
        };
    }

    public static TestDatabase h2() {
        return new TestDatabase("h2", Folders.temporary("leadstore-test-"), null, null);
    }

    /** A new database on LEADSTORE_TEST_PG_URL's server, or on DEFAULT_PG_URL's when it is unset. */
    public static TestDatabase postgres() {
        return postgres(postgresConfigured() ? System.getenv(PG_URL_VARIABLE) : DEFAULT_PG_URL);
    }

    /** A new database on the PostgreSQL server of `serverUrl` (any database of it, user postgres). */
    public static TestDatabase postgres(String serverUrl) {
        String admin = serverUrl.startsWith("jdbc:") ? serverUrl : "jdbc:" + serverUrl;
        String name = "leadstore_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(admin, "CREATE DATABASE " + name);
        TestDatabase database = new TestDatabase("postgresql", null, admin, name);
        Runtime.getRuntime().addShutdownHook(new Thread(database::close));
        return database;
    }

    public String kind() {
        return kind;
    }

    public boolean isPostgres() {
        return serverUrl != null;
    }

    /** The H2 folder; null on PostgreSQL. */
    public Path dataDir() {
        return dataDir;
    }

    /** The environment variables that point a server process, or the command line, at this database. */
    public Map<String, String> environment() {
        return isPostgres() ? Map.of("LEADSTORE_DB_URL", jdbcUrl(), "LEADSTORE_DB_USER", PG_USER)
                : Map.of("LEADSTORE_DATA_DIR", dataDir.toString());
    }

    /** The URL the server itself connects with. */
    public String jdbcUrl() {
        return config(null).database().jdbcUrl();
    }

    /** A plain connection, as the server's user. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), isPostgres() ? PG_USER : "sa", "");
    }

    /**
     * The configuration of a server in this JVM on this database: port 0, the operator token,
     * Redis when given. The guard against key guessing is off: many tests send invalid keys on
     * purpose; the guard's own test turns it on.
     */
    public Config config(String redisUrl) {
        return config(redisUrl, Map.of());
    }

    public Config config(String redisUrl, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("LEADSTORE_PORT", "0");
        env.put("LEADSTORE_ADMIN_TOKEN", OperatorClient.TOKEN);
        env.put("LEADSTORE_AUTH_FAILURES_PER_MINUTE", "0");
        if (isPostgres()) {
            env.put("LEADSTORE_DB_URL", databaseUrl());
            env.put("LEADSTORE_DB_USER", PG_USER);
        } else {
            env.put("LEADSTORE_DATA_DIR", dataDir.toString());
        }
        if (redisUrl != null) {
            env.put("LEADSTORE_REDIS_URL", redisUrl);
        }
        env.putAll(overrides);
        return Config.from(env);
    }

    /** Deletes the folder or drops the database, whoever is still connected. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (isPostgres()) {
            execute(serverUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } else {
            Folders.delete(dataDir);
        }
    }

    @Override
    public String toString() {
        return kind;
    }

    /** The server's URL with this database's name in place of the one it named; parameters are kept. */
    private String databaseUrl() {
        int query = serverUrl.indexOf('?');
        String base = query < 0 ? serverUrl : serverUrl.substring(0, query);
        String params = query < 0 ? "" : serverUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + params;
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, PG_USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }
}
