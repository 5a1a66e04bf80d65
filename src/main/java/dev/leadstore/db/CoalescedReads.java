package dev.leadstore.db;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of single rows by id, coalesced under load: at most {@code lanes} queries run at once;
 * reads arriving meanwhile wait, and the next query takes every waiting read of its account
 * (up to {@link #MAX_BATCH}) in one statement. Alone, a read runs at once, as it would uncoalesced.
 *
 * <p>Nothing is cached: every read is answered by a query that started after the read arrived, so
 * it sees every write committed before the request came in. Coalescing only saves round trips
 * (and the database's per-statement work) when many reads arrive together.
 */
public final class CoalescedReads<T> {
    static final int MAX_BATCH = 64;

    /** Reads the rows of these ids in this account: the rows found, by id. */
    @FunctionalInterface
    public interface Fetch<T> {
        Map<String, T> rows(String accountId, List<String> ids);
    }

    private static final class Read<T> {
        final String accountId;
        final String id;
        T row;
        RuntimeException failure;
        boolean done;
        boolean leads;

        Read(String accountId, String id) {
            this.accountId = accountId;
            this.id = id;
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

    public Optional<T> find(String accountId, String id) {
        Read<T> me = new Read<>(accountId, id);
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

    /** Runs one query for this read and the waiting reads of its account, then hands the lane on. */
    private void lead(Read<T> me) {
        List<Read<T>> batch = new ArrayList<>();
        batch.add(me);
        synchronized (waiting) {
            for (Iterator<Read<T>> it = waiting.iterator(); it.hasNext() && batch.size() < MAX_BATCH; ) {
                Read<T> other = it.next();
                if (other.accountId.equals(me.accountId)) {
                    it.remove();
                    batch.add(other);
                }
            }
        }
        Map<String, T> rows = null;
        RuntimeException failure = null;
        try {
            rows = fetch.rows(me.accountId, batch.stream().map(r -> r.id).distinct().toList());
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
                read.row = rows == null ? null : rows.get(read.id);
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
