package dev.leadstore;

import dev.leadstore.db.Database;
import dev.leadstore.db.Invalidation;

/**
 * What a command-line call works with: the database and the operator's stores, nothing of the
 * server (no HTTP, no listener thread, no Redis). Changes it makes reach running servers through
 * the database's notifications.
 */
final class Operator implements AutoCloseable {
    private final Database database;
    private final Stores stores;

    private Operator(Config config) {
        this.database = Database.open(config.database());
        this.stores = Stores.over(database, Invalidation.publishing(config.database()));
    }

    static Operator open() {
        return new Operator(Config.fromEnvironment());
    }

    Stores stores() {
        return stores;
    }

    @Override
    public void close() {
        database.close();
    }
}
