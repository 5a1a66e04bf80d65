package dev.leadstore;

import dev.leadstore.base.Metrics;
import dev.leadstore.contact.ContactBatch;
import dev.leadstore.contact.ContactImport;
import dev.leadstore.contact.ContactStore;
import dev.leadstore.contact.Counts;
import dev.leadstore.contact.TagCounts;
import dev.leadstore.db.Database;
import dev.leadstore.db.Invalidation;
import dev.leadstore.event.EventLog;
import org.jdbi.v3.core.Jdbi;

/**
 * What a command-line call works with: the database and the operator's stores, nothing of the
 * server (no HTTP, no listener thread, no Redis). Changes it makes reach running servers through
 * the database's notifications.
 */
final class Operator implements AutoCloseable {
    private final Config config;
    private final Database database;
    private final Stores stores;

    private Operator(Config config) {
        this.config = config;
        this.database = Database.open(config.database());
        this.stores = Stores.over(database, Invalidation.publishing(config.database()));
    }

    static Operator open() {
        return new Operator(Config.fromEnvironment());
    }

    Stores stores() {
        return stores;
    }

    /** The contact store, for an export: the server's own, with the events its writes append. */
    ContactStore contacts() {
        Jdbi jdbi = database.jdbi();
        return new ContactStore(database, new Counts(jdbi), new TagCounts(jdbi), events(), false, Metrics.none());
    }

    /** Imports write through the batch path of `POST /contacts/batch`, events included. */
    ContactImport contactImport() {
        Jdbi jdbi = database.jdbi();
        return new ContactImport(new ContactBatch(jdbi, new Counts(jdbi), new TagCounts(jdbi), events()));
    }

    private EventLog events() {
        return EventLog.open(database.jdbi(), database.postgres(), config.eventsEnabled(), Metrics.none());
    }

    @Override
    public void close() {
        database.close();
    }
}
