package dev.leadstore.db;

import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;

/**
 * Exact per-account contact totals, kept in the same transaction as the rows they count. Spread
 * over shards so that concurrent writers to one account rarely wait on the same counter row.
 */
public final class Counts {
    public static final int SHARDS = 32;

    private Counts() {
    }

    /** The counter rows of a new account; call in the transaction that creates it. */
    public static void open(Handle h, String accountId) {
        var batch = h.prepareBatch("INSERT INTO contact_counts (account_id, shard, n) VALUES (:account, :shard, 0)");
        for (int shard = 0; shard < SHARDS; shard++) {
            batch.bind("account", accountId).bind("shard", shard).add();
        }
        batch.execute();
    }

    /** A shard for one write: writes that move several counters use the same one throughout. */
    public static int shard() {
        return ThreadLocalRandom.current().nextInt(SHARDS);
    }

    /** Moves the account's total on the given shard; call after any tag counters of the same write. */
    public static void add(Handle h, String accountId, long delta, int shard) {
        int updated = h.createUpdate("UPDATE contact_counts SET n = n + :delta WHERE account_id = :account AND shard = :shard")
                .bind("delta", delta).bind("account", accountId).bind("shard", shard).execute();
        if (updated != 1) {
            throw new IllegalStateException("no contact counters for account " + accountId);
        }
    }

    public static long total(Handle h, String accountId) {
        return h.createQuery("SELECT COALESCE(SUM(n), 0) FROM contact_counts WHERE account_id = :account")
                .bind("account", accountId).mapTo(Long.class).one();
    }
}
