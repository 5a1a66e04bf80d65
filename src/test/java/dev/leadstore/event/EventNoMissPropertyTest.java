package dev.leadstore.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.db.Ids;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * docs/api.md §10: a consumer that keeps reading from `next_after` sees every committed event
 * exactly once, in the order a final full read gives, while many transactions write at once and some
 * are held open (then committed or rolled back) on purpose, on every database.
 */
class EventNoMissPropertyTest {
    private static final String EVENTS = "/external/v1/events";

    @Property(tries = 5)
    void a_polling_reader_misses_nothing_and_sees_nothing_twice(@ForAll @IntRange(min = 2, max = 6) int writers,
                                                                @ForAll @IntRange(min = 1, max = 5) int holders,
                                                                @ForAll @IntRange(min = 0, max = 60) int rollbackPercent)
            throws Exception {
        for (TestApp app : TestApp.all()) {
            run(app, writers, holders, rollbackPercent);
        }
    }

    private static void run(TestApp app, int writers, int holders, int rollbackPercent) throws Exception {
        String account = app.newAccount("enterprise");
        Http api = app.as(app.newKey(account, Map.of("name", "k", "permissions", List.of("*"),
                "rate_limit_per_hour", 1_000_000_000)));
        EventLog log = app.leadstore().events();
        Set<String> committed = ConcurrentHashMap.newKeySet();
        Set<String> rolledBack = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Thread poller = new Thread(() -> poll(api, writing, seen));
        poller.start();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 15; i++) {
                    String id = TestApp.createContact(api, Map.of("name", "W")).get("id").asText();
                    api.put("/external/v1/contacts/" + id, Map.of("company", "C" + i)).expectStatus(200);
                }
            }));
        }
        for (int k = 0; k < holders; k++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 6; i++) {
                    hold(app, log, account, ThreadLocalRandom.current().nextInt(100) < rollbackPercent, committed,
                            rolledBack);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        writing.set(false);
        poller.join();
        List<JsonNode> full = readAll(api);
        List<String> fullIds = full.stream().map(e -> e.get("id").asText()).toList();
        Set<String> objects = ConcurrentHashMap.newKeySet();
        full.forEach(e -> objects.add(e.get("object_id").asText()));
        assertThat(seen).as("what the poller read, in order").containsExactlyElementsOf(fullIds);
        assertThat(objects).containsAll(committed);
        if (!rolledBack.isEmpty()) {
            assertThat(objects).doesNotContainAnyElementsOf(rolledBack);
        }
        assertThat(full).hasSize(writers * 30 + committed.size());
    }

    /** One transaction that appends an event, waits a while holding it open, then commits or rolls back. */
    private static void hold(TestApp app, EventLog log, String account, boolean rollback, Set<String> committed,
                             Set<String> rolledBack) {
        String id = Ids.next("cnt");
        try {
            app.leadstore().database().jdbi().useTransaction(h -> {
                log.append(h, account, Instant.now(), new EventLog.Change("contact.created", id, contact(id), null));
                Thread.sleep(ThreadLocalRandom.current().nextInt(20, 250));
                if (rollback) {
                    throw new IllegalStateException("rolled back on purpose");
                }
            });
            committed.add(id);
        } catch (IllegalStateException e) {
            rolledBack.add(id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A contact as the API shows one, so that the event reads like any other. */
    private static Map<String, Object> contact(String id) {
        Map<String, Object> c = new LinkedHashMap<>();
        String now = Instant.now().toString().substring(0, 23) + "Z";
        c.put("id", id);
        c.put("name", "Held");
        for (String field : List.of("email", "phone", "company", "position")) {
            c.put(field, null);
        }
        c.put("source", "other");
        c.put("linkedin_url", null);
        c.put("tags", List.of());
        c.put("custom_fields", Map.of());
        c.put("created_at", now);
        c.put("updated_at", now);
        return c;
    }

    /** Reads on from `next_after` with small random pages until writing is over and a page comes back empty. */
    private static void poll(Http api, AtomicBoolean writing, List<String> seen) {
        String after = null;
        int emptyAfterEnd = 0;
        while (emptyAfterEnd < 3) {
            boolean done = !writing.get();
            JsonNode data = api.get(EVENTS + "?limit=" + ThreadLocalRandom.current().nextInt(1, 40)
                    + (after == null ? "" : "&after=" + after)).expectStatus(200).data();
            data.get("events").forEach(e -> seen.add(e.get("id").asText()));
            if (!data.get("next_after").isNull()) {
                after = data.get("next_after").asText();
            }
            emptyAfterEnd = done && data.get("events").isEmpty() ? emptyAfterEnd + 1 : 0;
        }
    }

    private static List<JsonNode> readAll(Http api) {
        List<JsonNode> all = new ArrayList<>();
        String after = null;
        while (true) {
            JsonNode data = api.get(EVENTS + "?limit=1000" + (after == null ? "" : "&after=" + after)).data();
            if (data.get("events").isEmpty()) {
                return all;
            }
            data.get("events").forEach(all::add);
            after = data.get("next_after").asText();
        }
    }
}
