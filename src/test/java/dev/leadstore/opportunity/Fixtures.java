package dev.leadstore.opportunity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tenants with users and campaigns, and bodies that may hold nulls, for the opportunity tests. */
final class Fixtures {
    static final String PATH = "/external/v1/opportunities";
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private Fixtures() {
    }

    /** An enterprise account, its id and a full-permission client. */
    record Tenant(TestApp app, String accountId, Http api) {
        static Tenant of(TestApp app) {
            String accountId = app.newAccount("enterprise");
            return new Tenant(app, accountId, app.as(app.newKey(accountId, "*")));
        }

        String user(String name) {
            return app.admin().post("/admin/v1/accounts/" + accountId + "/users",
                            Map.of("name", name, "email", name.toLowerCase().replace(' ', '.') + "@team.example"))
                    .expectStatus(201).data().get("id").asText();
        }

        String campaign(String name) {
            return app.admin().post("/admin/v1/accounts/" + accountId + "/campaigns", Map.of("name", name))
                    .expectStatus(201).data().get("id").asText();
        }

        JsonNode create(Object body) {
            return api.post(PATH, body).expectStatus(201).data();
        }

        JsonNode get(String id) {
            return api.get(PATH + "/" + id).expectStatus(200).data();
        }
    }

    /** A JSON object from alternating keys and values; values may be null. */
    static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    /** The response parsed with decimals kept exact, so amounts compare without float drift. */
    static JsonNode exact(Http.Response response) {
        try {
            return EXACT.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError("response is not JSON: " + response.body(), e);
        }
    }

    static Instant instant(JsonNode node) {
        return Instant.parse(node.asText());
    }
}
