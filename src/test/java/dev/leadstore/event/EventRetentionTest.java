package dev.leadstore.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/api.md §10: retention drops exactly the events older than its bound, in chunks of positions,
 * and every newer event of every account stays readable in the feed.
 */
class EventRetentionTest {
    private static final String CONTACTS = "/external/v1/contacts";
    private static final String EVENTS = "/external/v1/events";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.leadstore.support.TestApp#databases")
    void a_purge_drops_every_older_event_across_chunks_and_keeps_every_newer_one(String kind) throws Exception {
        try (TestApp app = TestApp.start(TestDatabase.of(kind), Map.of())) {
            Http first = app.as(app.newKey(app.newAccount("enterprise"), "*"));
            Http second = app.newTenant();
            List<Map<String, Object>> ops = new ArrayList<>();
            for (int i = 0; i < EventLog.PURGE_CHUNK; i++) {
                ops.add(Map.of("op", "create", "data", Map.of("name", "Old " + i)));
            }
            first.post(CONTACTS + "/batch", Map.of("operations", ops)).expectStatus(200);
            String updated = TestApp.createContact(first, Map.of("name", "Old, then updated")).get("id").asText();
            for (int i = 0; i < 4; i++) {
                TestApp.createContact(first, Map.of("name", "Old single " + i));
            }
            for (int i = 0; i < 3; i++) {
                TestApp.createContact(second, Map.of("name", "Old elsewhere " + i));
            }
            int old = EventLog.PURGE_CHUNK + 5 + 3;

            Thread.sleep(20);
            Instant bound = Instant.now();
            Thread.sleep(20);
            List<String> kept = new ArrayList<>();
            kept.add(TestApp.createContact(first, Map.of("name", "New 1")).get("id").asText());
            first.put(CONTACTS + "/" + updated, Map.of("company", "Acme")).expectStatus(200);
            kept.add(updated);
            kept.add(TestApp.createContact(first, Map.of("name", "New 2")).get("id").asText());
            String elsewhere = TestApp.createContact(second, Map.of("name", "New elsewhere")).get("id").asText();

            assertThat(app.leadstore().events().purge(bound)).isEqualTo(old);
            assertThat(objects(first)).containsExactlyElementsOf(kept);
            assertThat(objects(second)).containsExactly(elsewhere);
            assertThat(app.leadstore().events().purge(bound)).as("a second purge").isZero();
            assertThat(objects(first)).hasSize(3);
        }
    }

    /** The object ids of the account's events in the feed, oldest first. */
    private static List<String> objects(Http api) {
        JsonNode events = api.get(EVENTS + "?limit=100").expectStatus(200).data().get("events");
        List<String> ids = new ArrayList<>();
        events.forEach(e -> ids.add(e.get("object_id").asText()));
        return ids;
    }
}
