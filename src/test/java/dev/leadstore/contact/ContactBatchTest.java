package dev.leadstore.contact;

import static dev.leadstore.contact.ContactChecks.CONTACTS;
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

/** docs/api.md §9.2: POST /contacts/batch runs up to 1000 operations in order, in one transaction. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ContactBatchTest {
    private static final String BATCH = CONTACTS + "/batch";

    @Parameter
    TestApp app;

    private static Map<String, Object> op(String op, Object... more) {
        Map<String, Object> operation = new java.util.LinkedHashMap<>();
        operation.put("op", op);
        for (int i = 0; i < more.length; i += 2) {
            operation.put((String) more[i], more[i + 1]);
        }
        return operation;
    }

    private static Http.Response batch(Http api, boolean atomic, List<Map<String, Object>> ops) {
        return api.post(BATCH, Map.of("operations", ops, "atomic", atomic));
    }

    /** Every contact of the account, by id, read back through the API. */
    private static String everything(Http api) {
        return api.get(CONTACTS + "?limit=100&sort_by=created_at&sort_order=asc").data().toString()
                + api.get(CONTACTS + "?tags=vip").data().at("/pagination/total");
    }

    @Test
    void a_later_operation_sees_the_earlier_ones_and_each_answers_as_its_endpoint_would() {
        Http api = app.newTenant();
        String kept = TestApp.createContact(api, Map.of("name", "Kept", "email", "kept@acme.com")).get("id").asText();
        JsonNode data = batch(api, false, List.of(
                op("create", "data", Map.of("name", "Ana", "email", "ana@acme.com", "tags", List.of("vip"))),
                op("update", "id", kept, "data", Map.of("email", "ANA@acme.com")),
                op("upsert", "data", Map.of("email", "ana@acme.com", "company", "Acme")),
                op("update", "id", kept, "data", Map.of("position", "CTO")),
                op("update", "id", kept, "data", Map.of("position", "CTO")),
                op("delete", "id", kept),
                op("delete", "id", kept),
                op("create", "data", Map.of("name", "Kept again", "email", "kept@acme.com")))).expectStatus(200).data();
        JsonNode results = data.get("results");
        String ana = results.get(0).get("id").asText();
        assertThat(results.get(0).get("status").asInt()).isEqualTo(201);
        assertThat(results.get(1).get("status").asInt()).isEqualTo(409);
        assertThat(results.at("/1/error/details/existing_id").asText()).as("the contact made one step before").isEqualTo(ana);
        assertThat(results.get(2).get("result").asText()).isEqualTo("updated");
        assertThat(results.at("/2/data/company").asText()).isEqualTo("Acme");
        assertThat(results.get(3).get("result").asText()).isEqualTo("updated");
        assertThat(results.get(4).get("result").asText()).isEqualTo("unchanged");
        assertThat(results.get(5).get("result").asText()).isEqualTo("deleted");
        assertThat(results.get(5).get("data").isNull()).isTrue();
        assertThat(results.get(6).get("status").asInt()).isEqualTo(404);
        assertThat(results.get(7).get("status").asInt()).as("the email was freed by the delete").isEqualTo(201);
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).get("index").asInt()).isEqualTo(i);
        }
        assertThat(data.get("summary")).hasToString(
                "{\"created\":2,\"updated\":2,\"unchanged\":1,\"deleted\":1,\"failed\":2}");
        assertThat(api.get(CONTACTS + "/" + ana).data().get("company").asText()).isEqualTo("Acme");
        assertThat(api.get(CONTACTS + "/" + kept).status()).isEqualTo(404);
        assertThat(api.get(CONTACTS + "?tags=vip").data().at("/pagination/total").asInt()).isEqualTo(1);
        assertThat(api.get(CONTACTS).data().at("/pagination/total").asInt()).isEqualTo(2);
    }

    @Test
    void two_contacts_may_swap_their_emails_in_one_batch() {
        Http api = app.newTenant();
        String a = TestApp.createContact(api, Map.of("name", "A", "email", "a@acme.com")).get("id").asText();
        String b = TestApp.createContact(api, Map.of("name", "B", "email", "b@acme.com")).get("id").asText();
        JsonNode results = batch(api, true, List.of(op("update", "id", a, "data", Map.of("email", "tmp@acme.com")),
                op("update", "id", b, "data", Map.of("email", "a@acme.com")),
                op("update", "id", a, "data", Map.of("email", "b@acme.com")))).expectStatus(200).data().get("results");
        assertThat(results.findValuesAsText("result")).containsOnly("updated");
        assertThat(api.get(CONTACTS + "/" + a).data().get("email").asText()).isEqualTo("b@acme.com");
        assertThat(api.get(CONTACTS + "/" + b).data().get("email").asText()).isEqualTo("a@acme.com");
        assertThat(api.post(CONTACTS, Map.of("name", "C", "email", "tmp@acme.com")).status()).isEqualTo(201);
    }

    @Test
    void each_failed_operation_carries_exactly_the_error_of_its_single_endpoint() {
        Http api = app.newTenant();
        List<Map<String, Object>> bodies = List.of(Map.of("name", ""), Map.of("name", "X", "email", "bad"),
                Map.of("name", "X", "tags", "x", "custom_fields", Map.of("k", List.of())), Map.of("name", "X", "id", "y"),
                Map.of("name", "X", "phone", "+1 555 123 4567 ext 9"));
        List<Map<String, Object>> ops = new ArrayList<>();
        bodies.forEach(body -> ops.add(op("create", "data", body)));
        JsonNode results = batch(api, false, ops).expectStatus(200).data().get("results");
        for (int i = 0; i < bodies.size(); i++) {
            Http.Response single = api.post(CONTACTS, bodies.get(i));
            assertThat(results.get(i).get("status").asInt()).isEqualTo(single.status());
            assertThat(results.get(i).get("error")).isEqualTo(single.json().get("error"));
            assertThat(results.get(i).get("id").isNull()).as("a failed create has no id").isTrue();
        }
        String id = TestApp.createContact(api, Map.of("name", "Target")).get("id").asText();
        Map<String, Object> badUpdate = Map.of("source", "Not Valid", "email", "x");
        JsonNode failed = batch(api, false, List.of(op("update", "id", id, "data", badUpdate))).data().at("/results/0");
        assertThat(failed.get("error")).isEqualTo(api.put(CONTACTS + "/" + id, badUpdate).json().get("error"));
        assertThat(failed.get("id").asText()).isEqualTo(id);
    }

    @Test
    void an_atomic_batch_with_one_bad_operation_writes_nothing_and_names_the_failures() {
        Http api = app.newTenant();
        String id = TestApp.createContact(api, Map.of("name", "Before", "email", "before@acme.com", "tags", List.of("vip")))
                .get("id").asText();
        String before = everything(api);
        Http.Response rejected = batch(api, true, List.of(
                op("create", "data", Map.of("name", "New", "tags", List.of("vip"))),
                op("update", "id", id, "data", Map.of("name", "After", "tags", List.of())),
                op("create", "data", Map.of("name", "Dup", "email", "BEFORE@acme.com")),
                op("delete", "id", id)));
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.errorCode()).isEqualTo("BATCH_REJECTED");
        JsonNode failures = rejected.json().at("/error/details/results");
        assertThat(failures).hasSize(1);
        assertThat(failures.at("/0/index").asInt()).isEqualTo(2);
        assertThat(failures.at("/0/error/code").asText()).isEqualTo("ALREADY_EXISTS");
        assertThat(everything(api)).isEqualTo(before);
        JsonNode ok = batch(api, true, List.of(op("create", "data", Map.of("name", "New")), op("delete", "id", id)))
                .expectStatus(200).data();
        assertThat(ok.at("/summary/failed").asInt()).isZero();
        assertThat(api.get(CONTACTS).data().at("/pagination/total").asInt()).isEqualTo(1);
    }

    @Test
    void a_badly_shaped_body_is_refused_before_anything_runs_and_before_the_permission_check() {
        Http reader = app.as(app.newKey(app.newAccount("enterprise"), "contacts:read"));
        for (String body : List.of("[]", "{}", "{\"operations\": []}", "{\"operations\": {}}",
                "{\"operations\": [{\"op\": \"merge\"}]}", "{\"operations\": [{\"op\": \"update\", \"data\": {}}]}",
                "{\"operations\": [{\"op\": \"create\", \"data\": []}]}", "{\"operations\": [{\"op\": \"delete\", \"id\": 1}]}",
                "{\"operations\": [{\"op\": \"create\", \"data\": {}, \"x\": 1}]}", "{\"operations\": [], \"extra\": 1}",
                "{\"operations\": [{\"op\": \"create\", \"data\": {}}], \"atomic\": \"yes\"}")) {
            Http.Response refused = reader.post(BATCH, body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.errorCode()).as(body).isEqualTo("VALIDATION_ERROR");
        }
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(op("create", "data", Map.of("name", "n" + i)));
        }
        assertThat(reader.post(BATCH, Map.of("operations", tooMany)).json().at("/error/details/fields/operations")
                .asText()).contains("1000");
        Http.Response forbidden = reader.post(BATCH, Map.of("operations", List.of(op("create", "data", Map.of("name", "x")))));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().at("/error/details/required_permission").asText()).isEqualTo("contacts:write");
        Http writer = app.as(app.newKey(app.newAccount("enterprise"), "contacts:write"));
        assertThat(writer.post(BATCH, Map.of("operations", List.of(op("delete", "id", "cnt_000000000000"))))
                .json().at("/error/details/required_permission").asText()).isEqualTo("contacts:delete");
    }

    @Test
    void a_thousand_creates_run_as_one_request_against_the_limit_and_replay_with_an_idempotency_key() {
        String account = app.newAccount("enterprise");
        Http api = app.as(app.newKey(account, Map.of("name", "bulk", "permissions", List.of("*"), "rate_limit_per_hour", 50)));
        List<Map<String, Object>> ops = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ops.add(op("create", "data", Map.of("name", "Lead " + i, "email", "lead" + i + "@acme.com",
                    "tags", List.of("bulk", "t" + (i % 7)))));
        }
        Http keyed = api.withHeader("Idempotency-Key", "import-1");
        Http.Response first = keyed.post(BATCH, Map.of("operations", ops)).expectStatus(200);
        assertThat(first.header("X-RateLimit-Remaining")).contains("49");
        assertThat(first.data().at("/summary/created").asInt()).isEqualTo(1000);
        Http.Response replay = keyed.post(BATCH, Map.of("operations", ops)).expectStatus(200);
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(api.get(CONTACTS).data().at("/pagination/total").asInt()).isEqualTo(1000);
        assertThat(api.get(CONTACTS + "?tags=bulk").data().at("/pagination/total").asInt()).isEqualTo(1000);
        assertThat(api.get(CONTACTS + "?tags=t3").data().at("/pagination/total").asInt()).isEqualTo(143);
    }

    @Test
    void a_batch_body_may_be_up_to_8_mib_and_no_more() {
        Http api = app.newTenant();
        String note = "n".repeat(7000);
        List<Map<String, Object>> ops = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ops.add(op("create", "data", Map.of("name", "Big " + i, "custom_fields", Map.of("note", note))));
        }
        assertThat(api.post(BATCH, Map.of("operations", ops)).status()).as("about 2.8 MiB").isEqualTo(200);
        List<Map<String, Object>> huge = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            huge.add(op("create", "data", Map.of("name", "Huge " + i, "custom_fields",
                    Map.of("a", note, "b", note))));
        }
        assertThat(api.post(BATCH, Map.of("operations", huge)).errorCode()).as("about 14 MiB").isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(api.post(CONTACTS, Map.of("name", "n".repeat(1_100_000))).errorCode())
                .as("other routes keep their 1 MiB").isEqualTo("PAYLOAD_TOO_LARGE");
    }
}
