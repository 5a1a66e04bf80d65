package dev.leadstore.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/api.md §10: every committed change is one event, read through the feed and the histories. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class EventFeedTest {
    private static final String CONTACTS = "/external/v1/contacts";
    private static final String EVENTS = "/external/v1/events";

    @Parameter
    TestApp app;

    private static List<String> types(JsonNode events) {
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    @Test
    void each_change_is_one_event_with_the_object_after_it_and_the_old_values_of_what_it_changed() {
        Http api = app.newTenant();
        String id = TestApp.createContact(api, Map.of("name", "Ana", "tags", List.of("a"))).get("id").asText();
        api.put(CONTACTS + "/" + id, Map.of("company", "Acme", "tags", List.of("b"))).expectStatus(200);
        api.put(CONTACTS + "/" + id, Map.of("company", "Acme")).expectStatus(200);
        api.delete(CONTACTS + "/" + id).expectStatus(200);
        String deal = api.post("/external/v1/opportunities", Map.of("name", "Deal", "deal_value", 10)).data()
                .get("id").asText();
        api.patch("/external/v1/opportunities/" + deal + "/stage", Map.of("status", "won")).expectStatus(200);
        api.patch("/external/v1/opportunities/" + deal, Map.of("notes", "signed")).expectStatus(200);
        api.delete("/external/v1/opportunities/" + deal).expectStatus(200);
        JsonNode feed = api.get(EVENTS).expectStatus(200).data();
        JsonNode events = feed.get("events");
        assertThat(types(events)).containsExactly("contact.created", "contact.updated", "contact.deleted",
                "opportunity.created", "opportunity.stage_changed", "opportunity.updated", "opportunity.deleted");
        assertThat(events.get(0).get("id").asText()).startsWith("evt_");
        assertThat(events.get(0).has("previous")).isFalse();
        assertThat(events.at("/0/data/previous").isMissingNode()).isTrue();
        assertThat(events.at("/1/data/previous")).hasToString("{\"company\":null,\"tags\":[\"a\"]}");
        assertThat(events.at("/1/data/object/company").asText()).isEqualTo("Acme");
        assertThat(events.at("/2/data/object/company").asText()).as("a deletion shows the object as it was")
                .isEqualTo("Acme");
        assertThat(events.at("/4/data/previous")).hasToString("{\"status\":\"new\",\"won_at\":null}");
        assertThat(events.at("/4/data/object/deal_value").toString()).isEqualTo("10");
        assertThat(events.at("/5/data/previous")).hasToString("{\"notes\":null}");
        for (JsonNode event : events) {
            assertThat(event.fieldNames()).toIterable().containsExactly("id", "type", "created_at", "object_id", "data");
            assertThat(event.at("/data/previous/updated_at").isMissingNode()).isTrue();
        }
        assertThat(feed.get("next_after").asText()).isEqualTo(events.get(6).get("id").asText());
    }

    @Test
    void reading_on_from_next_after_sees_each_event_once_and_an_empty_page_keeps_the_cursor() {
        Http api = app.newTenant();
        assertThat(api.get(EVENTS).data().get("next_after").isNull()).as("no after, no events").isTrue();
        for (int i = 0; i < 5; i++) {
            TestApp.createContact(api, Map.of("name", "N" + i));
        }
        JsonNode first = api.get(EVENTS + "?limit=2").data();
        assertThat(first.get("events")).hasSize(2);
        JsonNode second = api.get(EVENTS + "?limit=2&after=" + first.get("next_after").asText()).data();
        JsonNode third = api.get(EVENTS + "?limit=2&after=" + second.get("next_after").asText()).data();
        JsonNode empty = api.get(EVENTS + "?after=" + third.get("next_after").asText()).data();
        assertThat(third.get("events")).hasSize(1);
        assertThat(empty.get("events")).isEmpty();
        assertThat(empty.get("next_after").asText()).isEqualTo(third.get("next_after").asText());
        List<String> names = new ArrayList<>();
        for (JsonNode page : List.of(first, second, third)) {
            page.get("events").forEach(e -> names.add(e.at("/data/object/name").asText()));
        }
        assertThat(names).containsExactly("N0", "N1", "N2", "N3", "N4");
    }

    @Test
    void a_key_sees_the_events_of_what_it_may_read_and_types_filter_them() {
        String account = app.newAccount("enterprise");
        Http all = app.as(app.newKey(account, "*"));
        TestApp.createContact(all, Map.of("name", "C"));
        all.post("/external/v1/opportunities", Map.of("name", "O")).expectStatus(201);
        assertThat(types(app.as(app.newKey(account, "contacts:read")).get(EVENTS).data().get("events")))
                .containsExactly("contact.created");
        assertThat(types(app.as(app.newKey(account, "opportunities:*")).get(EVENTS).data().get("events")))
                .containsExactly("opportunity.created");
        assertThat(app.as(app.newKey(account, "contacts:write")).get(EVENTS).status()).isEqualTo(403);
        assertThat(app.as(app.newKey(account, "contacts:read")).get(EVENTS + "?types=opportunity.*").status())
                .isEqualTo(403);
        assertThat(types(all.get(EVENTS + "?types=opportunity.*").data().get("events"))).containsExactly("opportunity.created");
        assertThat(types(all.get(EVENTS + "?types=contact.created,opportunity.updated").data().get("events")))
                .containsExactly("contact.created");
        assertThat(all.get(EVENTS + "?types=contact.merged").errorCode()).isEqualTo("INVALID_PARAMETER");
        assertThat(all.get(EVENTS + "?limit=1001").errorCode()).isEqualTo("INVALID_PARAMETER");
        assertThat(all.get(EVENTS + "?after=cnt_000000000000").errorCode()).isEqualTo("INVALID_PARAMETER");
        Http.Response expired = all.get(EVENTS + "?after=evt_000000000000");
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.errorCode()).isEqualTo("CURSOR_EXPIRED");
        Http other = app.newTenant();
        String foreign = all.get(EVENTS).data().at("/events/0/id").asText();
        assertThat(other.get(EVENTS + "?after=" + foreign).status()).as("another account's event").isEqualTo(410);
    }

    @Test
    void a_change_that_changes_nothing_makes_no_event_and_a_batch_makes_one_per_item_changed() {
        Http api = app.newTenant();
        String id = TestApp.createContact(api, Map.of("name", "Same", "email", "same@acme.com")).get("id").asText();
        api.put(CONTACTS + "/" + id, Map.of("name", "Same")).expectStatus(200);
        api.post(CONTACTS + "/upsert", Map.of("email", "same@acme.com", "name", "Same")).expectStatus(200);
        api.post(CONTACTS + "/batch", Map.of("operations", List.of(
                Map.of("op", "create", "data", Map.of("name", "B1")),
                Map.of("op", "update", "id", id, "data", Map.of("name", "Same")),
                Map.of("op", "update", "id", id, "data", Map.of("company", "X")),
                Map.of("op", "create", "data", Map.of("name", "B2", "email", "SAME@acme.com")),
                Map.of("op", "delete", "id", id)))).expectStatus(200);
        assertThat(types(api.get(EVENTS).data().get("events"))).containsExactly("contact.created", "contact.created",
                "contact.updated", "contact.deleted");
    }

    @Test
    void a_history_holds_one_objects_events_and_outlives_the_object() {
        Http api = app.newTenant();
        String id = TestApp.createContact(api, Map.of("name", "H")).get("id").asText();
        String other = TestApp.createContact(api, Map.of("name", "Other")).get("id").asText();
        api.put(CONTACTS + "/" + id, Map.of("name", "H2")).expectStatus(200);
        api.delete(CONTACTS + "/" + id).expectStatus(200);
        JsonNode history = api.get(CONTACTS + "/" + id + "/history").expectStatus(200).data();
        assertThat(types(history.get("events"))).containsExactly("contact.created", "contact.updated", "contact.deleted");
        JsonNode page = api.get(CONTACTS + "/" + id + "/history?limit=1&after="
                + history.at("/events/0/id").asText()).data();
        assertThat(types(page.get("events"))).containsExactly("contact.updated");
        assertThat(api.get(CONTACTS + "/" + other + "/history").data().get("events")).hasSize(1);
        assertThat(api.get(CONTACTS + "/cnt_000000000000/history").status()).isEqualTo(404);
        assertThat(app.newTenant().get(CONTACTS + "/" + id + "/history").status()).as("another account").isEqualTo(404);
        assertThat(app.as(app.newKey(app.newAccount("pro"), "opportunities:read"))
                .get(CONTACTS + "/" + id + "/history").status()).isEqualTo(403);
    }

    @Test
    void retention_drops_old_events_and_leaves_a_living_object_an_empty_history() {
        Http api = app.newTenant();
        String kept = TestApp.createContact(api, Map.of("name", "Kept")).get("id").asText();
        String gone = TestApp.createContact(api, Map.of("name", "Gone")).get("id").asText();
        api.delete(CONTACTS + "/" + gone).expectStatus(200);
        String old = api.get(EVENTS).data().at("/events/0/id").asText();
        assertThat(app.leadstore().events().purge(java.time.Instant.now().plusSeconds(1))).isGreaterThanOrEqualTo(3);

        Http.Response expired = api.get(EVENTS + "?after=" + old);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.json().at("/error/details/parameter").asText()).isEqualTo("after");
        assertThat(api.get(CONTACTS + "/" + kept + "/history").expectStatus(200).data().get("events")).isEmpty();
        assertThat(api.get(CONTACTS + "/" + gone + "/history").status()).isEqualTo(404);
        String after = TestApp.createContact(api, Map.of("name", "After")).get("id").asText();
        assertThat(api.get(EVENTS).data().at("/events/0/object_id").asText()).isEqualTo(after);
    }
}
