package dev.leadstore.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Keys are cached by the server; every change of a key or its account must reach the next request. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class KeyCacheTest {
    @Parameter
    TestApp app;

    @Test
    void a_key_revoked_through_the_operator_api_fails_on_the_very_next_request_after_many_cached_uses() {
        String account = app.newAccount("enterprise");
        String key = app.newKey(account, "*");
        Http api = app.as(key);
        for (int i = 0; i < 20; i++) {
            api.get("/external/v1/contacts").expectStatus(200);
        }
        String keyId = app.admin().get("/admin/v1/accounts/" + account + "/api-keys").data()
                .at("/api_keys/0/id").asText();
        app.admin().delete("/admin/v1/api-keys/" + keyId).expectStatus(200);

        assertThat(api.get("/external/v1/contacts").errorCode()).isEqualTo("INVALID_API_KEY");
    }

    @Test
    void a_plan_change_of_the_account_changes_the_limit_on_the_next_request() {
        String account = app.newAccount("free");
        Http api = app.as(app.newKey(account, "*"));
        assertThat(api.get("/external/v1/contacts").header("X-RateLimit-Limit")).contains("100");

        app.admin().put("/admin/v1/accounts/" + account, Map.of("plan", "business")).expectStatus(200);

        assertThat(api.get("/external/v1/contacts").header("X-RateLimit-Limit")).contains("5000");
    }
}
