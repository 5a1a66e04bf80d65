package dev.leadstore.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers shared by the contact body tests. */
final class ContactChecks {
    static final String CONTACTS = "/external/v1/contacts";

    private ContactChecks() {
    }

    /** A JSON object body from alternating names and values; unlike Map.of, values may be null. */
    static Map<String, Object> body(Object... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return body;
    }

    /** A valid create body (name "Ann Lee") with the given fields added or replaced. */
    static Map<String, Object> contact(Object... namesAndValues) {
        Map<String, Object> body = body("name", "Ann Lee");
        body.putAll(body(namesAndValues));
        return body;
    }

    /** Asserts a 400 with that code whose details.fields names exactly those fields. */
    static void assertRefused(Http.Response response, String code, String... fields) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(400);
        assertThat(response.errorCode()).as("code of %s", response.body()).isEqualTo(code);
        JsonNode named = response.json().at("/error/details/fields");
        assertThat(named.isObject()).as("details.fields of %s", response.body()).isTrue();
        assertThat(named.fieldNames()).toIterable().as("fields named by %s", response.body())
                .containsExactlyInAnyOrder(fields);
    }

    static JsonNode get(Http api, String id) {
        return api.get(CONTACTS + "/" + id).expectStatus(200).data();
    }

    static String id(JsonNode contact) {
        return contact.get("id").asText();
    }
}
