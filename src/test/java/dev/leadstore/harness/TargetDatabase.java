package dev.leadstore.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** A fresh, empty database for the server under test, removed again by close(). */
interface TargetDatabase extends AutoCloseable {
    /** The machine's PostgreSQL, where the crash and soak runs create (and drop) their database. */
    String PG_URL_VARIABLE = "LEADSTORE_HARNESS_PG_URL";
    String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    /** "h2" or "postgresql". */
    String kind();

    /** The environment that points a server at this database. */
    Map<String, String> environment();

    @Override
    void close();

    static TargetDatabase of(String kind) {
        return switch (kind) {
            case "h2" -> h2();
            case "postgresql" -> postgres(System.getenv().getOrDefault(PG_URL_VARIABLE, DEFAULT_PG_URL));
            default -> throw new IllegalArgumentException("database must be h2 or postgresql, got: " + kind);
        };
    }

    /** An H2 file in a new temporary folder. */
    static TargetDatabase h2() {
        Path dir;
        try {
            dir = Files.createTempDirectory("leadstore-harness-h2-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TargetDatabase() {
            public String kind() {
                return "h2";
            }

            public Map<String, String> environment() {
                return Map.of("LEADSTORE_DATA_DIR", dir.toString());
            }

            public void close() {
                deleteTree(dir);
            }
        };
    }

    /** A new database on the PostgreSQL server that `adminUrl` points at (user postgres). */
    static TargetDatabase postgres(String adminUrl) {
        String admin = adminUrl.startsWith("jdbc:") ? adminUrl : "jdbc:" + adminUrl;
        String name = "leadstore_harness_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(admin, "CREATE DATABASE " + name);
        String url = admin.substring(0, admin.lastIndexOf('/') + 1) + name;
        return new TargetDatabase() {
            public String kind() {
                return "postgresql";
            }

            public Map<String, String> environment() {
                return Map.of("LEADSTORE_DB_URL", url, "LEADSTORE_DB_USER", "postgres");
            }

            public void close() {
                execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        };
    }

    static void execute(String jdbcUrl, String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }
}
