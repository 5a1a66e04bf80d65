package dev.leadstore.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Whatever bytes arrive as a body of create or update, the answer is our error envelope with a
 * 4xx code (or a success): never a 5xx, never a stack trace.
 */
class HostileInputPropertyTest {
    private static final String CONTACTS = "/external/v1/contacts";
    private static final List<String> FIELDS = List.of("name", "email", "phone", "company", "position",
            "linkedin_url", "source", "tags", "custom_fields", "id", "created_at", "unknown");

    private final Map<TestApp, Http> tenants = new LinkedHashMap<>();
    private final Map<TestApp, String> contacts = new LinkedHashMap<>();

    @BeforeProperty
    void oneTenantAndContactPerDatabase() {
        TestApp.all().forEach(app -> {
            Http api = app.newTenant();
            tenants.put(app, api);
            contacts.put(app, TestApp.createContact(api, Map.of("name", "Target")).get("id").asText());
        });
    }

    @Property(tries = 150)
    void generated_json_never_gets_a_server_error(@ForAll("documents") String body) {
        sendEverywhere(body.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 60)
    void random_bytes_never_get_a_server_error(@ForAll("bytes") byte[] body) {
        sendEverywhere(body);
    }

    @Example
    void nesting_ten_thousand_levels_deep_is_a_400() {
        String deep = "{\"name\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        tenants.values().forEach(api -> assertThat(send(api, "POST", CONTACTS, deep.getBytes(StandardCharsets.UTF_8))
                .errorCode()).isEqualTo("VALIDATION_ERROR"));
    }

    @Example
    void repeated_keys_are_a_400_even_when_both_values_are_valid() {
        byte[] body = "{\"name\":\"A\",\"email\":\"a@b.co\",\"email\":\"a@b.co\"}".getBytes(StandardCharsets.UTF_8);
        tenants.values().forEach(api -> assertThat(send(api, "POST", CONTACTS, body).status()).isEqualTo(400));
    }

    @Example
    void huge_numbers_and_strings_of_a_mebibyte_are_refused_cleanly() {
        String justUnder = "{\"name\":\"" + "a".repeat(Bodies.MAX_BYTES - 20) + "\"}";
        String over = "{\"name\":\"" + "a".repeat(Bodies.MAX_BYTES + 10) + "\"}";
        tenants.values().forEach(api -> {
            assertThat(send(api, "POST", CONTACTS, justUnder.getBytes(StandardCharsets.UTF_8)).errorCode())
                    .isEqualTo("VALIDATION_ERROR");
            assertThat(send(api, "POST", CONTACTS, over.getBytes(StandardCharsets.UTF_8)).errorCode())
                    .isEqualTo("PAYLOAD_TOO_LARGE");
            assertThat(send(api, "POST", CONTACTS, "{\"name\":1e400}".getBytes(StandardCharsets.UTF_8)).errorCode())
                    .isEqualTo("VALIDATION_ERROR");
        });
    }

    @Example
    void large_and_precise_finite_numbers_in_custom_fields_round_trip_exactly() {
        tenants.values().forEach(api -> {
            String body = "{\"name\":\"Numbers\",\"custom_fields\":{\"big\":1e300,\"precise\":0.1000000000000000000001,"
                    + "\"long\":123456789012345678901234567890}}";
            JsonNode created = send(api, "POST", CONTACTS, body.getBytes(StandardCharsets.UTF_8)).expectStatus(201).data();
            JsonNode read = exact(api.get(CONTACTS + "/" + created.get("id").asText()).body()).at("/data/custom_fields");
            assertThat(read.get("big").decimalValue()).isEqualByComparingTo("1e300");
            assertThat(read.get("precise").decimalValue()).isEqualByComparingTo("0.1000000000000000000001");
            assertThat(read.get("long").decimalValue()).isEqualByComparingTo("123456789012345678901234567890");
        });
    }

    private static JsonNode exact(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private void sendEverywhere(byte[] body) {
        tenants.forEach((app, api) -> {
            check(send(api, "POST", CONTACTS, body));
            check(send(api, "PUT", CONTACTS + "/" + contacts.get(app), body));
            check(send(api, "PATCH", "/external/v1/opportunities/opp_000000000000", body));
        });
    }

    private static Http.Response send(Http api, String method, String path, byte[] body) {
        return api.sendBytes(method, path, "application/json", body);
    }

    private static void check(Http.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 499);
        assertThat(response.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode json = response.json();
        if (response.status() >= 400) {
            assertThat(json.get("success").asBoolean()).isFalse();
            assertThat(json.at("/error/code").asText()).isNotEmpty();
            assertThat(response.body()).doesNotContain("Exception", "at java.", "org.h2", "org.postgresql", "SQL");
        }
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    @Provide
    Arbitrary<String> documents() {
        return Arbitraries.lazyOf(() -> object(3));
    }

    private Arbitrary<String> object(int depth) {
        Arbitrary<String> member = Arbitraries.of(FIELDS).injectDuplicates(0.05)
                .flatMap(name -> value(depth).map(v -> quote(name) + ":" + v));
        return member.list().ofMaxSize(8).map(members -> "{" + String.join(",", members) + "}");
    }

    private Arbitrary<String> value(int depth) {
        List<Arbitrary<String>> choices = new ArrayList<>(List.of(
                strings().map(HostileInputPropertyTest::quote),
                Arbitraries.of("0", "-1", "1e400", "-1e-400", "123456789012345678901234567890", "1.5", "NaN",
                        "true", "false", "null", "\"\\uD800\"", "\"\\uDC00x\"", "\"\\u0000\"", "\"a\\tb\""),
                Arbitraries.integers().map(String::valueOf)));
        if (depth > 0) {
            choices.add(value(depth - 1).list().ofMaxSize(5).map(items -> "[" + String.join(",", items) + "]"));
            choices.add(object(depth - 1));
        }
        return Arbitraries.oneOf(choices);
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.strings().all().ofMaxLength(80);
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
