package dev.leadstore;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** Settings read from the environment; a bad value stops startup with a clear message. */
public record Config(
        int port,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String redisUrl,
        String adminToken,
        boolean benchEndpoint) {

    public static Config fromEnvironment() {
        return from(System.getenv());
    }

    public static Config from(Map<String, String> env) {
        return new Config(
                port(env.getOrDefault("LEADSTORE_PORT", "8080")),
                Path.of(env.getOrDefault("LEADSTORE_DATA_DIR", "./data")),
                blankToNull(env.get("LEADSTORE_DB_URL")),
                blankToNull(env.get("LEADSTORE_DB_USER")),
                blankToNull(env.get("LEADSTORE_DB_PASSWORD")),
                redis(blankToNull(env.get("LEADSTORE_REDIS_URL"))),
                blankToNull(env.get("LEADSTORE_ADMIN_TOKEN")),
                // GET /bench/ping: the benchmark's floor of HTTP cost; off unless asked for.
                "true".equals(env.get("LEADSTORE_BENCH_ENDPOINT")));
    }

    /** The JDBC URL in use: PostgreSQL when configured, else the embedded H2 file. */
    public String jdbcUrl() {
        if (dbUrl != null) {
            return dbUrl.startsWith("jdbc:") ? dbUrl : "jdbc:" + dbUrl;
        }
        // WRITE_DELAY=0: every commit reaches the file before the call returns, so an
        // acknowledged write survives a killed process.
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("leadstore")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    public boolean embedded() {
        return dbUrl == null;
    }

    public Config withPort(int newPort) {
        return new Config(newPort, dataDir, dbUrl, dbUser, dbPassword, redisUrl, adminToken, benchEndpoint);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("LEADSTORE_PORT must be a port number (0-65535), got: " + value);
        }
    }

    private static String redis(String value) {
        if (value == null) {
            return null;
        }
        URI uri = URI.create(value);
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("LEADSTORE_REDIS_URL must look like redis://host:port, got: " + value);
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
