package dev.leadstore.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/api.md §2.7: GET /external/v1/self tells any valid key what it is and whose. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class SelfTest {
    private static final String SELF = "/external/v1/self";

    @Parameter
    TestApp app;

    @Test
    void any_valid_key_reads_itself_and_its_account_whatever_its_permissions() {
        String account = app.admin().post("/admin/v1/accounts", Map.of("name", "Acme", "plan", "business"))
                .expectStatus(201).data().get("id").asText();
        String secret = app.newKey(account, Map.of("name", "reporting", "permissions", List.of("opportunities:read"),
                "rate_limit_per_hour", 250, "expires_at", "2999-01-01T00:00:00Z"));
        Http.Response response = app.as(secret).get(SELF).expectStatus(200);
        JsonNode self = response.data();
        JsonNode listed = app.admin().get("/admin/v1/accounts/" + account + "/api-keys").data().get("api_keys").get(0);
        assertThat(self.get("id").asText()).isEqualTo(listed.get("id").asText());
        assertThat(self.get("name").asText()).isEqualTo("reporting");
        assertThat(self.get("prefix").asText()).isEqualTo(secret.substring(0, 12));
        assertThat(self.get("permissions")).hasToString("[\"opportunities:read\"]");
        assertThat(self.get("rate_limit_per_hour").asInt()).isEqualTo(250);
        assertThat(self.get("expires_at").asText()).isEqualTo("2999-01-01T00:00:00.000Z");
        assertThat(self.get("account")).hasToString("{\"id\":\"" + account + "\",\"name\":\"Acme\",\"plan\":\"business\"}");
        assertThat(self.has("key")).as("never the secret").isFalse();
        assertThat(self).hasSize(7);
        assertThat(response.header("X-RateLimit-Limit")).contains("250");
        assertThat(response.header("X-RateLimit-Remaining")).contains("249");
    }

    @Test
    void without_a_valid_key_it_is_401_and_a_plan_change_shows_at_once() {
        assertThat(app.http().get(SELF).errorCode()).isEqualTo("MISSING_API_KEY");
        assertThat(app.as("gr_live_nothing_like_a_key").get(SELF).errorCode()).isEqualTo("INVALID_API_KEY");
        String account = app.newAccount("free");
        Http api = app.as(app.newKey(account, "contacts:read"));
        assertThat(api.get(SELF).data().at("/account/plan").asText()).isEqualTo("free");
        assertThat(api.get(SELF).data().get("rate_limit_per_hour").asInt()).isEqualTo(100);
        app.admin().put("/admin/v1/accounts/" + account, Map.of("plan", "pro")).expectStatus(200);
        assertThat(api.get(SELF).data().at("/account/plan").asText()).isEqualTo("pro");
        assertThat(api.get(SELF).data().get("rate_limit_per_hour").asInt()).isEqualTo(1000);
        assertThat(api.get(SELF).data().get("expires_at").isNull()).isTrue();
    }
}
