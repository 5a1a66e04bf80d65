package dev.leadstore.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reads coalesce only while others run, never mix accounts, and always get their own answer. */
class CoalescedReadsTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    /** Every query the reads ran: the account and ids asked. */
    private final List<String> queries = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A table in memory: every id ending in "-missing" is absent; rows are "account/id". */
    private Map<CoalescedReads.Key, String> rows(List<CoalescedReads.Key> keys, CountDownLatch gate) {
        queries.add(String.join(",", keys.stream().map(k -> k.accountId() + ":" + k.id()).toList()));
        try {
            assertThat(gate.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        Map<CoalescedReads.Key, String> found = new HashMap<>();
        keys.stream().filter(k -> !k.id().endsWith("-missing")).forEach(k -> found.put(k, k.accountId() + "/" + k.id()));
        // A row of another account with a requested id (ids collide here on purpose) must not leak.
        keys.forEach(k -> found.putIfAbsent(new CoalescedReads.Key(k.accountId() + "-other", k.id()), "leak"));
        return found;
    }

    @Test
    void a_read_alone_runs_at_once_with_only_its_id() {
        CountDownLatch open = new CountDownLatch(0);
        CoalescedReads<String> reads = new CoalescedReads<>(1, keys -> rows(keys, open));

        assertThat(reads.find("acc1", "x")).contains("acc1/x");
        assertThat(reads.find("acc1", "y-missing")).isEmpty();
        assertThat(reads.find("acc1-other", "z-missing")).as("another account's row of that id").isEmpty();
        assertThat(queries).containsExactly("acc1:x", "acc1:y-missing", "acc1-other:z-missing");
    }

    @Test
    void reads_arriving_while_a_query_runs_share_the_next_query_and_each_gets_its_own_accounts_row()
            throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CoalescedReads<String> reads = new CoalescedReads<>(1, keys -> rows(keys, gate));
        Future<Optional<String>> first = pool.submit(() -> reads.find("acc1", "first"));
        awaitQueries(1);

        List<Future<Optional<String>>> same = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = i == 3 ? "n3-missing" : "n" + i;
            same.add(pool.submit(() -> reads.find("acc1", id)));
        }
        Future<Optional<String>> other = pool.submit(() -> reads.find("acc2", "n1"));
        Future<Optional<String>> absent = pool.submit(() -> reads.find("acc2", "n3-missing"));
        Thread.sleep(200);
        assertThat(queries).as("nothing else runs while the lane is busy").hasSize(1);
        gate.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).contains("acc1/first");
        for (int i = 0; i < 10; i++) {
            assertThat(same.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(
                    i == 3 ? Optional.empty() : Optional.of("acc1/n" + i));
        }
        assertThat(other.get(10, TimeUnit.SECONDS)).contains("acc2/n1");
        assertThat(absent.get(10, TimeUnit.SECONDS)).as("acc1 has n3-missing's id absent too").isEmpty();
        assertThat(queries).as("one query for the first, one for all twelve waiting").hasSize(2);
        assertThat(queries.get(1).split(",")).hasSize(12).contains("acc1:n0", "acc2:n1", "acc2:n3-missing");
    }

    @Test
    void a_failed_query_fails_every_read_in_it_and_hands_the_lane_on() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        boolean[] failNext = {true};
        CoalescedReads<String> reads = new CoalescedReads<>(1, keys -> {
            Map<CoalescedReads.Key, String> found = rows(keys, gate);
            if (failNext[0]) {
                failNext[0] = false;
                throw new IllegalStateException("database unreachable");
            }
            return found;
        });
        Future<Optional<String>> failing = pool.submit(() -> reads.find("acc1", "a"));
        awaitQueries(1);
        Future<Optional<String>> after = pool.submit(() -> reads.find("acc1", "b"));
        Thread.sleep(100);
        gate.countDown();

        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("database unreachable");
        assertThat(after.get(10, TimeUnit.SECONDS)).contains("acc1/b");
        assertThat(reads.find("acc1", "c")).contains("acc1/c");
    }

    @Test
    void many_concurrent_reads_each_get_their_own_row() throws Exception {
        CountDownLatch open = new CountDownLatch(0);
        CoalescedReads<String> reads = new CoalescedReads<>(2, keys -> rows(keys, open));
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    String account = "acc" + (i % 3);
                    String id = "t" + thread + "-" + i + (i % 7 == 0 ? "-missing" : "");
                    Optional<String> row = reads.find(account, id);
                    boolean right = i % 7 == 0 ? row.isEmpty() : row.equals(Optional.of(account + "/" + id));
                    if (!right) {
                        return false;
                    }
                }
                return true;
            }));
        }
        for (Future<Boolean> result : results) {
            assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private void awaitQueries(int count) throws InterruptedException {
        for (int i = 0; i < 1000 && queries.size() < count; i++) {
            Thread.sleep(5);
        }
        assertThat(queries).hasSize(count);
    }
}
