package dev.leadstore.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Repeated invalid credentials from one address are refused before they can be guessed. */
class GuessingGuardTest {

    @Test
    void an_address_that_presents_too_many_invalid_keys_gets_429_with_retry_after_even_for_a_valid_key() {
        try (TestApp app = TestApp.start(TestDatabase.h2(), Map.of("LEADSTORE_AUTH_FAILURES_PER_MINUTE", "5"))) {
            String valid = app.newKey(app.newAccount("pro"), "*");
            for (int i = 0; i < 5; i++) {
                assertThat(app.as("gr_live_guess" + i).get("/external/v1/contacts").errorCode())
                        .isEqualTo("INVALID_API_KEY");
            }
            Http.Response refused = app.as("gr_live_guess_more").get("/external/v1/contacts");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.errorCode()).isEqualTo("RATE_LIMIT_EXCEEDED");
            long retryAfter = refused.json().at("/error/retry_after").asLong();
            assertThat(retryAfter).isBetween(1L, 60L);
            assertThat(refused.header("Retry-After")).contains(Long.toString(retryAfter));
            assertThat(app.as(valid).get("/external/v1/contacts").status()).isEqualTo(429);
        }
    }

    @Test
    void a_forwarded_for_header_does_not_escape_the_guard() {
        try (TestApp app = TestApp.start(TestDatabase.h2(), Map.of("LEADSTORE_AUTH_FAILURES_PER_MINUTE", "3"))) {
            for (int i = 0; i < 3; i++) {
                app.http().withHeader("X-Forwarded-For", "10.0.0." + i).withHeader("X-API-Key", "gr_live_x" + i)
                        .get("/external/v1/contacts").expectStatus(401);
            }
            assertThat(app.http().withHeader("X-Forwarded-For", "10.0.0.99").withHeader("X-API-Key", "gr_live_y")
                    .get("/external/v1/contacts").status()).isEqualTo(429);
        }
    }

    @Test
    void wrong_operator_tokens_count_too() {
        try (TestApp app = TestApp.start(TestDatabase.h2(), Map.of("LEADSTORE_AUTH_FAILURES_PER_MINUTE", "3"))) {
            Http wrong = app.http().withHeader("Authorization", "Bearer not-the-token");
            for (int i = 0; i < 3; i++) {
                assertThat(wrong.get("/admin/v1/accounts").errorCode()).isEqualTo("UNAUTHORIZED");
            }
            assertThat(wrong.get("/admin/v1/accounts").status()).isEqualTo(429);
            assertThat(app.admin().get("/admin/v1/accounts").status()).isEqualTo(429);
        }
    }
}
