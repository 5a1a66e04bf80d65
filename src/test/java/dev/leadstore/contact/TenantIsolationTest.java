package dev.leadstore.contact;

import static dev.leadstore.contact.ContactListTest.encode;
import static dev.leadstore.contact.ContactListTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** A key sees only its own account's contacts; another account's id is indistinguishable from a missing one. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class TenantIsolationTest {
    private static final String CONTACTS = "/external/v1/contacts/";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Parameter
    TestApp app;

    @Test
    void another_accounts_contact_answers_every_method_exactly_as_a_missing_id() {
        Http owner = app.newTenant();
        Http stranger = app.newTenant();
        JsonNode contact = TestApp.createContact(owner, Map.of("name", "Private Person",
                "email", "private@example.com", "company", "Secret Co", "tags", List.of("vip"),
                "custom_fields", Map.of("budget", 1000)));
        String theirs = contact.get("id").asText();
        String missing = missingId();
        Map<String, Object> change = Map.of("name", "Hijacked", "custom_fields",
                Collections.singletonMap("budget", null));

        Map<String, BiFunction<Http, String, Http.Response>> methods = Map.of(
                "GET", (api, id) -> api.get(CONTACTS + id),
                "PUT", (api, id) -> api.put(CONTACTS + id, change),
                "PATCH", (api, id) -> api.patch(CONTACTS + id, change),
                "DELETE", (api, id) -> api.delete(CONTACTS + id));
        methods.forEach((method, call) -> {
            Http.Response foreign = call.apply(stranger, theirs);
            Http.Response absent = call.apply(stranger, missing);
            assertThat(foreign.status()).as(method).isEqualTo(404);
            assertThat(foreign.errorCode()).as(method).isEqualTo("NOT_FOUND");
            assertThat(foreign.json().get("success").asBoolean()).as(method).isFalse();
            assertThat(foreign.json()).as(method + " body").isEqualTo(absent.json());
            assertThat(absent.status()).as(method).isEqualTo(404);
        });

        assertThat(owner.get(CONTACTS + theirs).expectStatus(200).data()).isEqualTo(contact);
    }

    @Test
    void a_foreign_id_with_an_invalid_body_fails_validation_just_like_a_missing_id() {
        Http owner = app.newTenant();
        Http stranger = app.newTenant();
        String theirs = TestApp.createContact(owner, Map.of("name", "Someone")).get("id").asText();
        Map<String, Object> invalid = Map.of("email", "not-an-email");

        Http.Response foreign = stranger.put(CONTACTS + theirs, invalid);
        Http.Response absent = stranger.put(CONTACTS + missingId(), invalid);

        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.errorCode()).isEqualTo("INVALID_EMAIL");
        assertThat(foreign.json()).isEqualTo(absent.json());
        assertThat(owner.get(CONTACTS + theirs).data().get("email").isNull()).isTrue();
    }

    @Test
    void a_foreign_delete_leaves_the_contact_in_place_for_its_owner() {
        Http owner = app.newTenant();
        Http stranger = app.newTenant();
        JsonNode contact = TestApp.createContact(owner, Map.of("name", "Keeper", "email", "keeper@example.com"));
        String id = contact.get("id").asText();

        stranger.delete(CONTACTS + id).expectStatus(404);

        assertThat(owner.get(CONTACTS + id).expectStatus(200).data()).isEqualTo(contact);
        assertThat(ids(owner.get("/external/v1/contacts?email=keeper@example.com").data())).containsExactly(id);
        owner.post("/external/v1/contacts", Map.of("name", "Copy", "email", "keeper@example.com")).expectStatus(409);
    }

    @Test
    void another_accounts_contacts_never_appear_in_a_list_search_or_filter() {
        Http owner = app.newTenant();
        Http stranger = app.newTenant();
        TestApp.createContact(owner, Map.of("name", "Hidden Person", "email", "hidden@example.com",
                "company", "Hidden Co", "source", "linkedin", "tags", List.of("hidden-tag")));
        String own = TestApp.createContact(stranger, Map.of("name", "Visible")).get("id").asText();

        assertThat(ids(stranger.get("/external/v1/contacts").data())).containsExactly(own);
        for (String query : List.of("search=hidden", "email=" + encode("hidden@example.com"), "company=hidden",
                "source=linkedin", "tags=hidden-tag", "search=" + encode("@example.com"))) {
            JsonNode data = stranger.get("/external/v1/contacts?" + query).expectStatus(200).data();
            assertThat(data.get("contacts")).as(query).isEmpty();
            assertThat(data.get("pagination").get("total").asLong()).as(query).isZero();
        }
        assertThat(stranger.get("/external/v1/contacts").data().get("pagination").get("total").asLong()).isEqualTo(1);
    }

    @Test
    void the_same_email_may_exist_once_in_each_of_two_accounts() {
        Http first = app.newTenant();
        Http second = app.newTenant();

        String one = first.post("/external/v1/contacts", Map.of("name", "One", "email", "shared@example.com"))
                .expectStatus(201).data().get("id").asText();
        String two = second.post("/external/v1/contacts", Map.of("name", "Two", "email", "SHARED@example.com"))
                .expectStatus(201).data().get("id").asText();

        assertThat(one).isNotEqualTo(two);
        assertThat(ids(first.get("/external/v1/contacts?email=shared@example.com").data())).containsExactly(one);
        assertThat(ids(second.get("/external/v1/contacts?email=shared@example.com").data())).containsExactly(two);
        Http.Response again = second.post("/external/v1/contacts", Map.of("name", "Again", "email", "shared@example.com"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().at("/error/details/existing_id").asText()).isEqualTo(two);
    }

    @Test
    void an_update_cannot_collide_with_an_email_of_another_account() {
        Http first = app.newTenant();
        Http second = app.newTenant();
        TestApp.createContact(first, Map.of("name", "Taken", "email", "taken@example.com"));
        String mine = TestApp.createContact(second, Map.of("name", "Mine")).get("id").asText();

        JsonNode updated = second.put(CONTACTS + mine, Map.of("email", "taken@example.com")).expectStatus(200).data();

        assertThat(updated.get("email").asText()).isEqualTo("taken@example.com");
    }

    /** A well-formed contact id that no account has. */
    private static String missingId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder("cnt_");
        for (int i = 0; i < 12; i++) {
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
