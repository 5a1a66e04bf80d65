package dev.leadstore.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.leadstore.support.Http;
import dev.leadstore.support.MutableClock;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/api.md §3 and §8.2: hourly limits per key, their headers, 429, and the shared limit with Redis.
 * Counting runs on a server of its own whose clock stands still, so no test races an hour's end.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class RateLimitTest {
    static final String REDIS_VARIABLE = "LEADSTORE_TEST_REDIS_URL";
    private static final String CONTACTS = "/external/v1/contacts";
    private static final Instant TWENTY_PAST = Instant.parse("2030-06-01T10:20:00Z");
    private static final long NEXT_HOUR = Instant.parse("2030-06-01T11:00:00Z").getEpochSecond();
    private static final Map<String, TestApp> OWN = new ConcurrentHashMap<>();
    private static final Map<String, MutableClock> CLOCKS = new ConcurrentHashMap<>();

    @Parameter
    TestApp shared;

    TestApp app;
    MutableClock clock;

    @BeforeEach
    void ownServerAtTwentyPastTen() {
        String kind = shared.database().kind();
        clock = CLOCKS.computeIfAbsent(kind, k -> new MutableClock(TWENTY_PAST));
        clock.set(TWENTY_PAST);
        app = OWN.computeIfAbsent(kind, k -> TestApp.start(TestDatabase.of(k), clock, null));
    }

    @AfterAll
    static void closeOwnServers() {
        OWN.values().forEach(TestApp::close);
        OWN.clear();
    }

    private String keyWithLimit(String accountId, int limit, String... permissions) {
        return app.newKey(accountId, Map.of("name", "limited", "permissions", List.of(permissions),
                "rate_limit_per_hour", limit));
    }

    private static void assertLimitHeaders(Http.Response response, int limit, int remaining, long secondsToReset) {
        String what = "HTTP " + response.status() + " " + response.body();
        assertThat(response.header("X-RateLimit-Limit")).as(what).contains(Integer.toString(limit));
        assertThat(response.header("X-RateLimit-Remaining")).as(what).contains(Integer.toString(remaining));
        assertThat(response.header("X-RateLimit-Reset")).as(what).contains(Long.toString(NEXT_HOUR));
        assertThat(response.header("RateLimit-Policy")).as(what).contains("\"hourly\";q=" + limit + ";w=3600");
        assertThat(response.header("RateLimit")).as(what)
                .contains("\"hourly\";r=" + remaining + ";t=" + secondsToReset);
    }

    @Test
    void every_authenticated_response_carries_the_limit_headers_counting_down() {
        String account = app.newAccount("pro");
        Http client = app.as(keyWithLimit(account, 6, "contacts:read", "contacts:write"));

        assertLimitHeaders(client.get(CONTACTS).expectStatus(200), 6, 5, 2400);
        assertLimitHeaders(client.post(CONTACTS, Map.of("name", "A")).expectStatus(201), 6, 4, 2400);
        assertLimitHeaders(client.get(CONTACTS + "/cnt_000000000000").expectStatus(404), 6, 3, 2400);
        assertLimitHeaders(client.post(CONTACTS, Map.of("nme", "typo")).expectStatus(400), 6, 2, 2400);
        assertLimitHeaders(client.send("POST", CONTACTS, "text/plain", "A").expectStatus(415), 6, 1, 2400);
        assertLimitHeaders(client.delete(CONTACTS + "/cnt_000000000000").expectStatus(403), 6, 0, 2400);
        assertLimitHeaders(client.get(CONTACTS).expectStatus(429), 6, 0, 2400);
    }

    @Test
    void the_request_after_the_limit_is_429_with_retry_after_in_body_and_header() {
        clock.set(Instant.parse("2030-06-01T10:50:00Z"));
        Http client = app.as(keyWithLimit(app.newAccount("pro"), 3, "*"));
        for (int i = 0; i < 3; i++) {
            client.get(CONTACTS).expectStatus(200);
        }

        Http.Response refused = client.get(CONTACTS);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.errorCode()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(refused.json().at("/error/retry_after").isIntegralNumber()).isTrue();
        assertThat(refused.json().at("/error/retry_after").asLong()).isEqualTo(600);
        assertThat(refused.header("Retry-After")).contains("600");
        assertLimitHeaders(refused, 3, 0, 600);
    }

    @Test
    void the_limit_comes_before_body_checks_and_every_route_shares_it() {
        Http client = app.as(keyWithLimit(app.newAccount("pro"), 2, "*"));
        client.get(CONTACTS).expectStatus(200);
        client.post(CONTACTS, Map.of("name", "B")).expectStatus(201);

        assertThat(client.send("POST", CONTACTS, "text/plain", "x").errorCode()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(client.send("POST", CONTACTS, "application/json", "{bad").errorCode())
                .isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(client.get(CONTACTS + "/cnt_000000000000").errorCode()).isEqualTo("RATE_LIMIT_EXCEEDED");
    }

    @Test
    void refused_requests_are_not_counted() {
        String account = app.newAccount("enterprise");
        app.admin().put("/admin/v1/accounts/" + account, Map.of("rate_limit_per_hour", 3)).expectStatus(200);
        Http client = app.as(app.newKey(account, "*"));
        for (int i = 0; i < 3; i++) {
            client.get(CONTACTS).expectStatus(200);
        }
        for (int i = 0; i < 5; i++) {
            client.get(CONTACTS).expectStatus(429);
        }

        app.admin().put("/admin/v1/accounts/" + account, Map.of("rate_limit_per_hour", 5)).expectStatus(200);
        assertLimitHeaders(client.get(CONTACTS).expectStatus(200), 5, 1, 2400);
        assertLimitHeaders(client.get(CONTACTS).expectStatus(200), 5, 0, 2400);
        client.get(CONTACTS).expectStatus(429);
    }

    @Test
    void the_next_clock_hour_gives_exactly_the_full_limit_again() {
        Http client = app.as(keyWithLimit(app.newAccount("pro"), 3, "*"));
        for (int i = 0; i < 3; i++) {
            client.get(CONTACTS).expectStatus(200);
        }
        client.get(CONTACTS).expectStatus(429);

        clock.set(Instant.parse("2030-06-01T10:59:59.999Z"));
        assertThat(client.get(CONTACTS).status()).isEqualTo(429);
        clock.set(Instant.parse("2030-06-01T11:00:00Z"));
        for (int remaining = 2; remaining >= 0; remaining--) {
            Http.Response response = client.get(CONTACTS).expectStatus(200);
            assertThat(response.header("X-RateLimit-Remaining")).contains(Integer.toString(remaining));
            assertThat(response.header("X-RateLimit-Reset")).contains(Long.toString(NEXT_HOUR + 3600));
        }
        assertThat(client.get(CONTACTS).status()).isEqualTo(429);
    }

    @Test
    void keys_get_their_accounts_plan_default_limit() {
        Map<String, Integer> defaults = Map.of("free", 100, "pro", 1000, "business", 5000, "enterprise", 10_000);
        defaults.forEach((plan, limit) -> {
            Http.Response response = app.as(app.newKey(app.newAccount(plan), "*")).get(CONTACTS).expectStatus(200);
            assertThat(response.header("X-RateLimit-Limit")).as(plan).contains(Integer.toString(limit));
            assertThat(response.header("X-RateLimit-Remaining")).as(plan).contains(Integer.toString(limit - 1));
        });
    }

    @Test
    void an_enterprise_account_limit_applies_to_its_keys_and_a_keys_own_limit_wins() {
        String enterprise = app.admin().post("/admin/v1/accounts",
                Map.of("name", "big", "plan", "enterprise", "rate_limit_per_hour", 25_000))
                .expectStatus(201).data().get("id").asText();
        assertThat(app.as(app.newKey(enterprise, "*")).get(CONTACTS).header("X-RateLimit-Limit")).contains("25000");
        assertThat(app.as(keyWithLimit(enterprise, 7, "*")).get(CONTACTS).header("X-RateLimit-Limit")).contains("7");
        assertThat(app.as(keyWithLimit(enterprise, 30_000, "*")).get(CONTACTS).header("X-RateLimit-Limit"))
                .contains("30000");

        String free = app.newAccount("free");
        assertThat(app.as(keyWithLimit(free, 500, "*")).get(CONTACTS).header("X-RateLimit-Limit")).contains("500");
    }

    @Test
    void each_key_of_an_account_counts_on_its_own() {
        String account = app.newAccount("enterprise");
        app.admin().put("/admin/v1/accounts/" + account, Map.of("rate_limit_per_hour", 2)).expectStatus(200);
        Http first = app.as(app.newKey(account, "*"));
        Http second = app.as(app.newKey(account, "*"));
        first.get(CONTACTS).expectStatus(200);
        first.get(CONTACTS).expectStatus(200);
        first.get(CONTACTS).expectStatus(429);

        assertThat(second.get(CONTACTS).header("X-RateLimit-Remaining")).contains("1");
        second.get(CONTACTS).expectStatus(200);
        second.get(CONTACTS).expectStatus(429);
    }

    @Test
    void with_the_real_clock_the_reset_is_the_start_of_the_next_hour() {
        Http client = shared.as(shared.newKey(shared.newAccount("pro"), "*"));
        long before = Instant.now().getEpochSecond();
        Http.Response response = client.get(CONTACTS).expectStatus(200);
        long after = Instant.now().getEpochSecond();

        long reset = Long.parseLong(response.header("X-RateLimit-Reset").orElseThrow());
        assertThat(reset % 3600).isZero();
        assertThat(reset).isGreaterThan(before).isLessThanOrEqualTo(after + 3600);
        assertThat(response.header("RateLimit").orElseThrow()).matches("\"hourly\";r=999;t=\\d+");
    }

    @Test
    void two_servers_sharing_redis_enforce_one_limit_together() {
        String redis = System.getenv(REDIS_VARIABLE);
        assumeTrue(redis != null && !redis.isBlank(), REDIS_VARIABLE + " is not set");
        TestDatabase database = TestDatabase.of(shared.database().kind());
        try (TestApp a = TestApp.start(database, clock, redis); TestApp b = TestApp.start(database, clock, redis)) {
            String key = a.newKey(a.newAccount("pro"), Map.of("name", "shared", "permissions", List.of("*"),
                    "rate_limit_per_hour", 5));
            for (int remaining = 4; remaining >= 2; remaining--) {
                assertLimitHeaders(a.as(key).get(CONTACTS).expectStatus(200), 5, remaining, 2400);
            }
            for (int remaining = 1; remaining >= 0; remaining--) {
                assertLimitHeaders(b.as(key).get(CONTACTS).expectStatus(200), 5, remaining, 2400);
            }
            assertThat(a.as(key).get(CONTACTS).errorCode()).isEqualTo("RATE_LIMIT_EXCEEDED");
            assertThat(b.as(key).get(CONTACTS).errorCode()).isEqualTo("RATE_LIMIT_EXCEEDED");

            clock.set(Instant.parse("2030-06-01T11:00:00Z"));
            assertThat(b.as(key).get(CONTACTS).header("X-RateLimit-Remaining")).contains("4");
            assertThat(a.as(key).get(CONTACTS).header("X-RateLimit-Remaining")).contains("3");
        }
    }
}
