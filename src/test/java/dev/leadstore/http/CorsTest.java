package dev.leadstore.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Browsers may call the API only from origins the operator lists. */
class CorsTest {

    @Test
    void without_configured_origins_no_cors_header_is_ever_sent() {
        try (TestApp app = TestApp.start(TestDatabase.h2(), Map.of())) {
            String key = app.newKey(app.newAccount("pro"), "*");
            Http.Response response = app.as(key).withHeader("Origin", "https://evil.example").get("/external/v1/contacts");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Access-Control-Allow-Origin")).isEmpty();
            Http.Response preflight = app.http().withHeader("Origin", "https://evil.example")
                    .withHeader("Access-Control-Request-Method", "POST").send("OPTIONS", "/external/v1/contacts", null, null);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void a_configured_origin_is_allowed_and_others_are_not() {
        try (TestApp app = TestApp.start(TestDatabase.h2(),
                Map.of("LEADSTORE_CORS_ORIGINS", "https://app.example.com"))) {
            String key = app.newKey(app.newAccount("pro"), "*");
            Http.Response allowed = app.as(key).withHeader("Origin", "https://app.example.com").get("/external/v1/contacts");
            assertThat(allowed.header("Access-Control-Allow-Origin")).contains("https://app.example.com");
            Http.Response other = app.as(key).withHeader("Origin", "https://evil.example").get("/external/v1/contacts");
            assertThat(other.header("Access-Control-Allow-Origin")).isEmpty();
            Http.Response preflight = app.http().withHeader("Origin", "https://app.example.com")
                    .withHeader("Access-Control-Request-Method", "POST").send("OPTIONS", "/external/v1/contacts", null, null);
            assertThat(preflight.status()).isEqualTo(200);
            assertThat(preflight.body()).isEmpty();
            assertThat(preflight.header("Access-Control-Allow-Origin")).contains("https://app.example.com");
        }
    }
}
