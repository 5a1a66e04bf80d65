package dev.leadstore;

import dev.leadstore.account.AccountStore;
import dev.leadstore.account.TeamStore;
import dev.leadstore.auth.KeyStore;
import dev.leadstore.db.Database;
import dev.leadstore.db.Invalidation;

/** The stores of what an operator manages (accounts, keys, users, campaigns): all the command line needs. */
record Stores(AccountStore accounts, KeyStore keys, TeamStore team) {
    static Stores over(Database database, Invalidation invalidation) {
        return new Stores(new AccountStore(database.jdbi(), invalidation),
                new KeyStore(database.jdbi(), invalidation),
                new TeamStore(database.jdbi()));
    }
}
