package dev.leadstore.contact;

import dev.leadstore.base.Metrics;
import dev.leadstore.person.PersonFields;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates of one account that arrive while earlier ones are being written go into the database
 * together: one transaction of multi-row statements for the whole group, as a batch is written,
 * instead of one durable transaction each. Nothing waits for a group to fill: a create that finds a
 * lane free writes at once (with whatever creates are waiting), and the ones that arrive meanwhile
 * form the next group. Each request still answers only after its own row has committed.
 *
 * <p>A group whose statements fail (an email taken meanwhile, say) has written nothing; each of its
 * creates is then written alone, as without groups, so each gets exactly its own answer. Of two
 * creates of one email in flight at once, the later goes alone after the group. Only a failed
 * commit, whose outcome is unknown, fails every create of its group.
 */
final class CreateGroups {
    /** The most creates in one transaction. */
    static final int MOST = 100;

    /** Writes the contacts in one transaction. */
    interface Writer {
        /**
         * True when committed; false when a statement failed and nothing was written. Throws when the
         * commit itself failed.
         */
        boolean write(String accountId, List<Contact> contacts);
    }

    private final Writer writer;
    /** Groups of one account written at once: one commits while the next one's statements run. */
    private final int lanes;
    private final ConcurrentHashMap<String, Account> accounts = new ConcurrentHashMap<>();

    private final Metrics metrics;

    CreateGroups(Writer writer, int lanes, Metrics metrics) {
        this.writer = writer;
        this.lanes = lanes;
        this.metrics = metrics;
    }

    /** An account's lanes; dropped from the map when none runs, so the map holds only busy accounts. */
    private static final class Account {
        /** Creates waiting for a group; those who lead one are never in it. */
        final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
        int running;
        /** Out of the map: a create that still found it takes the map's current entry instead. */
        boolean retired;
    }

    private enum Turn { WRITTEN, ALONE, LEAD }

    private static final class Waiter {
        final Contact contact;
        final CompletableFuture<Turn> turn = new CompletableFuture<>();

        Waiter(Contact contact) {
            this.contact = contact;
        }
    }

    /**
     * Writes the contact with whatever creates of the account are waiting. True when it was
     * written; false when the caller must write it alone.
     */
    boolean write(String accountId, Contact contact) {
        Waiter me = new Waiter(contact);
        while (true) {
            Account account = accounts.computeIfAbsent(accountId, id -> new Account());
            boolean lead;
            synchronized (account) {
                if (account.retired) {
                    continue;
                }
                lead = account.running < lanes;
                if (lead) {
                    account.running++;
                } else {
                    account.waiting.add(me);
                }
            }
            Turn turn = lead ? Turn.LEAD : await(me);
            return switch (turn) {
                case WRITTEN -> true;
                case ALONE -> false;
                case LEAD -> lead(accountId, account, me);
            };
        }
    }

    /** Accounts with a create being written or waiting (for tests: idle accounts are not kept). */
    int busyAccounts() {
        return accounts.size();
    }

    private boolean lead(String accountId, Account account, Waiter me) {
        List<Waiter> group = new ArrayList<>();
        group.add(me);
        synchronized (account) {
            while (group.size() < MOST && !account.waiting.isEmpty()) {
                group.add(account.waiting.poll());
            }
        }
        List<Waiter> together = new ArrayList<>();
        List<Waiter> after = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        for (Waiter waiter : group) {
            String email = PersonFields.emailKey(waiter.contact.email());
            (email == null || emails.add(email) ? together : after).add(waiter);
        }
        boolean written;
        try {
            written = writer.write(accountId, together.stream().map(w -> w.contact).toList());
        } catch (RuntimeException | Error e) {
            handOver(accountId, account);
            together.forEach(w -> w.turn.completeExceptionally(e));
            after.forEach(w -> w.turn.complete(Turn.ALONE));
            throw e;
        }
        handOver(accountId, account);
        if (written) {
            metrics.createGroup(together.size());
        }
        together.forEach(w -> w.turn.complete(written ? Turn.WRITTEN : Turn.ALONE));
        after.forEach(w -> w.turn.complete(Turn.ALONE));
        return written;
    }

    /** The lane goes to the first create waiting, which leads the next group; else it is free. */
    private void handOver(String accountId, Account account) {
        Waiter next;
        synchronized (account) {
            next = account.waiting.poll();
            if (next == null) {
                account.running--;
                if (account.running == 0) {
                    account.retired = true;
                    accounts.remove(accountId, account);
                }
            }
        }
        if (next != null) {
            next.turn.complete(Turn.LEAD);
        }
    }

    private static Turn await(Waiter me) {
        try {
            return me.turn.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
