package dev.leadstore.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.h2.api.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jdbi.v3.core.Jdbi;

/** The connection pool, the migrated schema and the Jdbi handle over them. */
public final class Database implements AutoCloseable {
    /** How long a PostgreSQL connection waits for an answer before it gives up (seconds). */
    static final int SOCKET_TIMEOUT_SECONDS = 30;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean postgres;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.postgres = dataSource.getJdbcUrl().startsWith("jdbc:postgresql:");
        // H2 sorts whole rows for "ORDER BY … LIMIT" unless only index columns are read.
        jdbi.define(Listing.IDS_FIRST, !postgres);
    }

    public static Database open(DatabaseSettings config) {
        return open(config, null);
    }

    /** As above; the pool reports its connections (in use, idle, waiting, …) to `meters` when given. */
    public static Database open(DatabaseSettings config, MeterRegistry meters) {
        if (config.embedded()) {
            try {
                Files.createDirectories(config.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
            }
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.effectiveUser());
        hikari.setPassword(config.effectivePassword());
        hikari.setMaximumPoolSize(16);
        hikari.setPoolName("leadstore");
        // A request waiting on an unreachable database must answer 503 well within five seconds.
        hikari.setConnectionTimeout(2500);
        hikari.setValidationTimeout(1000);
        hikari.setInitializationFailTimeout(10_000);
        if (!config.embedded()) {
            hikari.addDataSourceProperty("connectTimeout", "2");
            hikari.addDataSourceProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
            hikari.addDataSourceProperty("tcpKeepAlive", "true");
            // A batch of inserts goes out as multi-row INSERTs: one statement for a batch's rows.
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        if (meters != null) {
            hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        }
        // The embedded file is opened once first: held by another process it fails at once, where
        // the pool would retry for its whole initialization timeout. Held open until the pool has its
        // own connections, so the file is opened only once.
        try (Connection probe = config.embedded() ? embedded(config) : null) {
            HikariDataSource dataSource = new HikariDataSource(hikari);
            try {
                Migrations.migrate(dataSource, config.postgres());
            } catch (RuntimeException e) {
                dataSource.close();
                throw e;
            }
            return new Database(dataSource);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the embedded database's first connection", e);
        }
    }

    /** A connection to the embedded file; IllegalStateException at once when another process holds it. */
    private static Connection embedded(DatabaseSettings config) {
        try {
            return DriverManager.getConnection(config.jdbcUrl(), config.effectiveUser(), config.effectivePassword());
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new IllegalStateException("the embedded database in " + config.dataDir().toAbsolutePath()
                        + " is in use by another process (a running server?)", e);
            }
            throw new IllegalStateException("cannot open the embedded database in " + config.dataDir().toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public boolean postgres() {
        return postgres;
    }

    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    /** True when a trivial query answers within a second. */
    public boolean healthy() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
