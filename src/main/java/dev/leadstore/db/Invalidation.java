package dev.leadstore.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
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
 * it, and only while {@link #reliable()}: on PostgreSQL, while the listening connection is up.
 */
public final class Invalidation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Invalidation.class);
    private static final String CHANNEL = "leadstore_invalidate";

    private final AtomicLong generation = new AtomicLong();
    private final boolean postgres;
    private volatile boolean reliable;
    private volatile boolean running = true;
    private final Thread listener;

    private Invalidation(DatabaseSettings settings, boolean listen) {
        this.postgres = settings.postgres();
        if (postgres && listen) {
            listener = new Thread(() -> listen(settings), "leadstore-invalidation");
            listener.setDaemon(true);
            listener.start();
        } else {
            // The embedded database belongs to this process alone: every writer is in here. A
            // process that only writes (the command line) never caches, so it needs no listener.
            listener = null;
            reliable = !postgres;
        }
    }

    /** For a server: on PostgreSQL, listens to every other process's changes (a thread until close). */
    public static Invalidation listening(DatabaseSettings settings) {
        return new Invalidation(settings, true);
    }

    /** For a process that only writes: publishes its changes to the servers, hears nothing. */
    public static Invalidation publishing(DatabaseSettings settings) {
        return new Invalidation(settings, false);
    }

    public long generation() {
        return generation.get();
    }

    public boolean reliable() {
        return reliable;
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
        while (running) {
            try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(),
                    settings.password());
                 Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                PGConnection pg = connection.unwrap(PGConnection.class);
                bump();
                reliable = true;
                while (running) {
                    PGNotification[] notes = pg.getNotifications(500);
                    if (notes != null && notes.length > 0) {
                        bump();
                    }
                }
            } catch (Exception e) {
                if (running) {
                    LOG.warn("invalidation listener lost its connection ({}); caching paused", e.toString());
                }
            } finally {
                reliable = false;
                bump();
            }
            pause();
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
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
