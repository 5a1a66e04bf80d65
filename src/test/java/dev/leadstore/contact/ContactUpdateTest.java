package dev.leadstore.contact;

import static dev.leadstore.contact.ContactChecks.CONTACTS;
import static dev.leadstore.contact.ContactChecks.assertRefused;
import static dev.leadstore.contact.ContactChecks.body;
import static dev.leadstore.contact.ContactChecks.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PUT /contacts/:id: partial updates, clearing, merging, timestamps and failures (docs/api.md §1.6, §4.4). */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ContactUpdateTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Parameter
    TestApp app;

    private Http api;
    private JsonNode ann;

    @BeforeEach
    void tenantWithOneFullContact() {
        api = app.newTenant();
        ann = TestApp.createContact(api, body("name", "Ann Lee", "email", "ann@example.com",
                "phone", "+5511988888888", "company", "Tech Corp", "position", "CTO", "source", "linkedin",
                "linkedin_url", "https://linkedin.com/in/annlee", "tags", List.of("hot-lead", "tech"),
                "custom_fields", body("plan", "gold", "seats", 10)));
    }

    private Http.Response put(JsonNode contact, Object body) {
        return api.put(CONTACTS + "/" + id(contact), body);
    }

    private JsonNode updated(Object body) {
        return put(ann, body).expectStatus(200).data();
    }

    private JsonNode current() {
        return ContactChecks.get(api, id(ann));
    }

    private static Instant updatedAt(JsonNode contact) {
        return Instant.parse(contact.get("updated_at").asText());
    }

    /** The contact as it was, with the given fields replaced; updated_at is left out of the comparison. */
    private static ObjectNode expected(JsonNode before, JsonNode after, Map<String, Object> changes) {
        ObjectNode expected = before.deepCopy();
        changes.forEach((field, value) -> expected.set(field, MAPPER.valueToTree(value)));
        expected.set("updated_at", after.get("updated_at"));
        return expected;
    }

    @Test
    void only_the_fields_present_change() {
        JsonNode after = updated(Map.of("company", "New Co", "source", "website"));
        assertThat(after).isEqualTo(expected(ann, after, Map.of("company", "New Co", "source", "website")));
        assertThat(current()).isEqualTo(after);
    }

    @Test
    void null_clears_every_optional_field() {
        JsonNode after = updated(body("email", null, "phone", null, "company", null, "position", null,
                "linkedin_url", null, "tags", null, "custom_fields", null));
        assertThat(after).isEqualTo(expected(ann, after, body("email", null, "phone", null, "company", null,
                "position", null, "linkedin_url", null, "tags", List.of(), "custom_fields", Map.of())));
        assertThat(current()).isEqualTo(after);
    }

    @Test
    void name_and_source_cannot_be_null_or_emptied() {
        assertRefused(put(ann, body("name", null)), "VALIDATION_ERROR", "name");
        assertRefused(put(ann, body("source", null)), "VALIDATION_ERROR", "source");
        assertRefused(put(ann, body("name", null, "source", null)), "VALIDATION_ERROR", "name", "source");
        assertRefused(put(ann, body("name", "   ")), "VALIDATION_ERROR", "name");
        assertThat(current()).isEqualTo(ann);
    }

    @Test
    void updated_fields_follow_the_create_rules() {
        JsonNode after = updated(Map.of("name", "  Ann B. Lee ", "phone", "+55 11 97777-6666",
                "tags", List.of(" x ", "y", "x")));
        assertThat(after.get("name").asText()).isEqualTo("Ann B. Lee");
        assertThat(after.get("phone").asText()).isEqualTo("+5511977776666");
        assertThat(after.get("tags")).hasToString("[\"x\",\"y\"]");
        assertRefused(put(ann, Map.of("source", "Web Site")), "VALIDATION_ERROR", "source");
        assertRefused(put(ann, Map.of("email", "not-an-email")), "INVALID_EMAIL", "email");
    }

    @Test
    void tags_replace_the_list() {
        assertThat(updated(Map.of("tags", List.of("enterprise", "hot-lead"))).get("tags"))
                .hasToString("[\"enterprise\",\"hot-lead\"]");
        assertThat(updated(Map.of("tags", List.of())).get("tags")).hasToString("[]");
        assertThat(current().get("tags")).hasToString("[]");
    }

    @Test
    void custom_fields_merge_key_by_key_and_a_null_value_removes_the_key() {
        JsonNode after = updated(Map.of("custom_fields", body("seats", 12, "vip", true, "plan", null, "absent", null)));
        assertThat(after.get("custom_fields")).hasToString("{\"seats\":12,\"vip\":true}");
        assertThat(current().get("custom_fields")).isEqualTo(after.get("custom_fields"));
    }

    @Test
    void an_empty_body_is_a_valid_no_op_that_keeps_updated_at() {
        assertThat(updated(Map.of())).isEqualTo(ann);
        assertThat(api.patch(CONTACTS + "/" + id(ann), Map.of()).expectStatus(200).data()).isEqualTo(ann);
        assertThat(current()).isEqualTo(ann);
    }

    @Test
    void a_real_change_moves_updated_at_strictly_forward_and_keeps_created_at() {
        JsonNode first = updated(Map.of("position", "VP"));
        JsonNode second = updated(Map.of("position", "CEO"));
        assertThat(first.get("created_at")).isEqualTo(ann.get("created_at"));
        assertThat(second.get("created_at")).isEqualTo(ann.get("created_at"));
        assertThat(updatedAt(first)).isAfter(updatedAt(ann));
        assertThat(updatedAt(second)).isAfter(updatedAt(first));
        assertThat(current()).isEqualTo(second);
    }

    @Test
    void an_update_that_changes_nothing_keeps_updated_at() {
        JsonNode after = updated(body("name", " Ann Lee ", "email", "ann@example.com", "phone", "+55 11 98888-8888",
                "company", "Tech Corp", "source", "linkedin", "tags", List.of("hot-lead", "tech", "tech"),
                "custom_fields", body("plan", "gold", "absent", null)));
        assertThat(after).isEqualTo(ann);
        assertThat(current()).isEqualTo(ann);
    }

    @Test
    void a_failed_update_changes_nothing() {
        assertRefused(put(ann, Map.of("company", "New Co", "phone", "call me")), "VALIDATION_ERROR", "phone");
        assertRefused(put(ann, Map.of("company", "New Co", "tags", List.of("ok"), "nickname", "Annie")),
                "VALIDATION_ERROR", "nickname");
        assertRefused(put(ann, Map.of("company", "New Co", "id", "cnt_abcdefabcdef", "created_at",
                "2024-01-15T10:30:00.000Z", "updated_at", "2024-01-25T10:00:00.000Z")),
                "VALIDATION_ERROR", "id", "created_at", "updated_at");
        assertThat(current()).isEqualTo(ann);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob@example.com", "BOB@example.com", "Bob@Example.COM"})
    void taking_another_contacts_email_in_any_case_is_409_and_changes_nothing(String email) {
        JsonNode bob = TestApp.createContact(api, Map.of("name", "Bob", "email", "bob@example.com"));
        Http.Response response = put(ann, Map.of("email", email, "company", "New Co"));
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.errorCode()).isEqualTo("ALREADY_EXISTS");
        assertThat(response.json().at("/error/details/existing_id").asText()).isEqualTo(id(bob));
        assertThat(current()).isEqualTo(ann);
        assertThat(ContactChecks.get(api, id(bob))).isEqualTo(bob);
    }

    @Test
    void a_contact_may_take_its_own_email_in_another_case() {
        JsonNode after = updated(Map.of("email", "Ann@Example.COM"));
        assertThat(after.get("email").asText()).isEqualTo("Ann@Example.COM");
        assertThat(updatedAt(after)).isAfter(updatedAt(ann));
        assertThat(current()).isEqualTo(after);
    }

    @Test
    void merged_custom_fields_over_100_keys_are_refused_and_change_nothing() {
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < 98; i++) {
            many.put("k" + i, i);
        }
        JsonNode full = updated(Map.of("custom_fields", many));
        assertThat(full.get("custom_fields").size()).isEqualTo(100);
        assertRefused(put(ann, Map.of("custom_fields", Map.of("one_more", 1), "company", "New Co")),
                "VALIDATION_ERROR", "custom_fields");
        assertThat(current()).isEqualTo(full);
        JsonNode swapped = updated(Map.of("custom_fields", body("plan", null, "one_more", 1)));
        assertThat(swapped.get("custom_fields").size()).isEqualTo(100);
        assertThat(swapped.get("custom_fields").has("one_more")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnt_000000000000", "cnt_zzzzzzzzzzzz", "nope", "cnt_ABCDEFGHIJKL", "cnt_abc",
            "cnt_abcdefabcdef0", "opp_abcdefabcdef", "cnt_abcdef%20bcdef"})
    void an_unknown_or_malformed_id_is_404(String id) {
        for (String method : List.of("PUT", "PATCH")) {
            Http.Response response = api.send(method, CONTACTS + "/" + id, "application/json", "{\"company\": \"X\"}");
            assertThat(response.status()).as(method + " " + id).isEqualTo(404);
            assertThat(response.errorCode()).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void another_accounts_contact_is_404_and_unchanged() {
        Http.Response response = app.newTenant().put(CONTACTS + "/" + id(ann), Map.of("company", "Stolen"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(current()).isEqualTo(ann);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnt_000000000000", "nope"})
    void validation_is_answered_before_existence(String id) {
        String path = CONTACTS + "/" + id;
        assertRefused(api.put(path, Map.of("name", 12345)), "VALIDATION_ERROR", "name");
        assertRefused(api.patch(path, Map.of("email", "nope", "bogus", 1)), "VALIDATION_ERROR", "email", "bogus");
        assertThat(api.send("PUT", path, "application/json", "{\"name\": ").status()).isEqualTo(400);
        assertThat(api.put(path, Map.of()).status()).isEqualTo(404);
    }

    @Test
    void the_email_of_a_deleted_contact_is_free_again() {
        api.delete(CONTACTS + "/" + id(ann)).expectStatus(200);
        JsonNode again = TestApp.createContact(api, Map.of("name", "Ann Again", "email", "ANN@example.com"));
        assertThat(again.get("email").asText()).isEqualTo("ANN@example.com");
        assertThat(id(again)).isNotEqualTo(id(ann));
        api.delete(CONTACTS + "/" + id(again)).expectStatus(200);
        JsonNode bob = TestApp.createContact(api, Map.of("name", "Bob"));
        assertThat(put(bob, Map.of("email", "ann@example.com")).expectStatus(200).data().get("email").asText())
                .isEqualTo("ann@example.com");
    }
}
