package dev.leadstore.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/api.md §2: how a key is presented, which keys are refused, and what each permission allows. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ApiKeyAuthTest {
    private static final String CONTACTS = "/external/v1/contacts";
    private static final String UNKNOWN_KEY = "gr_live_" + "Zq".repeat(20);

    @Parameter
    TestApp app;

    /** One request of each contacts route and the permission the contract says it needs. */
    private record Call(String method, String path, String body, String permission) {
        Http.Response send(Http client) {
            return client.send(method, path, body == null ? null : "application/json", body);
        }
    }

    private List<Call> contactRoutes(String id) {
        String changes = "{\"position\": \"CTO\"}";
        return List.of(
                new Call("GET", CONTACTS, null, "contacts:read"),
                new Call("GET", CONTACTS + "/" + id, null, "contacts:read"),
                new Call("POST", CONTACTS, "{\"name\": \"New Person\"}", "contacts:write"),
                new Call("PUT", CONTACTS + "/" + id, changes, "contacts:write"),
                new Call("PATCH", CONTACTS + "/" + id, changes, "contacts:write"),
                new Call("DELETE", CONTACTS + "/" + id, null, "contacts:delete"));
    }

    private String existingContact(String accountId) {
        return TestApp.createContact(app.as(app.newKey(accountId, "*")), Map.of("name", "Existing Person"))
                .get("id").asText();
    }

    @Test
    void accepts_the_key_in_x_api_key_in_authorization_bearer_and_in_the_api_key_parameter() {
        String key = app.newKey(app.newAccount("pro"), "contacts:read");

        assertThat(app.http().withHeader("X-API-Key", key).get(CONTACTS).status()).isEqualTo(200);
        assertThat(app.http().withHeader("Authorization", "Bearer " + key).get(CONTACTS).status()).isEqualTo(200);
        assertThat(app.http().get(CONTACTS + "?api_key=" + key).status()).isEqualTo(200);
        assertThat(app.http().get(CONTACTS + "?page=1&api_key=" + key).status()).isEqualTo(200);
    }

    @Test
    void the_first_key_present_in_header_bearer_query_order_is_the_one_used() {
        String good = app.newKey(app.newAccount("pro"), "contacts:read");
        Http http = app.http();

        assertThat(http.withHeader("X-API-Key", good).withHeader("Authorization", "Bearer " + UNKNOWN_KEY)
                .get(CONTACTS + "?api_key=" + UNKNOWN_KEY).status()).isEqualTo(200);
        assertThat(http.withHeader("Authorization", "Bearer " + good)
                .get(CONTACTS + "?api_key=" + UNKNOWN_KEY).status()).isEqualTo(200);

        Http.Response badHeader = http.withHeader("X-API-Key", UNKNOWN_KEY)
                .withHeader("Authorization", "Bearer " + good).get(CONTACTS + "?api_key=" + good);
        assertThat(badHeader.status()).isEqualTo(401);
        assertThat(badHeader.errorCode()).isEqualTo("INVALID_API_KEY");

        Http.Response badBearer = http.withHeader("Authorization", "Bearer " + UNKNOWN_KEY)
                .get(CONTACTS + "?api_key=" + good);
        assertThat(badBearer.status()).isEqualTo(401);
        assertThat(badBearer.errorCode()).isEqualTo("INVALID_API_KEY");
    }

    @Test
    void a_request_without_a_key_is_401_missing_api_key_on_every_route() {
        for (Call call : contactRoutes("cnt_000000000000")) {
            Http.Response response = call.send(app.http());
            assertThat(response.status()).as(call.method() + " " + call.path()).isEqualTo(401);
            assertThat(response.errorCode()).as(call.method() + " " + call.path()).isEqualTo("MISSING_API_KEY");
        }
    }

    @Test
    void an_unknown_key_is_401_invalid_api_key() {
        for (String key : List.of(UNKNOWN_KEY, "not-a-key", "gr_live_", "' OR '1'='1")) {
            Http.Response response = app.as(key).get(CONTACTS);
            assertThat(response.status()).as(key).isEqualTo(401);
            assertThat(response.errorCode()).as(key).isEqualTo("INVALID_API_KEY");
        }
        String real = app.newKey(app.newAccount("pro"), "*");
        assertThat(app.as(real.toUpperCase()).get(CONTACTS).errorCode()).isEqualTo("INVALID_API_KEY");
        assertThat(app.as(real.substring(0, real.length() - 1)).get(CONTACTS).errorCode())
                .isEqualTo("INVALID_API_KEY");
    }

    @Test
    void a_revoked_key_is_401_invalid_api_key_on_the_very_next_request() {
        String account = app.newAccount("pro");
        Http.Response created = app.admin().post("/admin/v1/accounts/" + account + "/api-keys",
                Map.of("name", "soon revoked", "permissions", List.of("*"))).expectStatus(201);
        String key = created.data().get("key").asText();
        assertThat(app.as(key).get(CONTACTS).status()).isEqualTo(200);

        app.admin().delete("/admin/v1/api-keys/" + created.data().get("id").asText()).expectStatus(200);

        for (Http client : List.of(app.as(key), app.http().withHeader("Authorization", "Bearer " + key))) {
            Http.Response response = client.get(CONTACTS);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.errorCode()).isEqualTo("INVALID_API_KEY");
        }
    }

    @Test
    void an_expired_key_is_401_expired_api_key() throws InterruptedException {
        String account = app.newAccount("pro");
        java.time.Instant soon = java.time.Instant.now().plusMillis(1200);
        String expired = app.newKey(account, Map.of("name", "old", "permissions", List.of("*"),
                "expires_at", soon.toString()));
        String current = app.newKey(account, Map.of("name", "new", "permissions", List.of("*"),
                "expires_at", "2999-01-01"));
        assertThat(app.as(expired).get(CONTACTS).status()).as("before it expires").isEqualTo(200);
        Thread.sleep(java.time.Duration.between(java.time.Instant.now(), soon).toMillis() + 50);

        Http.Response response = app.as(expired).get(CONTACTS);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errorCode()).isEqualTo("EXPIRED_API_KEY");
        assertThat(app.as(current).get(CONTACTS).status()).isEqualTo(200);
    }

    @Test
    void each_route_needs_its_permission_and_names_it_in_the_403() {
        String account = app.newAccount("pro");
        String id = existingContact(account);
        for (Call call : contactRoutes(id)) {
            Set<String> others = new HashSet<>(Set.of("contacts:read", "contacts:write", "contacts:delete"));
            others.remove(call.permission());
            Http.Response refused = call.send(app.as(app.newKey(account, others.toArray(String[]::new))));
            assertThat(refused.status()).as(call.method() + " " + call.path()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("INSUFFICIENT_PERMISSIONS");
            assertThat(refused.json().at("/error/details/required_permission").asText())
                    .as(call.method() + " " + call.path()).isEqualTo(call.permission());
        }
        for (Call call : contactRoutes(id)) {
            Http.Response allowed = call.send(app.as(app.newKey(account, call.permission())));
            assertThat(allowed.status()).as(call.method() + " " + call.path())
                    .isEqualTo(call.method().equals("POST") ? 201 : 200);
        }
    }

    @Test
    void contacts_wildcard_and_star_grant_every_contacts_route() {
        for (String grant : List.of("contacts:*", "*")) {
            String account = app.newAccount("pro");
            Http client = app.as(app.newKey(account, grant));
            for (Call call : contactRoutes(existingContact(account))) {
                assertThat(call.send(client).status()).as(grant + ": " + call.method() + " " + call.path())
                        .isIn(200, 201);
            }
        }
    }

    @Test
    void opportunities_permissions_grant_nothing_on_contacts() {
        String account = app.newAccount("pro");
        Http client = app.as(app.newKey(account, "opportunities:*", "opportunities:read", "opportunities:write",
                "opportunities:delete"));
        for (Call call : contactRoutes(existingContact(account))) {
            Http.Response response = call.send(client);
            assertThat(response.status()).as(call.method() + " " + call.path()).isEqualTo(403);
            assertThat(response.json().at("/error/details/required_permission").asText())
                    .isEqualTo(call.permission());
        }
    }

    @Test
    void unknown_routes_and_wrong_methods_answer_before_any_key_is_asked_for() {
        Http.Response unknown = app.http().get("/external/v1/nothing-here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("NOT_FOUND");
        Http.Response wrongMethod = app.http().delete(CONTACTS);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(app.as(UNKNOWN_KEY).send("POST", CONTACTS + "/cnt_000000000000", "application/json", "{}")
                .errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void a_missing_or_bad_key_is_refused_before_the_body_query_or_id_is_looked_at() {
        Map<String, Http> clients = Map.of("MISSING_API_KEY", app.http(), "INVALID_API_KEY", app.as(UNKNOWN_KEY));
        for (Map.Entry<String, Http> entry : clients.entrySet()) {
            String expected = entry.getKey();
            Http client = entry.getValue();
            assertThat(client.send("POST", CONTACTS, "application/json", "{\"nme\": 1}").errorCode()).isEqualTo(expected);
            assertThat(client.send("POST", CONTACTS, "application/json", "{not json").errorCode()).isEqualTo(expected);
            assertThat(client.send("POST", CONTACTS, "text/plain", "hello").errorCode()).isEqualTo(expected);
            assertThat(client.get(CONTACTS + "?page=0&sort_by=nope").errorCode()).isEqualTo(expected);
            assertThat(client.get(CONTACTS + "/cnt_000000000000").errorCode()).isEqualTo(expected);
        }
        Http readOnly = app.as(app.newKey(app.newAccount("pro"), "contacts:read"));
        Http.Response forbidden = readOnly.send("POST", CONTACTS, "application/json", "{\"nme\": 1}");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.errorCode()).isEqualTo("INSUFFICIENT_PERMISSIONS");
    }

    @Test
    void keys_are_gr_live_and_at_least_32_url_safe_characters_and_all_different() {
        String account = app.newAccount("pro");
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            String key = app.newKey(account, "*");
            assertThat(key).matches("gr_live_[A-Za-z0-9_-]{32,}");
            keys.add(key);
        }
        assertThat(keys).hasSize(5);
    }

    @Test
    void a_key_sees_only_its_own_accounts_contacts_and_others_answer_as_missing() {
        Http mine = app.newTenant();
        Http theirs = app.newTenant();
        JsonNode hidden = TestApp.createContact(theirs, Map.of("name", "Their Contact", "email", "their@example.com"));
        String path = CONTACTS + "/" + hidden.get("id").asText();

        for (Http.Response response : List.of(mine.get(path), mine.put(path, Map.of("name", "Mine now")),
                mine.patch(path, Map.of("name", "Mine now")), mine.delete(path))) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.errorCode()).isEqualTo("NOT_FOUND");
        }
        assertThat(mine.get(CONTACTS).data().at("/pagination/total").asLong()).isZero();
        assertThat(TestApp.createContact(mine, Map.of("name", "Same Email", "email", "their@example.com"))
                .get("id").asText()).isNotEqualTo(hidden.get("id").asText());
        assertThat(theirs.get(path).expectStatus(200).data()).isEqualTo(hidden);
    }
}
