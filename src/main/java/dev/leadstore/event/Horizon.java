package dev.leadstore.event;

import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;

/**
 * How far the feed may read: below the oldest transaction that may still commit an event. On
 * PostgreSQL that is the oldest transaction still running in this database, and a transaction's
 * id is handed out before it writes: a reader never passes an event yet to commit, whichever node
 * writes it. On H2, which one process owns, this process hands out positions and
 * remembers those of transactions still open.
 */
abstract sealed class Horizon {
    /** The SQL expressions of a new event's `tx` and `seq` in the insert. */
    abstract String txSql();

    abstract String seqSql();

    /** Called in the writing transaction before its first event; binds what the insert needs. */
    abstract long[] claim(Handle h);

    /** Positions with `tx` below this are final: no open transaction can add one. */
    abstract long limit(Handle h);

    static Horizon of(boolean postgres, long startSeq) {
        return postgres ? new Postgres() : new Local(startSeq);
    }

    static final class Postgres extends Horizon {
        /**
         * The oldest transaction in progress, leaving out those known to run in another database on
         * the same server: a long transaction of another application must not hold the feed back.
         * Where pg_stat_activity cannot tell (a finished transaction, a role whose sessions are
         * hidden), the transaction counts, which errs on the side of waiting.
         */
        private static final String LIMIT = """
                WITH s AS (SELECT pg_current_snapshot() AS snap)
                SELECT least(
                    (SELECT pg_snapshot_xmax(snap)::text::bigint FROM s),
                    (SELECT min(x::text::bigint) FROM s, pg_snapshot_xip(snap) x
                      WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                                         WHERE a.backend_xid::text::bigint = x::text::bigint % 4294967296
                                           AND a.datname <> current_database())))""";

        @Override
        String txSql() {
            return "pg_current_xact_id()::text::bigint";
        }

        @Override
        String seqSql() {
            return "nextval('event_seq')";
        }

        @Override
        long[] claim(Handle h) {
            return null;
        }

        @Override
        long limit(Handle h) {
            return h.createQuery(LIMIT).mapTo(Long.class).one();
        }
    }

    /**
     * H2: a transaction takes its position from a counter when it writes its first event, and keeps
     * it in the open set until its handle closes (after commit or rollback).
     */
    static final class Local extends Horizon {
        private final AtomicLong counter;
        private final ConcurrentSkipListSet<Long> open = new ConcurrentSkipListSet<>();

        Local(long startSeq) {
            this.counter = new AtomicLong(startSeq);
        }

        @Override
        String txSql() {
            return ":tx";
        }

        @Override
        String seqSql() {
            return ":seq";
        }

        @Override
        long[] claim(Handle h) {
            long tx;
            synchronized (this) {
                tx = counter.incrementAndGet();
                open.add(tx);
            }
            h.addCleanable(() -> open.remove(tx));
            return new long[] {tx};
        }

        /** Every event of this transaction after its first takes the next number too, in its tx. */
        long next() {
            return counter.incrementAndGet();
        }

        @Override
        long limit(Handle h) {
            synchronized (this) {
                return open.isEmpty() ? counter.get() + 1 : open.first();
            }
        }
    }
}
