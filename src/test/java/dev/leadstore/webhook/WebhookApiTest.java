package dev.leadstore.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/api.md §10.4 and §10.7: managing webhooks, their permissions and isolation, and the URLs
 * refused. These servers keep the default (no private addresses), so every URL here is public.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class WebhookApiTest {
    static final String WEBHOOKS = "/external/v1/webhooks";
    /** A public address written as a literal: no DNS needed, and nothing here makes it receive anything. */
    static final String PUBLIC_URL = "https://93.184.215.14/hooks";

    @Parameter
    TestApp app;

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    @Test
    void a_webhook_is_created_listed_read_changed_and_deleted_and_its_secret_shows_only_at_creation() {
        Http api = app.newTenant();
        Http.Response created = api.post(WEBHOOKS, body("url", PUBLIC_URL, "events", List.of("contact.*", "contact.created"),
                "description", "  CRM sync  "));
        created.expectStatus(201);
        JsonNode webhook = created.data();
        String id = webhook.get("id").asText();
        assertThat(id).matches("whk_[a-z0-9]{12}");
        assertThat(webhook.fieldNames()).toIterable().containsExactly("id", "url", "events", "description", "enabled",
                "created_at", "updated_at", "secret");
        assertThat(webhook.get("events")).hasToString("[\"contact.*\",\"contact.created\"]");
        assertThat(webhook.get("description").asText()).isEqualTo("CRM sync");
        assertThat(webhook.get("enabled").asBoolean()).isTrue();
        String secret = webhook.get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);

        JsonNode listed = api.get(WEBHOOKS).expectStatus(200).data().get("webhooks");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).has("secret")).isFalse();
        assertThat(listed.get(0).get("id").asText()).isEqualTo(id);
        JsonNode read = api.get(WEBHOOKS + "/" + id).expectStatus(200).data();
        assertThat(read.has("secret")).isFalse();
        assertThat(read.get("url").asText()).isEqualTo(PUBLIC_URL);

        JsonNode changed = api.patch(WEBHOOKS + "/" + id, body("events", List.of("opportunity.stage_changed"),
                "description", null, "enabled", false)).expectStatus(200).data();
        assertThat(changed.get("events")).hasToString("[\"opportunity.stage_changed\"]");
        assertThat(changed.get("description").isNull()).isTrue();
        assertThat(changed.get("enabled").asBoolean()).isFalse();
        assertThat(changed.has("secret")).isFalse();
        assertThat(api.get(WEBHOOKS + "/" + id).data()).isEqualTo(changed);

        JsonNode rotated = api.post(WEBHOOKS + "/" + id + "/rotate-secret", null).expectStatus(200).data();
        assertThat(rotated.get("secret").asText()).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(api.get(WEBHOOKS + "/" + id).data().has("secret")).isFalse();

        assertThat(api.post(WEBHOOKS + "/" + id + "/test", null).errorCode()).as("a disabled webhook").isEqualTo("CONFLICT");
        api.delete(WEBHOOKS + "/" + id).expectStatus(200);
        assertThat(api.get(WEBHOOKS + "/" + id).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(api.delete(WEBHOOKS + "/" + id).status()).isEqualTo(404);
        assertThat(api.get(WEBHOOKS).data().get("webhooks")).isEmpty();
    }

    @Test
    void a_secret_in_a_body_is_an_unknown_field_and_every_input_has_limits() {
        Http api = app.newTenant();
        Http.Response withSecret = api.post(WEBHOOKS, body("url", PUBLIC_URL, "events", List.of("*"),
                "secret", "whsec_AAAA"));
        assertThat(withSecret.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(withSecret.json().at("/error/details/fields/secret").asText()).isEqualTo("is not a known field");
        assertThat(api.post(WEBHOOKS, body("url", PUBLIC_URL, "events", List.of("*"), "colour", "red"))
                .json().at("/error/details/fields/colour").asText()).isEqualTo("is not a known field");

        List<String> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(i % 2 == 0 ? "contact.created" + " ".repeat(i) : "x" + i);
        }
        JsonNode fields = api.post(WEBHOOKS, body("url", "https://93.184.215.14/" + "a".repeat(2048),
                "events", many, "description", "d".repeat(501), "enabled", "yes")).json().at("/error/details/fields");
        assertThat(fields.fieldNames()).toIterable().containsExactlyInAnyOrder("url", "events", "description", "enabled");
        assertThat(fields.get("url").asText()).contains("2048");
        assertThat(fields.get("events").asText()).contains("20");
        assertThat(fields.get("description").asText()).contains("500");

        JsonNode missing = api.post(WEBHOOKS, Map.of()).json().at("/error/details/fields");
        assertThat(missing.get("url").asText()).isEqualTo("is required");
        assertThat(missing.get("events").asText()).isEqualTo("is required");
        assertThat(api.post(WEBHOOKS, body("url", PUBLIC_URL, "events", List.of())).json()
                .at("/error/details/fields/events").asText()).contains("at least one");
        assertThat(api.post(WEBHOOKS, body("url", PUBLIC_URL, "events", List.of("contact.merged"))).json()
                .at("/error/details/fields/events").asText()).contains("contact.merged");
        assertThat(api.post(WEBHOOKS, body("url", "ftp://93.184.215.14/x", "events", List.of("*"))).json()
                .at("/error/details/fields/url").asText()).isEqualTo("must be an http or https URL");
        assertThat(api.post(WEBHOOKS, body("url", "not a url", "events", List.of("*"))).json()
                .at("/error/details/fields/url").asText()).isNotEmpty();
        assertThat(api.post(WEBHOOKS, body("url", "https://user:pw@93.184.215.14/", "events", List.of("*"))).json()
                .at("/error/details/fields/url").asText()).contains("password");

        String id = api.post(WEBHOOKS, body("url", PUBLIC_URL, "events", List.of("*"))).expectStatus(201).data()
                .get("id").asText();
        Http.Response patchSecret = api.patch(WEBHOOKS + "/" + id, body("secret", "whsec_x"));
        assertThat(patchSecret.json().at("/error/details/fields/secret").asText()).isEqualTo("is not a known field");
        assertThat(api.patch(WEBHOOKS + "/" + id, body("url", null, "events", null, "enabled", null)).json()
                .at("/error/details/fields").size()).isEqualTo(3);
        assertThat(api.get(WEBHOOKS + "/" + id + "/deliveries?limit=0").errorCode()).isEqualTo("INVALID_PARAMETER");
        assertThat(api.post(WEBHOOKS + "/" + id + "/replay", body("after", "cnt_000000000000")).json()
                .at("/error/details/fields/after").asText()).contains("evt_");
        assertThat(api.post(WEBHOOKS + "/" + id + "/replay", body("after", "evt_000000000000")).status()).isEqualTo(410);
    }

    @Test
    void webhooks_need_their_permissions_and_the_read_permission_of_the_events_they_carry() {
        String account = app.newAccount("enterprise");
        Http none = app.as(app.newKey(account, "contacts:*", "opportunities:*"));
        Http.Response refused = none.get(WEBHOOKS);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().at("/error/details/required_permission").asText()).isEqualTo("webhooks:read");
        assertThat(none.post(WEBHOOKS, body("url", PUBLIC_URL, "events", List.of("*"))).json()
                .at("/error/details/required_permission").asText()).isEqualTo("webhooks:write");

        Http writer = app.as(app.newKey(account, "webhooks:write", "contacts:read"));
        String id = writer.post(WEBHOOKS, body("url", PUBLIC_URL, "events", List.of("contact.*"))).expectStatus(201)
                .data().get("id").asText();
        assertThat(writer.get(WEBHOOKS).status()).as("write is not read").isEqualTo(403);
        assertThat(writer.post(WEBHOOKS, body("url", PUBLIC_URL, "events", List.of("opportunity.*"))).json()
                .at("/error/details/required_permission").asText()).isEqualTo("opportunities:read");
        assertThat(writer.patch(WEBHOOKS + "/" + id, body("events", List.of("*"))).status()).isEqualTo(403);

        Http reader = app.as(app.newKey(account, "webhooks:read"));
        assertThat(reader.get(WEBHOOKS).data().get("webhooks")).hasSize(1);
        assertThat(reader.get(WEBHOOKS + "/" + id + "/deliveries").data().get("deliveries")).isEmpty();
        for (String write : List.of("/rotate-secret", "/test")) {
            assertThat(reader.post(WEBHOOKS + "/" + id + write, null).status()).isEqualTo(403);
        }
        assertThat(reader.delete(WEBHOOKS + "/" + id).status()).isEqualTo(403);

        Http wildcard = app.as(app.newKey(account, "webhooks:*", "opportunities:read"));
        assertThat(wildcard.patch(WEBHOOKS + "/" + id, body("events", List.of("opportunity.*"))).status())
                .isEqualTo(200);
    }

    @Test
    void another_accounts_webhook_is_not_found_whatever_is_asked() {
        Http owner = app.newTenant();
        String id = owner.post(WEBHOOKS, body("url", PUBLIC_URL, "events", List.of("*"))).expectStatus(201).data()
                .get("id").asText();
        Http other = app.newTenant();
        assertThat(other.get(WEBHOOKS).data().get("webhooks")).isEmpty();
        assertThat(other.get(WEBHOOKS + "/" + id).status()).isEqualTo(404);
        assertThat(other.patch(WEBHOOKS + "/" + id, body("enabled", false)).status()).isEqualTo(404);
        assertThat(other.post(WEBHOOKS + "/" + id + "/rotate-secret", null).status()).isEqualTo(404);
        assertThat(other.post(WEBHOOKS + "/" + id + "/test", null).status()).isEqualTo(404);
        assertThat(other.get(WEBHOOKS + "/" + id + "/deliveries").status()).isEqualTo(404);
        assertThat(other.post(WEBHOOKS + "/" + id + "/replay", body("after", "evt_000000000000")).status()).isEqualTo(404);
        assertThat(other.delete(WEBHOOKS + "/" + id).status()).isEqualTo(404);
        assertThat(other.get(WEBHOOKS + "/whk_nope").status()).isEqualTo(404);
        assertThat(owner.get(WEBHOOKS + "/" + id).data().get("enabled").asBoolean()).as("untouched").isTrue();
    }

    @Test
    void urls_that_point_inside_the_servers_network_are_refused_at_creation_and_change() {
        Http api = app.newTenant();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("http://127.0.0.1/hooks", "loopback");
        refused.put("http://127.9.9.9:8080/hooks", "loopback");
        refused.put("http://localhost:8080/hooks", "loopback");
        refused.put("https://[::1]/hooks", "loopback");
        refused.put("http://10.1.2.3/hooks", "private");
        refused.put("http://172.16.5.4/hooks", "private");
        refused.put("http://172.31.255.255/hooks", "private");
        refused.put("http://192.168.1.1/hooks", "private");
        refused.put("http://169.254.169.254/latest/meta-data", "link-local");
        refused.put("http://[fe80::1]/hooks", "link-local");
        refused.put("http://[fc00::1]/hooks", "unique local");
        refused.put("http://[fd12:3456::1]/hooks", "unique local");
        refused.put("http://224.0.0.1/hooks", "multicast");
        refused.put("http://[ff02::1]/hooks", "multicast");
        refused.put("http://0.0.0.0/hooks", "0.0.0.0/8");
        refused.put("http://0.1.2.3/hooks", "0.0.0.0/8");
        refused.put("http://100.64.0.1/hooks", "100.64.0.0/10");
        refused.put("http://100.127.255.254/hooks", "100.64.0.0/10");
        refused.put("http://[::ffff:127.0.0.1]/hooks", "loopback");
        refused.put("http://[::ffff:10.0.0.1]/hooks", "private");
        refused.put("http://2130706433/hooks", "loopback");
        refused.put("https://no-such-host.invalid/hooks", "cannot be resolved");
        for (Map.Entry<String, String> url : refused.entrySet()) {
            Http.Response answer = api.post(WEBHOOKS, body("url", url.getKey(), "events", List.of("*")));
            assertThat(answer.status()).as(url.getKey()).isEqualTo(400);
            assertThat(answer.errorCode()).as(url.getKey()).isEqualTo("VALIDATION_ERROR");
            assertThat(answer.json().at("/error/details/fields/url").asText()).as(url.getKey()).contains(url.getValue());
        }
        for (String allowed : List.of("http://172.32.0.1/hooks", "http://100.128.0.1/x", "https://93.184.215.14:8443/a?b=c")) {
            assertThat(api.post(WEBHOOKS, body("url", allowed, "events", List.of("*"))).status()).as(allowed).isEqualTo(201);
        }
        String id = api.get(WEBHOOKS).data().at("/webhooks/0/id").asText();
        Http.Response changed = api.patch(WEBHOOKS + "/" + id, body("url", "http://192.168.0.10/"));
        assertThat(changed.json().at("/error/details/fields/url").asText()).contains("private");
        assertThat(api.get(WEBHOOKS + "/" + id).data().get("url").asText()).isEqualTo("http://172.32.0.1/hooks");
    }
}
