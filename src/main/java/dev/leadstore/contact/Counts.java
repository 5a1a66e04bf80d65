package dev.leadstore.contact;

import dev.leadstore.db.Constraints;
import dev.leadstore.db.PlainJdbc;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Exact per-account contact totals, kept in the same transaction as the rows they count. Spread
 * over shards so that concurrent writers to one account rarely wait on the same counter row.
 *
 * <p>An account's counter rows are made before its first contact write, in a transaction of their
 * own (an insert racing another inside the write would abort it on PostgreSQL). Rows are never
 * deleted, so once made they stay known.
 */
public final class Counts {
    static final int SHARDS = 32;
    private static final int MAX_KNOWN = 100_000;
    private static final PlainJdbc ADD = PlainJdbc.of(ContactSql.ADD_COUNT);

    private final Jdbi jdbi;
    private final Set<String> opened = ConcurrentHashMap.newKeySet();

    public Counts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Makes sure the account's counter rows exist; call before the writing transaction. */
    void open(String accountId) {
        if (opened.contains(accountId)) {
            return;
        }
        jdbi.useHandle(h -> {
            int present = h.createQuery("SELECT COUNT(*) FROM contact_counts WHERE account_id = :account")
                    .bind("account", accountId).mapTo(Integer.class).one();
            for (int shard = 0; present < SHARDS && shard < SHARDS; shard++) {
                insertIfAbsent(h, accountId, shard);
            }
        });
        if (opened.size() >= MAX_KNOWN) {
            opened.clear();
        }
        opened.add(accountId);
    }

    /** A shard for one write: writes that move several counters use the same one throughout. */
    static int shard() {
        return ThreadLocalRandom.current().nextInt(SHARDS);
    }

    /** Moves the account's total on the given shard; call after any tag counters of the same write. */
    static void add(Handle h, String accountId, long delta, int shard) {
        int updated = ADD.execute(h, Map.of("delta", delta, "account", accountId, "shard", shard));
        if (updated != 1) {
            throw new IllegalStateException("no contact counters for account " + accountId);
        }
    }

    /** Each insert commits alone (autocommit); another writer's row is as good as ours. */
    private static void insertIfAbsent(Handle h, String accountId, int shard) {
        try {
            h.createUpdate("INSERT INTO contact_counts (account_id, shard, n) SELECT :account, :shard, 0 "
                            + "WHERE NOT EXISTS (SELECT 1 FROM contact_counts WHERE account_id = :account AND shard = :shard)")
                    .bind("account", accountId).bind("shard", shard).execute();
        } catch (RuntimeException e) {
            if (!Constraints.isUniqueViolation(e)) {
                throw e;
            }
        }
    }
}
