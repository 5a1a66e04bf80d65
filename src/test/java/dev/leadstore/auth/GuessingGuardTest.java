package dev.leadstore.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md §2: repeated invalid credentials from one address are refused before they can be
 * guessed, while valid keys and the operator token from that address are never refused.
 */
class GuessingGuardTest {
    private static final String CONTACTS = "/external/v1/contacts";

    @Test
    void an_address_that_presents_too_many_invalid_keys_gets_429_for_further_invalid_ones_only() {
        try (TestApp app = TestApp.start(TestDatabase.h2(), Map.of("LEADSTORE_AUTH_FAILURES_PER_MINUTE", "5"))) {
            String valid = app.newKey(app.newAccount("pro"), "*");
            for (int i = 0; i < 5; i++) {
                assertThat(app.as("gr_live_guess" + i).get(CONTACTS).errorCode()).isEqualTo("INVALID_API_KEY");
            }
            Http.Response refused = app.as("gr_live_guess_more").get(CONTACTS);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.errorCode()).isEqualTo("RATE_LIMIT_EXCEEDED");
            long retryAfter = refused.json().at("/error/retry_after").asLong();
            assertThat(retryAfter).isBetween(1L, 60L);
            assertThat(refused.header("Retry-After")).contains(Long.toString(retryAfter));
            assertThat(app.as(valid).get(CONTACTS).status()).as("a valid key from the same address").isEqualTo(200);
            assertThat(app.admin().get("/admin/v1/accounts").status()).as("the operator token").isEqualTo(200);
            assertThat(app.as("gr_live_guess_again").get(CONTACTS).status()).isEqualTo(429);
        }
    }

    @Test
    void wrong_operator_tokens_count_too_and_the_right_one_still_works() {
        try (TestApp app = TestApp.start(TestDatabase.h2(), Map.of("LEADSTORE_AUTH_FAILURES_PER_MINUTE", "3"))) {
            Http wrong = app.http().withHeader("Authorization", "Bearer not-the-token");
            for (int i = 0; i < 3; i++) {
                assertThat(wrong.get("/admin/v1/accounts").errorCode()).isEqualTo("UNAUTHORIZED");
            }
            assertThat(wrong.get("/admin/v1/accounts").status()).isEqualTo(429);
            assertThat(app.as("gr_live_unknown").get(CONTACTS).status()).isEqualTo(429);
            assertThat(app.admin().get("/admin/v1/accounts").status()).isEqualTo(200);
        }
    }

    @Test
    void without_trusted_proxies_a_forwarded_for_header_does_not_escape_the_guard() {
        try (TestApp app = TestApp.start(TestDatabase.h2(), Map.of("LEADSTORE_AUTH_FAILURES_PER_MINUTE", "3"))) {
            for (int i = 0; i < 3; i++) {
                app.http().withHeader("X-Forwarded-For", "10.0.0." + i).withHeader("X-API-Key", "gr_live_x" + i)
                        .get(CONTACTS).expectStatus(401);
            }
            assertThat(app.http().withHeader("X-Forwarded-For", "10.0.0.99").withHeader("X-API-Key", "gr_live_y")
                    .get(CONTACTS).status()).isEqualTo(429);
        }
    }

    @Test
    void behind_a_trusted_proxy_each_forwarded_client_is_counted_on_its_own() {
        Map<String, String> settings = Map.of("LEADSTORE_AUTH_FAILURES_PER_MINUTE", "3",
                "LEADSTORE_TRUSTED_PROXIES", "127.0.0.0/8, ::1");
        try (TestApp app = TestApp.start(TestDatabase.h2(), settings)) {
            Http guesser = app.http().withHeader("X-Forwarded-For", "203.0.113.7").withHeader("X-API-Key", "gr_live_x");
            for (int i = 0; i < 3; i++) {
                guesser.get(CONTACTS).expectStatus(401);
            }
            assertThat(guesser.get(CONTACTS).status()).isEqualTo(429);
            Http neighbour = app.http().withHeader("X-Forwarded-For", "198.51.100.2").withHeader("X-API-Key", "gr_live_z");
            assertThat(neighbour.get(CONTACTS).status()).as("another client behind the same proxy").isEqualTo(401);
            Http spoofing = app.http().withHeader("X-Forwarded-For", "198.51.100.9, 203.0.113.7")
                    .withHeader("X-API-Key", "gr_live_w");
            assertThat(spoofing.get(CONTACTS).status()).as("the hop the proxy saw is the client").isEqualTo(429);
        }
    }

    @Test
    void a_bad_trusted_proxies_setting_stops_startup_with_a_message() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.leadstore.Config.from(
                        Map.of("LEADSTORE_TRUSTED_PROXIES", "10.0.0.0/33")))
                .hasMessageContaining("LEADSTORE_TRUSTED_PROXIES");
    }
}
