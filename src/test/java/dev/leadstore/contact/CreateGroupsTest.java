package dev.leadstore.contact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.base.Metrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The grouping itself, with a writer that records what it is given: every create is written once,
 * no account has more groups in flight than its lanes, and an account with nothing in flight is not
 * kept (the server meets any number of accounts over its life).
 */
class CreateGroupsTest {
    private static final int ACCOUNTS = 40;
    private static final int THREADS = 12;
    private static final int CREATES = 600;
    private static final int LANES = 2;

    @Test
    void every_create_is_written_once_within_the_lanes_and_idle_accounts_are_dropped() throws Exception {
        ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        AtomicInteger mostInFlight = new AtomicInteger();
        ConcurrentLinkedQueue<String> written = new ConcurrentLinkedQueue<>();
        CreateGroups groups = new CreateGroups((account, contacts) -> {
            int now = inFlight.computeIfAbsent(account, a -> new AtomicInteger()).incrementAndGet();
            mostInFlight.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            contacts.forEach(c -> written.add(c.id()));
            inFlight.get(account).decrementAndGet();
            return true;
        }, LANES, Metrics.none());

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < CREATES; i++) {
                String account = "acc_" + (i % ACCOUNTS);
                Contact contact = Contact.blank("cnt_" + i, Instant.EPOCH);
                answers.add(pool.submit(() -> groups.write(account, contact)));
            }
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(written).hasSize(CREATES).doesNotHaveDuplicates();
        assertThat(mostInFlight.get()).isBetween(1, LANES);
        assertThat(groups.busyAccounts()).as("accounts kept with nothing in flight").isZero();
    }
}
