package dev.leadstore;

import dev.leadstore.db.DatabaseSettings;
import dev.leadstore.http.Cidr;
import dev.leadstore.webhook.WebhookSettings;
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
        int authFailuresPerMinute,
        java.util.List<String> corsOrigins,
        java.util.List<Cidr> trustedProxies,
        int eventRetentionDays,
        boolean eventsEnabled,
        boolean groupCreates,
        boolean benchEndpoint,
        WebhookSettings webhooks,
        int invalidationCheckSeconds) {

    public static Config fromEnvironment() {
        return from(System.getenv());
    }

    public static Config from(Map<String, String> env) {
        // Read by LogSetup before anything else runs; checked here so that a typo stops startup.
        oneOf("LEADSTORE_LOG_FORMAT", env.getOrDefault("LEADSTORE_LOG_FORMAT", "text"), "text", "json");
        oneOf("LEADSTORE_LOG_LEVEL", env.getOrDefault("LEADSTORE_LOG_LEVEL", "info"), "error", "warn", "info", "debug");
        switchOn("LEADSTORE_ACCESS_LOG", env.getOrDefault("LEADSTORE_ACCESS_LOG", "on"));
        return new Config(
                port(env.getOrDefault("LEADSTORE_PORT", "8080")),
                Path.of(env.getOrDefault("LEADSTORE_DATA_DIR", "./data")),
                blankToNull(env.get("LEADSTORE_DB_URL")),
                blankToNull(env.get("LEADSTORE_DB_USER")),
                blankToNull(env.get("LEADSTORE_DB_PASSWORD")),
                redis(blankToNull(env.get("LEADSTORE_REDIS_URL"))),
                blankToNull(env.get("LEADSTORE_ADMIN_TOKEN")),
                count("LEADSTORE_AUTH_FAILURES_PER_MINUTE", env.getOrDefault("LEADSTORE_AUTH_FAILURES_PER_MINUTE", "60")),
                origins(env.get("LEADSTORE_CORS_ORIGINS")),
                proxies(env.get("LEADSTORE_TRUSTED_PROXIES")),
                positive("LEADSTORE_EVENT_RETENTION_DAYS", env.getOrDefault("LEADSTORE_EVENT_RETENTION_DAYS", "30")),
                // Only for measuring what events cost: without them the feed, histories and webhooks stay silent.
                switchOn("LEADSTORE_EVENTS", env.getOrDefault("LEADSTORE_EVENTS", "on")),
                // Concurrent creates of an account share a transaction; off only to measure what that gains.
                switchOn("LEADSTORE_GROUP_CREATES", env.getOrDefault("LEADSTORE_GROUP_CREATES", "on")),
                // GET /bench/ping: the benchmark's floor of HTTP cost; off unless asked for.
                "true".equals(env.get("LEADSTORE_BENCH_ENDPOINT")),
                WebhookSettings.parse(blankToNull(env.get("LEADSTORE_WEBHOOK_RETRY_SCHEDULE")),
                        blankToNull(env.get("LEADSTORE_WEBHOOK_ALLOW_PRIVATE")),
                        blankToNull(env.get("LEADSTORE_WEBHOOK_TIMEOUT"))),
                // PostgreSQL: how often the connection that hears other nodes' key changes is checked.
                positive("LEADSTORE_INVALIDATION_CHECK_SECONDS",
                        env.getOrDefault("LEADSTORE_INVALIDATION_CHECK_SECONDS", "5")));
    }

    /** Where the data lives: PostgreSQL when configured, else the embedded H2 file. */
    public DatabaseSettings database() {
        return new DatabaseSettings(dbUrl, dbUser, dbPassword, dataDir);
    }

    private static int count(String name, String value) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number >= 0, got: " + value);
        }
    }

    private static int positive(String name, String value) {
        int number = count(name, value);
        if (number < 1) {
            throw new IllegalArgumentException(name + " must be a whole number >= 1, got: " + value);
        }
        return number;
    }

    private static void oneOf(String name, String value, String... allowed) {
        if (!java.util.List.of(allowed).contains(value.trim().toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException(name + " must be one of " + String.join(", ", allowed) + ", got: " + value);
        }
    }

    private static boolean switchOn(String name, String value) {
        return switch (value.trim()) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be on or off, got: " + value);
        };
    }

    /** Comma-separated origins allowed to call the API from a browser; none by default (CORS off). */
    private static java.util.List<String> origins(String value) {
        if (value == null || value.isBlank()) {
            return java.util.List.of();
        }
        java.util.List<String> origins = java.util.Arrays.stream(value.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        for (String origin : origins) {
            URI uri = URI.create(origin);
            if (!origin.equals("*") && (uri.getScheme() == null || uri.getHost() == null)) {
                throw new IllegalArgumentException("LEADSTORE_CORS_ORIGINS must list origins like https://app.example.com, got: " + origin);
            }
        }
        return origins;
    }

    /** Comma-separated addresses or CIDR blocks whose X-Forwarded-For names the client; none by default. */
    private static java.util.List<Cidr> proxies(String value) {
        if (value == null || value.isBlank()) {
            return java.util.List.of();
        }
        try {
            return java.util.Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(Cidr::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LEADSTORE_TRUSTED_PROXIES must list addresses or CIDR blocks like "
                    + "10.0.0.0/8, fd00::/8: " + e.getMessage());
        }
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
