package dev.leadstore.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import dev.leadstore.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** GET /metrics: Prometheus text for the operator, with each family counting what the server did. */
public class MetricsTest {
    private static final String CREATE = "http_server_requests_seconds_count{method=\"POST\","
            + "route=\"/external/v1/contacts\",status=\"201\"}";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.leadstore.support.TestApp#databases")
    void a_scrape_after_traffic_shows_each_family_with_what_the_server_did(String kind) {
        try (TestApp app = TestApp.start(TestDatabase.of(kind), Map.of())) {
            Http api = app.newTenant();
            int creates = 7;
            for (int i = 0; i < creates; i++) {
                TestApp.createContact(api, Map.of("name", "Metered " + i, "email", "m" + i + "@example.com"));
            }
            api.get("/external/v1/contacts/cnt_000000000000").expectStatus(404);
            String account = app.newAccount("pro");
            Http limited = app.as(app.newKey(account, Map.of("name", "two an hour", "permissions", List.of("*"),
                    "rate_limit_per_hour", 2)));
            limited.get("/external/v1/contacts").expectStatus(200);
            limited.get("/external/v1/contacts").expectStatus(200);
            String before = scrape(app);
            limited.get("/external/v1/contacts").expectStatus(429);

            String text = scrape(app);
            assertThat(value(text, CREATE)).isEqualTo(creates);
            assertThat(value(text, "http_server_requests_seconds_bucket{method=\"POST\","
                    + "route=\"/external/v1/contacts\",status=\"201\",le=\"+Inf\"}")).isEqualTo(creates);
            assertThat(value(text, "http_server_requests_seconds_count{method=\"GET\","
                    + "route=\"/external/v1/contacts/{id}\",status=\"404\"}")).isEqualTo(1);
            assertThat(value(text, "http_server_requests_seconds_sum{method=\"POST\","
                    + "route=\"/external/v1/contacts\",status=\"201\"}")).isPositive();
            assertThat(text).doesNotContain("cnt_000000000000");

            String hourly = "leadstore_rate_limit_refusals_total{reason=\"hourly\"}";
            assertThat(value(text, hourly)).isEqualTo(value(before, hourly) + 1);
            assertThat(value(text, "leadstore_events_written_total")).isEqualTo(creates);

            assertThat(value(text, "hikaricp_connections_max{pool=\"leadstore\"}")).isEqualTo(16);
            assertThat(value(text, "hikaricp_connections_active{pool=\"leadstore\"}")).isBetween(0.0, 16.0);
            assertThat(value(text, "hikaricp_connections_idle{pool=\"leadstore\"}")).isBetween(0.0, 16.0);
            assertThat(value(text, "hikaricp_connections_pending{pool=\"leadstore\"}")).isZero();

            assertThat(value(text, "leadstore_webhook_deliveries_total{outcome=\"delivered\"}")).isZero();
            assertThat(value(text, "leadstore_webhook_backlog")).isZero();
            assertThat(value(text, "leadstore_key_cache_trusted")).isEqualTo(1);

            assertThat(sum(text, "jvm_memory_used_bytes{area=\"heap\"")).isPositive();
            assertThat(text).contains("jvm_gc_live_data_size_bytes", "jvm_gc_memory_allocated_bytes_total");
            assertThat(value(text, "jvm_threads_live_threads")).isPositive();
            assertThat(value(text, "process_uptime_seconds")).isPositive();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.leadstore.support.TestApp#databases")
    void webhook_deliveries_are_counted_by_outcome_and_the_backlog_empties(String kind) throws Exception {
        try (TestApp app = TestApp.start(TestDatabase.of(kind), Map.of("LEADSTORE_WEBHOOK_ALLOW_PRIVATE", "true",
                "LEADSTORE_WEBHOOK_RETRY_SCHEDULE", "1s", "LEADSTORE_WEBHOOK_TIMEOUT", "2s"));
             WebhookReceiver receiver = new WebhookReceiver()) {
            Http api = app.newTenant();
            receiver.failNext(2);
            JsonNode webhook = api.post("/external/v1/webhooks", Map.of("url", receiver.url(), "events",
                    List.of("contact.*"))).expectStatus(201).data();
            receiver.secret(webhook.get("secret").asText());
            int creates = 3;
            for (int i = 0; i < creates; i++) {
                TestApp.createContact(api, Map.of("name", "Hooked " + i));
            }
            // Two first attempts fail (retried after 1 s), then every delivery succeeds.
            receiver.await(r -> r.answered() / 100 == 2, creates, Duration.ofSeconds(30));
            String text = "";
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < end) {
                text = scrape(app);
                if (value(text, "leadstore_webhook_deliveries_total{outcome=\"delivered\"}") == creates
                        && value(text, "leadstore_webhook_backlog") == 0) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(value(text, "leadstore_webhook_deliveries_total{outcome=\"delivered\"}")).isEqualTo(creates);
            assertThat(value(text, "leadstore_webhook_deliveries_total{outcome=\"failed\"}")).isEqualTo(2);
            assertThat(value(text, "leadstore_webhook_deliveries_total{outcome=\"abandoned\"}")).isZero();
            assertThat(value(text, "leadstore_webhook_backlog")).isZero();
        }
    }

    @Test
    void metrics_need_the_operator_token_and_do_not_exist_without_one() {
        try (TestApp app = TestApp.start(TestDatabase.h2(), Map.of())) {
            assertThat(app.http().get("/metrics").errorCode()).isEqualTo("UNAUTHORIZED");
            assertThat(app.http().withHeader("Authorization", "Bearer not-the-token").get("/metrics").status())
                    .isEqualTo(401);
            assertThat(app.admin().get("/metrics").expectStatus(200).header("Content-Type").orElseThrow())
                    .startsWith("text/plain");
        }
        try (TestApp app = TestApp.start(TestDatabase.h2(), Map.of("LEADSTORE_ADMIN_TOKEN", ""))) {
            assertThat(app.http().get("/metrics").status()).isEqualTo(404);
            assertThat(app.http().withHeader("Authorization", "Bearer anything").get("/metrics").errorCode())
                    .isEqualTo("NOT_FOUND");
        }
    }

    public static String scrape(TestApp app) {
        return app.admin().get("/metrics").expectStatus(200).body();
    }

    /** The value of the one sample with exactly this name and these labels. */
    public static double value(String text, String sample) {
        for (String line : text.split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim().split(" ")[0]);
            }
        }
        throw new AssertionError("no sample " + sample + " in:\n" + text);
    }

    /** The sum of every sample whose line starts with this prefix (the value is the line's last field). */
    private static double sum(String text, String prefix) {
        List<String> lines = text.lines().filter(line -> line.startsWith(prefix)).toList();
        assertThat(lines).as("samples starting " + prefix).isNotEmpty();
        return lines.stream().mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
