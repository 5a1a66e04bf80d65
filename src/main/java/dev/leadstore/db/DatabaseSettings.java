package dev.leadstore.db;

import java.nio.file.Path;

/**
 * Where the data lives: PostgreSQL when `url` is set, else the embedded H2 file in `dataDir`.
 * `url` may be given with or without its "jdbc:" prefix.
 */
public record DatabaseSettings(String url, String user, String password, Path dataDir) {

    public boolean embedded() {
        return url == null;
    }

    public boolean postgres() {
        return !embedded();
    }

    /** The JDBC URL in use. */
    public String jdbcUrl() {
        if (url != null) {
            return url.startsWith("jdbc:") ? url : "jdbc:" + url;
        }
        // WRITE_DELAY=0: every commit reaches the file before the call returns, so an
        // acknowledged write survives a killed process. "retry:": a thread interrupted during file
        // I/O (a request abandoned mid-query) would otherwise close H2's file channel, and every
        // later query of every request would fail until a restart; this file system reopens it.
        return "jdbc:h2:retry:" + dataDir.toAbsolutePath().resolve("leadstore")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The user to connect as: the configured one, or H2's own. */
    public String effectiveUser() {
        return user != null ? user : embedded() ? "sa" : null;
    }

    public String effectivePassword() {
        return password != null ? password : embedded() ? "" : null;
    }
}
