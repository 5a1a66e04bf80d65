package dev.leadstore.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.Config;
import dev.leadstore.Leadstore;
import dev.leadstore.support.Http;
import dev.leadstore.support.OperatorClient;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** API.md §6: the operator API for accounts and keys, and what it never reveals. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class AdminApiTest {
    private static final String ACCOUNTS = "/admin/v1/accounts";
    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @Parameter
    TestApp app;

    private static final List<String[]> ROUTES = List.of(
            new String[] {"POST", ACCOUNTS}, new String[] {"GET", ACCOUNTS},
            new String[] {"GET", ACCOUNTS + "/acc_000000000000"}, new String[] {"PUT", ACCOUNTS + "/acc_000000000000"},
            new String[] {"POST", ACCOUNTS + "/acc_000000000000/api-keys"},
            new String[] {"GET", ACCOUNTS + "/acc_000000000000/api-keys"},
            new String[] {"DELETE", "/admin/v1/api-keys/key_000000000000"});

    private static Http.Response send(Http client, String[] route) {
        boolean body = route[0].equals("POST") || route[0].equals("PUT");
        return client.send(route[0], route[1], body ? "application/json" : null, body ? "{\"name\": \"x\"}" : null);
    }

    private JsonNode createAccount(Map<String, Object> body) {
        return app.admin().post(ACCOUNTS, body).expectStatus(201).data();
    }

    private JsonNode createKey(String accountId, Map<String, Object> body) {
        return app.admin().post(ACCOUNTS + "/" + accountId + "/api-keys", body).expectStatus(201).data();
    }

    private static void assertValidationError(Http.Response response, String... fields) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
        for (String field : fields) {
            assertThat(response.json().at("/error/details/fields").has(field)).as(field + " in " + response.body())
                    .isTrue();
        }
    }

    @Test
    void every_admin_route_is_404_when_no_admin_token_is_configured() {
        Map<String, String> env = new HashMap<>(TestDatabase.of(app.database().kind()).environment());
        env.put("LEADSTORE_PORT", "0");
        try (Leadstore server = Leadstore.create(Config.from(env)).start()) {
            Http http = new Http("http://localhost:" + server.port());
            for (Http client : List.of(http, http.withHeader("Authorization", "Bearer " + OperatorClient.TOKEN))) {
                for (String[] route : ROUTES) {
                    Http.Response response = send(client, route);
                    assertThat(response.status()).as(route[0] + " " + route[1]).isEqualTo(404);
                    assertThat(response.errorCode()).isEqualTo("NOT_FOUND");
                }
            }
        }
    }

    @Test
    void a_missing_or_wrong_operator_token_is_401_unauthorized_on_every_route() {
        String apiKey = app.newKey(app.newAccount("pro"), "*");
        List<Http> clients = List.of(app.http(),
                app.http().withHeader("Authorization", "Bearer wrong-token"),
                app.http().withHeader("Authorization", "Bearer " + OperatorClient.TOKEN + "x"),
                app.http().withHeader("Authorization", "Basic " + OperatorClient.TOKEN),
                app.http().withHeader("Authorization", "Bearer " + apiKey),
                app.as(OperatorClient.TOKEN));
        for (Http client : clients) {
            for (String[] route : ROUTES) {
                Http.Response response = send(client, route);
                assertThat(response.status()).as(route[0] + " " + route[1]).isEqualTo(401);
                assertThat(response.errorCode()).isEqualTo("UNAUTHORIZED");
            }
        }
    }

    @Test
    void creates_an_account_on_the_pro_plan_by_default() {
        JsonNode account = createAccount(Map.of("name", "Acme Ltd"));
        assertThat(account.get("id").asText()).matches("acc_[a-z0-9]{12}");
        assertThat(account.get("name").asText()).isEqualTo("Acme Ltd");
        assertThat(account.get("plan").asText()).isEqualTo("pro");
        assertThat(account.has("rate_limit_per_hour")).isTrue();
        assertThat(account.get("created_at").asText()).matches(TIMESTAMP);

        JsonNode limited = createAccount(Map.of("name", "Big", "plan", "enterprise", "rate_limit_per_hour", 20_000));
        assertThat(limited.get("plan").asText()).isEqualTo("enterprise");
        assertThat(limited.get("rate_limit_per_hour").asInt()).isEqualTo(20_000);
    }

    @Test
    void gets_lists_and_updates_accounts() {
        JsonNode created = createAccount(Map.of("name", "Before", "plan", "free"));
        String path = ACCOUNTS + "/" + created.get("id").asText();
        assertThat(app.admin().get(path).expectStatus(200).data()).isEqualTo(created);
        assertThat(app.admin().get(ACCOUNTS).expectStatus(200).data().get("accounts")).contains(created);

        JsonNode updated = app.admin().put(path, Map.of("name", "After", "plan", "business", "rate_limit_per_hour", 42))
                .expectStatus(200).data();
        assertThat(updated.get("id")).isEqualTo(created.get("id"));
        assertThat(updated.get("name").asText()).isEqualTo("After");
        assertThat(updated.get("plan").asText()).isEqualTo("business");
        assertThat(updated.get("rate_limit_per_hour").asInt()).isEqualTo(42);
        assertThat(updated.get("created_at")).isEqualTo(created.get("created_at"));

        JsonNode planOnly = app.admin().put(path, Map.of("plan", "enterprise")).expectStatus(200).data();
        assertThat(planOnly.get("name").asText()).isEqualTo("After");
        assertThat(planOnly.get("rate_limit_per_hour").asInt()).isEqualTo(42);
        assertThat(app.admin().get(path).data()).isEqualTo(planOnly);
    }

    @Test
    void invalid_account_bodies_are_400_naming_every_bad_field() {
        assertValidationError(app.admin().post(ACCOUNTS, Map.of("plan", "pro")), "name");
        assertValidationError(app.admin().post(ACCOUNTS, Map.of("name", "")), "name");
        assertValidationError(app.admin().post(ACCOUNTS, Map.of("name", "x", "plan", "gold")), "plan");
        for (Object limit : List.of(0, -5, "100", 1.5, true)) {
            assertValidationError(app.admin().post(ACCOUNTS, Map.of("name", "x", "rate_limit_per_hour", limit)),
                    "rate_limit_per_hour");
        }
        assertValidationError(app.admin().post(ACCOUNTS, Map.of("plan", "gold", "rate_limit_per_hour", 0)),
                "name", "plan", "rate_limit_per_hour");
        assertValidationError(app.admin().post(ACCOUNTS, Map.of("name", "x", "owner", "me")), "owner");

        String path = ACCOUNTS + "/" + createAccount(Map.of("name", "Stays")).get("id").asText();
        assertValidationError(app.admin().put(path, Map.of("plan", "platinum")), "plan");
        assertValidationError(app.admin().send("PUT", path, "application/json", "{\"name\": null}"), "name");
        assertThat(app.admin().get(path).data().get("name").asText()).isEqualTo("Stays");
        assertThat(app.admin().get(path).data().get("plan").asText()).isEqualTo("pro");
    }

    @Test
    void an_unknown_account_is_404_not_found() {
        for (String id : List.of("acc_000000000000", "acc_nope", "key_000000000000")) {
            List<Http.Response> responses = List.of(app.admin().get(ACCOUNTS + "/" + id),
                    app.admin().put(ACCOUNTS + "/" + id, Map.of("name", "x")),
                    app.admin().get(ACCOUNTS + "/" + id + "/api-keys"),
                    app.admin().post(ACCOUNTS + "/" + id + "/api-keys", Map.of("name", "k", "permissions", List.of("*"))));
            for (Http.Response response : responses) {
                assertThat(response.status()).as(id + ": " + response.body()).isEqualTo(404);
                assertThat(response.errorCode()).isEqualTo("NOT_FOUND");
            }
        }
    }

    @Test
    void creates_a_key_and_shows_its_secret_only_in_that_response() {
        String account = app.newAccount("business");
        JsonNode key = createKey(account, Map.of("name", "CRM sync",
                "permissions", List.of("contacts:read", "contacts:write"), "expires_at", "2031-01-01T02:00:00+02:00"));
        assertThat(key.get("id").asText()).matches("key_[a-z0-9]{12}");
        String secret = key.get("key").asText();
        assertThat(secret).matches("gr_live_[A-Za-z0-9_-]{32,}");
        assertThat(secret).startsWith(key.get("prefix").asText());
        assertThat(key.get("prefix").asText().length()).isLessThan(secret.length() - 16);
        assertThat(key.get("name").asText()).isEqualTo("CRM sync");
        assertThat(key.get("permissions")).hasToString("[\"contacts:read\",\"contacts:write\"]");
        assertThat(key.get("rate_limit_per_hour").asInt()).isEqualTo(5000);
        assertThat(key.get("expires_at").asText()).isEqualTo("2031-01-01T00:00:00.000Z");
        assertThat(key.get("created_at").asText()).matches(TIMESTAMP);

        JsonNode own = createKey(account, Map.of("name", "slow", "permissions", List.of("*"),
                "rate_limit_per_hour", 77, "expires_at", "2031-02-03"));
        assertThat(own.get("rate_limit_per_hour").asInt()).isEqualTo(77);
        assertThat(own.get("expires_at").asText()).isEqualTo("2031-02-03T00:00:00.000Z");
        JsonNode plain = createKey(account, Map.of("name", "plain", "permissions", List.of("*")));
        assertThat(plain.get("expires_at").isNull()).isTrue();
        assertThat(plain.get("key").asText()).isNotEqualTo(secret);
    }

    @Test
    void lists_keys_without_secrets_and_with_last_use() {
        String account = app.newAccount("pro");
        JsonNode key = createKey(account, Map.of("name", "listed", "permissions", List.of("contacts:*")));
        String secret = key.get("key").asText();
        String listPath = ACCOUNTS + "/" + account + "/api-keys";

        Http.Response before = app.admin().get(listPath).expectStatus(200);
        JsonNode listed = before.data().get("api_keys");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id")).isEqualTo(key.get("id"));
        assertThat(listed.get(0).get("prefix")).isEqualTo(key.get("prefix"));
        assertThat(listed.get(0).get("permissions")).isEqualTo(key.get("permissions"));
        assertThat(listed.get(0).has("key")).isFalse();
        assertThat(listed.get(0).get("last_used_at").isNull()).isTrue();
        assertThat(before.body()).doesNotContain(secret).doesNotContain(secret.substring(12));

        app.as(secret).get("/external/v1/contacts").expectStatus(200);
        Http.Response after = app.admin().get(listPath).expectStatus(200);
        assertThat(after.data().at("/api_keys/0/last_used_at").asText()).matches(TIMESTAMP);
        assertThat(after.body()).doesNotContain(secret).doesNotContain(secret.substring(12));
    }

    @Test
    void revoking_a_key_is_200_then_404_and_the_key_stops_working() {
        String account = app.newAccount("pro");
        JsonNode key = createKey(account, Map.of("name", "short-lived", "permissions", List.of("*")));
        String path = "/admin/v1/api-keys/" + key.get("id").asText();

        Http.Response revoked = app.admin().delete(path).expectStatus(200);
        assertThat(revoked.json().get("success").asBoolean()).isTrue();
        assertThat(app.admin().delete(path).expectStatus(404).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(app.admin().delete("/admin/v1/api-keys/key_000000000000").errorCode()).isEqualTo("NOT_FOUND");
        assertThat(app.as(key.get("key").asText()).get("/external/v1/contacts").errorCode())
                .isEqualTo("INVALID_API_KEY");
    }

    @Test
    void invalid_key_bodies_are_400_naming_every_bad_field() {
        String path = ACCOUNTS + "/" + app.newAccount("pro") + "/api-keys";
        for (Object permissions : List.of(List.of("contacts:admin"), List.of(), List.of("contacts:read", "root"),
                "contacts:read", List.of(1), List.of("Contacts:Read"))) {
            assertValidationError(app.admin().post(path, Map.of("name", "k", "permissions", permissions)),
                    "permissions");
        }
        assertValidationError(app.admin().post(path, Map.of("name", "k")), "permissions");
        assertValidationError(app.admin().post(path, Map.of("permissions", List.of("*"))), "name");
        assertValidationError(app.admin().post(path, Map.of("name", "k", "permissions", List.of("*"),
                "rate_limit_per_hour", 0, "expires_at", "next tuesday")), "rate_limit_per_hour", "expires_at");
        assertValidationError(app.admin().post(path, Map.of("name", "k", "permissions", List.of("*"),
                "key", "gr_live_" + "a".repeat(40))), "key");
        assertThat(app.admin().get(path).data().get("api_keys")).isEmpty();
    }

    @Test
    void the_database_holds_nothing_that_works_as_a_key() throws Exception {
        String account = app.newAccount("pro");
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            secrets.add(createKey(account, Map.of("name", "stored " + i, "permissions", List.of("*"))).get("key").asText());
        }
        List<String> stored = new ArrayList<>();
        boolean h2 = app.database().kind().equals("h2");
        try (Connection connection = DriverManager.getConnection(app.database().jdbcUrl(),
                h2 ? "sa" : "postgres", "");
             PreparedStatement query = connection.prepareStatement("SELECT * FROM api_keys WHERE account_id = ?")) {
            query.setString(1, account);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                        String value = rows.getString(column);
                        if (value != null) {
                            stored.add(value);
                        }
                    }
                }
            }
        }
        assertThat(stored).hasSizeGreaterThan(3 * 5);
        for (String secret : secrets) {
            assertThat(stored).noneMatch(value -> value.contains(secret.substring(12)));
        }
        for (String value : stored) {
            for (String candidate : List.of(value, "gr_live_" + value)) {
                Http.Response response = app.as(candidate).get("/external/v1/contacts");
                assertThat(response.status()).as(candidate).isEqualTo(401);
                assertThat(response.errorCode()).isEqualTo("INVALID_API_KEY");
            }
        }
        secrets.forEach(secret -> app.as(secret).get("/external/v1/contacts").expectStatus(200));
    }
}
