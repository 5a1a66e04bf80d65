package dev.leadstore.contact;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of single rows by account and id, coalesced under load: at most {@code lanes} queries run
 * at once; reads arriving meanwhile wait, and the next query takes every waiting read (up to
 * {@link #MAX_BATCH}) in one statement. Alone, a read runs at once, as it would uncoalesced.
 * A read is answered only with the row of its own account and id.
 *
 * <p>Nothing is cached: every read is answered by a query that started after the read arrived, so
 * it sees every write committed before the request came in. Coalescing only saves round trips
 * (and the database's per-statement work) when many reads arrive together.
 */
public final class CoalescedReads<T> {
    static final int MAX_BATCH = 64;

    /** A row's address. */
    public record Key(String accountId, String id) {
    }

    /** Reads the rows of these keys: the rows found, by key (rows of other keys are ignored). */
    @FunctionalInterface
    public interface Fetch<T> {
        Map<Key, T> rows(List<Key> keys);
    }

    private static final class Read<T> {
        final Key key;
        T row;
        RuntimeException failure;
        boolean done;
        boolean leads;

        Read(Key key) {
            this.key = key;
        }
    }

    private final Fetch<T> fetch;
    private final int lanes;
    private final ArrayDeque<Read<T>> waiting = new ArrayDeque<>();
    private int running;

    public CoalescedReads(int lanes, Fetch<T> fetch) {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be at least 1");
        }
        this.lanes = lanes;
        this.fetch = fetch;
    }

    Optional<T> find(String accountId, String id) {
        Read<T> me = new Read<>(new Key(accountId, id));
        boolean leads;
        synchronized (waiting) {
            leads = running < lanes;
            if (leads) {
                running++;
            } else {
                waiting.add(me);
            }
        }
        if (!leads) {
            awaitTurn(me);
        }
        if (!me.done) {
            lead(me);
        }
        if (me.failure != null) {
            throw me.failure;
        }
        return Optional.ofNullable(me.row);
    }

    /** Runs one query for this read and the reads waiting, then hands the lane on. */
    private void lead(Read<T> me) {
        List<Read<T>> batch = new ArrayList<>();
        batch.add(me);
        synchronized (waiting) {
            while (!waiting.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(waiting.poll());
            }
        }
        Map<Key, T> rows = null;
        RuntimeException failure = null;
        try {
            rows = fetch.rows(batch.stream().map(r -> r.key).distinct().toList());
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            failure = new IllegalStateException("a coalesced read failed", e);
        } finally {
            Read<T> next;
            synchronized (waiting) {
                next = waiting.poll();
                if (next == null) {
                    running--;
                }
            }
            if (next != null) {
                synchronized (next) {
                    next.leads = true;
                    next.notify();
                }
            }
        }
        for (Read<T> read : batch) {
            synchronized (read) {
                read.row = rows == null ? null : rows.get(read.key);
                read.failure = failure;
                read.done = true;
                read.notify();
            }
        }
    }

    /** Waits until another query answered this read, or the lane is handed to it. */
    private static <T> void awaitTurn(Read<T> me) {
        boolean interrupted = false;
        synchronized (me) {
            while (!me.done && !me.leads) {
                try {
                    me.wait();
                } catch (InterruptedException e) {
                    // The read must still be answered or lead, or a lane would be lost.
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
