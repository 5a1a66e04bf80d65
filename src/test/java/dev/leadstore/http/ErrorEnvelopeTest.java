package dev.leadstore.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.RawHttp;
import dev.leadstore.support.TestApp;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/api.md §1 and §7.1: every answer is our JSON envelope, whatever the request did wrong. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ErrorEnvelopeTest {
    private static final String CONTACTS = "/external/v1/contacts";
    private static final int MIB = 1024 * 1024;
    private static final List<String> NEVER_SHOWN = List.of("java.", "SQL", "org.", "Exception", "\tat ");

    @Parameter
    TestApp app;

    static void assertError(Http.Response response, int status, String code) {
        String what = response.status() + " " + response.body();
        assertThat(response.status()).as(what).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(what).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.header("X-Request-Id")).as(what).hasValueSatisfying(id -> assertThat(id).isNotBlank());
        JsonNode body = response.json();
        assertThat(body.get("success").isBoolean() && !body.get("success").asBoolean()).as(what).isTrue();
        assertThat(body.at("/error/code").asText()).as(what).isEqualTo(code);
        assertThat(body.at("/error/message").isTextual() && !body.at("/error/message").asText().isBlank())
                .as(what).isTrue();
        assertNothingInternal(response);
    }

    static void assertNothingInternal(Http.Response response) {
        for (String internal : NEVER_SHOWN) {
            assertThat(response.body()).as("response %s must not show %s", response.status(), internal)
                    .doesNotContain(internal);
        }
    }

    private String existingContactPath(Http api) {
        return CONTACTS + "/" + TestApp.createContact(api, Map.of("name", "Kept As Is")).get("id").asText();
    }

    @Test
    void bodies_that_are_not_one_clean_json_object_are_400_validation_error() {
        Http api = app.newTenant();
        String existing = existingContactPath(api);
        JsonNode before = api.get(existing).data();
        List<String> bodies = List.of("{\"name\": ", "{name: \"a\"}", "{'name': 'a'}", "[]", "[{\"name\": \"a\"}]",
                "\"a\"", "42", "null", "true", "{\"name\": \"a\", \"name\": \"b\"}", "{\"name\": \"a\"} {}",
                "{\"name\": \"a\",}", "{\"name\": NaN}", "{\"name\": \"a\"} trailing");
        for (String body : bodies) {
            assertError(api.send("POST", CONTACTS, "application/json", body), 400, "VALIDATION_ERROR");
            assertError(api.send("PUT", existing, "application/json", body), 400, "VALIDATION_ERROR");
            assertError(api.send("PATCH", existing, "application/json", body), 400, "VALIDATION_ERROR");
        }
        assertThat(api.get(CONTACTS).data().at("/pagination/total").asLong()).isEqualTo(1);
        assertThat(api.get(existing).data()).isEqualTo(before);
    }

    @Test
    void an_empty_body_is_400_validation_error() {
        Http api = app.newTenant();
        String existing = existingContactPath(api);
        for (String type : List.of("application/json", "application/json; charset=utf-8")) {
            assertError(api.send("POST", CONTACTS, type, ""), 400, "VALIDATION_ERROR");
            assertError(api.send("PUT", existing, type, ""), 400, "VALIDATION_ERROR");
        }
        assertError(api.send("POST", CONTACTS, null, null), 400, "VALIDATION_ERROR");
        assertError(api.send("PUT", existing, null, null), 400, "VALIDATION_ERROR");
    }

    private Http.Response sendLarge(String key, String method, String path, byte[] body, boolean chunked) {
        return RawHttp.send(app.baseUrl(), method, path, body, chunked,
                "X-API-Key", key, "Content-Type", "application/json");
    }

    @Test
    void a_body_over_one_mebibyte_is_413_and_one_of_exactly_one_mebibyte_is_read() {
        String key = app.newKey(app.newAccount("pro"), "*");
        String existing = existingContactPath(app.as(key));
        assertError(sendLarge(key, "POST", CONTACTS, bodyOfSize(MIB + 1), false), 413, "PAYLOAD_TOO_LARGE");
        assertError(sendLarge(key, "PUT", existing, bodyOfSize(MIB + 1), false), 413, "PAYLOAD_TOO_LARGE");
        assertError(sendLarge(key, "POST", CONTACTS, bodyOfSize(3 * MIB), false), 413, "PAYLOAD_TOO_LARGE");
        // Exactly 1 MiB is not over the limit: it is read, and refused for its too-long company.
        Http.Response atLimit = sendLarge(key, "POST", CONTACTS, bodyOfSize(MIB), false);
        assertError(atLimit, 400, "VALIDATION_ERROR");
        assertThat(atLimit.json().at("/error/details/fields").has("company")).isTrue();
    }

    @Test
    void a_streamed_body_over_one_mebibyte_without_a_length_is_413() {
        String key = app.newKey(app.newAccount("pro"), "*");
        assertError(sendLarge(key, "POST", CONTACTS, bodyOfSize(MIB + 1), true), 413, "PAYLOAD_TOO_LARGE");
        assertThat(app.as(key).get(CONTACTS).data().at("/pagination/total").asLong()).isZero();
    }

    private static byte[] bodyOfSize(int bytes) {
        String start = "{\"name\": \"Big\", \"company\": \"";
        return (start + "a".repeat(bytes - start.length() - 2) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_body_that_is_not_declared_json_is_415_unsupported_media_type() {
        Http api = app.newTenant();
        String existing = existingContactPath(api);
        String json = "{\"name\": \"Typed\"}";
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml",
                "text/json", "application/jsonp")) {
            assertError(api.send("POST", CONTACTS, type, json), 415, "UNSUPPORTED_MEDIA_TYPE");
            assertError(api.send("PUT", existing, type, json), 415, "UNSUPPORTED_MEDIA_TYPE");
        }
        assertError(api.send("POST", CONTACTS, null, json), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(api.get(CONTACTS).data().at("/pagination/total").asLong()).isEqualTo(1);
        assertThat(api.send("POST", CONTACTS, "application/json; charset=utf-8", json).status()).isEqualTo(201);
    }

    @Test
    void unknown_routes_are_404_not_found_with_or_without_a_key() {
        Http api = app.newTenant();
        // `/` is the dashboard (docs/api.md §13); its own tests check that it leaves every other path a 404.
        List<String> paths = List.of("/nothing", "/index.html", "/app", "/external", "/external/v1", "/external/v1/leads",
                "/external/v2/contacts", "/external/v1/contacts/cnt_000000000000/notes", "/admin/v2/accounts");
        for (Http client : List.of(app.http(), api)) {
            for (String path : paths) {
                assertError(client.get(path), 404, "NOT_FOUND");
                assertError(client.send("POST", path, "text/plain", "x"), 404, "NOT_FOUND");
            }
        }
    }

    @Test
    void known_routes_with_a_wrong_method_are_405_method_not_allowed() {
        Map<String, List<String>> wrong = Map.of(
                CONTACTS, List.of("PUT", "PATCH", "DELETE"),
                CONTACTS + "/cnt_000000000000", List.of("POST"),
                "/health", List.of("POST", "PUT", "DELETE"));
        for (Http client : List.of(app.http(), app.newTenant())) {
            wrong.forEach((path, methods) -> methods.forEach(method ->
                    assertError(client.send(method, path, "application/json", "{}"), 405, "METHOD_NOT_ALLOWED")));
        }
    }

    @Test
    void strange_requests_get_an_envelope_and_never_internals() {
        Http api = app.newTenant();
        String deep = "{\"custom_fields\": " + "{\"a\": ".repeat(5000) + "1" + "}".repeat(5001);
        for (String body : List.of(deep, "{\"name\": \"\\ud800\"}", "{\"name\": 1e999999}",
                "{\"name\": \"a\u0000b\"}", "{\"name\": \"x\", \"tags\": [[[]]]}", "{\"" + "k".repeat(100_000) + "\": 1}")) {
            assertError(api.send("POST", CONTACTS, "application/json", body), 400, "VALIDATION_ERROR");
        }
        Http.Response hugeNumber = api.send("POST", CONTACTS, "application/json",
                "{\"name\": \"a\", \"custom_fields\": {\"k\": 123456789012345678901234567890e123456789}}");
        assertThat(hugeNumber.header("Content-Type").orElseThrow()).startsWith("application/json");
        assertNothingInternal(hugeNumber);
        byte[] badUtf8 = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertError(api.sendBytes("POST", CONTACTS, "application/json", badUtf8), 400, "VALIDATION_ERROR");
        for (String query : List.of("?page=abc", "?limit=1e3", "?sort_by=name;DROP", "?created_after=yesterday",
                "?page=99999999999999999999")) {
            assertError(api.get(CONTACTS + query), 400, "INVALID_PARAMETER");
        }
        for (String id : List.of("cnt_%27%20OR%20%271%27=%271", "..%2F..%2Fhealth", "cnt_%C3%A9", "x".repeat(4000))) {
            assertError(api.get(CONTACTS + "/" + id), 404, "NOT_FOUND");
        }
    }

    @Test
    void requests_refused_by_the_http_layer_before_routing_still_get_our_envelope() {
        Http api = app.newTenant();
        for (String path : List.of(CONTACTS + "/%00", CONTACTS + "/cnt_%ff", "/%2e%2e/health", "/health%00")) {
            Http.Response refused = api.get(path);
            assertError(refused, 400, "VALIDATION_ERROR");
            // The connection is closed after such a refusal; the answer says so, so that no client reuses it.
            assertThat(refused.header("Connection")).as(path).contains("close");
            assertError(app.http().send("POST", path, "application/json", "{}"), 400, "VALIDATION_ERROR");
        }
    }

    @Test
    void every_response_carries_its_own_request_id() {
        Http api = app.newTenant();
        Set<String> ids = new HashSet<>();
        for (Http.Response response : List.of(api.get(CONTACTS), app.http().get("/health"), app.http().get("/nope"),
                api.post(CONTACTS, Map.of("name", "Id Check")), app.http().get(CONTACTS))) {
            assertThat(response.header("X-Request-Id")).as(response.body()).isPresent();
            assertThat(response.header("Content-Type").orElseThrow()).startsWith("application/json");
            assertNothingInternal(response);
            ids.add(response.header("X-Request-Id").orElseThrow());
        }
        assertThat(ids).hasSize(5);
    }

    @Test
    void health_answers_200_status_ok_without_a_key() {
        Http.Response health = app.http().get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.header("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(health.header("X-Request-Id")).isPresent();
        assertThat(health.json().toString()).isEqualTo("{\"status\":\"ok\"}");
    }
}
