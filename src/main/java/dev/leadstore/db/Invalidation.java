package dev.leadstore.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells caches that what they hold may be stale. A writer calls {@link #publish} inside its
 * transaction (on PostgreSQL this notifies every server process at commit) and {@link #bump}
 * after it commits. A cache may keep an entry only if the generation did not move while it read
 * it, and only while {@link #reliable()}: on PostgreSQL, while the listening connection is up and
 * answered a check (`SELECT 1`) lately. A connection that went silent (half-open: the peer or a
 * firewall dropped it without a word) hears no notification but reports no error either; the
 * check finds it, and caching pauses from the moment a check is overdue until a new connection
 * listens.
 */
public final class Invalidation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Invalidation.class);
    private static final String CHANNEL = "leadstore_invalidate";
    /** How the listening connection is named in pg_stat_activity. */
    public static final String APPLICATION_NAME = "leadstore-invalidation";
    /** How often the listening connection is checked by default. */
    public static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    private final AtomicLong generation = new AtomicLong();
    private final boolean postgres;
    private final long checkNanos;
    private volatile boolean listening;
    /** System.nanoTime() of the last proof that the listening connection works. */
    private volatile long confirmedAt;
    private volatile boolean running = true;
    private final AtomicLong reconnects = new AtomicLong();
    private final Thread listener;

    private Invalidation(DatabaseSettings settings, boolean listen, Duration checkEvery) {
        this.postgres = settings.postgres();
        this.checkNanos = checkEvery.toNanos();
        if (postgres && listen) {
            listener = new Thread(() -> listen(settings), "leadstore-invalidation");
            listener.setDaemon(true);
            listener.start();
        } else {
            // The embedded database belongs to this process alone: every writer is in here. A
            // process that only writes (the command line) never caches, so it needs no listener.
            listener = null;
        }
    }

    /** For a server: on PostgreSQL, listens to every other process's changes (a thread until close). */
    public static Invalidation listening(DatabaseSettings settings) {
        return listening(settings, CHECK_EVERY);
    }

    /** As above, checking the listening connection every `checkEvery`. */
    public static Invalidation listening(DatabaseSettings settings, Duration checkEvery) {
        return new Invalidation(settings, true, checkEvery);
    }

    /** For a process that only writes: publishes its changes to the servers, hears nothing. */
    public static Invalidation publishing(DatabaseSettings settings) {
        return new Invalidation(settings, false, CHECK_EVERY);
    }

    public long generation() {
        return generation.get();
    }

    /**
     * True when every change by any process reaches {@link #generation()}: on H2 always; on
     * PostgreSQL while the listener is connected and its last check is at most two intervals old.
     */
    public boolean reliable() {
        if (!postgres) {
            return true;
        }
        return listener != null && listening && System.nanoTime() - confirmedAt < 2 * checkNanos;
    }

    /** How many times the listener connected after its first connection (each time after losing one). */
    public long reconnects() {
        return reconnects.get();
    }

    /** Inside the writing transaction: other processes hear of it when it commits. */
    public void publish(Handle h) {
        if (postgres) {
            h.createQuery("SELECT pg_notify('" + CHANNEL + "', '')").mapTo(String.class).one();
        }
    }

    /** After the writing transaction committed: this process forgets at once. */
    public void bump() {
        generation.incrementAndGet();
    }

    private void listen(DatabaseSettings settings) {
        boolean first = true;
        while (running) {
            try (Connection connection = connect(settings);
                 Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                PGConnection pg = connection.unwrap(PGConnection.class);
                if (!first) {
                    reconnects.incrementAndGet();
                    LOG.info("invalidation listener connected again; caching resumed");
                }
                first = false;
                bump();
                confirmedAt = System.nanoTime();
                listening = true;
                int wait = (int) Math.max(1, Math.min(500, checkNanos / 2_000_000));
                while (running) {
                    PGNotification[] notes = pg.getNotifications(wait);
                    if (notes != null && notes.length > 0) {
                        bump();
                    }
                    if (System.nanoTime() - confirmedAt >= checkNanos) {
                        // A silent connection hears nothing and reports nothing: ask it something.
                        statement.execute("SELECT 1");
                        confirmedAt = System.nanoTime();
                    }
                }
            } catch (Exception e) {
                if (running) {
                    LOG.warn("invalidation listener lost its connection ({}); caching paused", e.toString());
                }
            } finally {
                listening = false;
                bump();
            }
            pause();
        }
    }

    /**
     * Its own connection (LISTEN holds it for good), with the pool's socket timeout and TCP
     * keep-alive, and a name by which an operator finds it in pg_stat_activity.
     */
    private static Connection connect(DatabaseSettings settings) throws java.sql.SQLException {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", Integer.toString(Database.SOCKET_TIMEOUT_SECONDS));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        return DriverManager.getConnection(settings.jdbcUrl(), properties);
    }

    private void pause() {
        try {
            Thread.sleep(Math.min(1000, Math.max(50, checkNanos / 1_000_000)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }
}
