package dev.leadstore.contact;

import dev.leadstore.db.Constraints;
import dev.leadstore.db.PlainJdbc;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Exact per-tag contact totals, so that a list filtered by one tag need not count its matches.
 * Like {@link Counts}, each total is spread over shards moved in the same transaction as the
 * contact_tags rows they count; a shard may go below zero, only the sum is meaningful.
 *
 * <p>Counter rows are made on first use, before the writing transaction and in a transaction of
 * their own, so that a write never has to insert one (an insert racing another would abort the
 * write on PostgreSQL). Shard 0 of every tag ever counted exists, so a decrement always finds a
 * row. Rows are never deleted.
 */
public final class TagCounts {
    private static final int MAX_KNOWN = 100_000;
    private static final PlainJdbc MOVE = PlainJdbc.of(ContactSql.MOVE_TAG_COUNT);

    private final Jdbi jdbi;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public TagCounts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Picks the shard of one write and makes sure the counter rows it may increment exist. */
    int prepare(String accountId, Collection<String> tags) {
        int shard = Counts.shard();
        List<String> missing = new ArrayList<>();
        for (String tag : tags) {
            if (!known.contains(key(accountId, tag, shard)) || !known.contains(key(accountId, tag, 0))) {
                missing.add(tag);
            }
        }
        if (!missing.isEmpty()) {
            jdbi.useHandle(h -> {
                for (String tag : missing) {
                    create(h, accountId, tag, shard);
                }
            });
        }
        return shard;
    }

    /**
     * Moves the counters of the tags a write removed (minus one) and added (plus one), in the
     * writing transaction. Added tags use the {@link #prepare}d shard; a removed tag uses it when its
     * row is known to exist, else shard 0, which always does. Rows are locked in tag order, so two
     * writes never wait on each other's counters in a cycle.
     */
    void move(Handle h, String accountId, Collection<String> removed, Collection<String> added, int shard) {
        TreeMap<String, Integer> deltas = new TreeMap<>();
        removed.forEach(tag -> deltas.merge(tag, -1, Integer::sum));
        added.forEach(tag -> deltas.merge(tag, 1, Integer::sum));
        moveAll(h, accountId, deltas, shard);
    }

    /**
     * Moves each tag's counter by its delta, in tag order. A tag that gains uses the prepared
     * shard; one that loses uses it when its row is known to exist, else shard 0, which always does.
     */
    void moveAll(Handle h, String accountId, Map<String, Integer> deltas, int shard) {
        if (deltas.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        new TreeMap<>(deltas).forEach((tag, delta) -> rows.add(Map.of("delta", delta, "account", accountId, "tag", tag,
                "shard", delta > 0 || known.contains(key(accountId, tag, shard)) ? shard : 0)));
        for (int count : MOVE.batch(h, rows)) {
            if (count != 1) {
                throw new IllegalStateException("a tag counter of account " + accountId + " is missing");
            }
        }
    }

    /** Makes rows 0 and `shard` of the tag if absent; each insert commits alone (autocommit). */
    private void create(Handle h, String accountId, String tag, int shard) {
        Set<Integer> present = new HashSet<>(h.createQuery("SELECT shard FROM contact_tag_counts "
                        + "WHERE account_id = :account AND tag = :tag AND shard IN (0, :shard)")
                .bind("account", accountId).bind("tag", tag).bind("shard", shard).mapTo(Integer.class).list());
        for (int s : shard == 0 ? List.of(0) : List.of(0, shard)) {
            if (!present.contains(s)) {
                try {
                    h.createUpdate("INSERT INTO contact_tag_counts (account_id, tag, shard, n) "
                                    + "VALUES (:account, :tag, :shard, 0)")
                            .bind("account", accountId).bind("tag", tag).bind("shard", s).execute();
                } catch (RuntimeException e) {
                    if (!Constraints.isUniqueViolation(e)) {
                        throw e;
                    }
                    // Another write made it first: the row exists, which is all that is needed.
                }
            }
            if (known.size() >= MAX_KNOWN) {
                known.clear();
            }
            known.add(key(accountId, tag, s));
        }
    }

    private static String key(String accountId, String tag, int shard) {
        return accountId + '\n' + shard + '\n' + tag;
    }
}
