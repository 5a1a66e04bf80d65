package dev.leadstore.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.MutableClock;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import dev.leadstore.support.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/api.md §10.5: a server that stops while an attempt is under way hands the delivery back
 * untried, and the next start delivers it; nothing pending is lost across a stop.
 */
class WebhookRestartTest {
    private static final Map<String, String> SETTINGS = Map.of("LEADSTORE_WEBHOOK_ALLOW_PRIVATE", "true",
            "LEADSTORE_WEBHOOK_RETRY_SCHEDULE", "1s", "LEADSTORE_WEBHOOK_TIMEOUT", "20s");

    /** A webhook of every contact.created to the receiver, which learns its secret; returns its id. */
    private static String subscribe(Http api, WebhookReceiver receiver) {
        JsonNode webhook = api.post("/external/v1/webhooks", Map.of("url", receiver.url(),
                "events", List.of("contact.created"))).expectStatus(201).data();
        receiver.secret(webhook.get("secret").asText());
        return webhook.get("id").asText();
    }

    static List<String> databases() {
        return TestApp.databases();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_delivery_under_way_at_a_stop_is_handed_back_and_sent_after_the_restart(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.of(kind);
             WebhookReceiver receiver = new WebhookReceiver()) {
            TestApp first = TestApp.start(db, SETTINGS);
            String key = first.newKey(first.newAccount("enterprise"), "*");
            Http api = first.as(key);
            String deliveries = "/external/v1/webhooks/" + subscribe(api, receiver) + "/deliveries";
            receiver.delay(Duration.ofSeconds(8));
            TestApp.createContact(api, Map.of("name", "In flight"));
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (api.get(deliveries).data().get("deliveries").isEmpty() && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            Thread.sleep(1000);
            long stopping = System.nanoTime();
            first.close();
            assertThat((System.nanoTime() - stopping) / 1_000_000).as("the stop does not wait for the receiver")
                    .isLessThan(7000);
            receiver.delay(Duration.ZERO);

            TestApp second = TestApp.start(db, SETTINGS);
            try {
                Http again = second.as(key);
                JsonNode delivery = null;
                end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < end) {
                    delivery = again.get(deliveries).data().get("deliveries").get(0);
                    if (delivery.get("status").asText().equals("delivered")) {
                        break;
                    }
                    Thread.sleep(100);
                }
                assertThat(delivery.get("status").asText()).isEqualTo("delivered");
                assertThat(delivery.get("attempts").asInt()).as("the aborted attempt is not counted").isEqualTo(1);
                assertThat(receiver.received(r -> r.answered() == 204 && r.valid())).isNotEmpty();
            } finally {
                second.close();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_address_is_checked_again_at_every_attempt(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.of(kind);
             WebhookReceiver receiver = new WebhookReceiver()) {
            String key;
            String deliveries;
            try (TestApp lax = TestApp.start(db, SETTINGS)) {
                key = lax.newKey(lax.newAccount("enterprise"), "*");
                JsonNode webhook = lax.as(key).post("/external/v1/webhooks", Map.of("url", receiver.url(),
                        "events", List.of("contact.created"))).expectStatus(201).data();
                receiver.secret(webhook.get("secret").asText());
                deliveries = "/external/v1/webhooks/" + webhook.get("id").asText() + "/deliveries";
            }
            // The same database served by a server with the default rules: the loopback receiver is refused.
            try (TestApp strict = TestApp.start(db, Map.of("LEADSTORE_WEBHOOK_RETRY_SCHEDULE", "1s"))) {
                Http api = strict.as(key);
                TestApp.createContact(api, Map.of("name", "Refused at delivery"));
                JsonNode delivery = null;
                long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < end) {
                    JsonNode all = api.get(deliveries).data().get("deliveries");
                    delivery = all.isEmpty() ? null : all.get(0);
                    if (delivery != null && delivery.get("status").asText().equals("failed")) {
                        break;
                    }
                    Thread.sleep(100);
                }
                assertThat(delivery).isNotNull();
                assertThat(delivery.get("status").asText()).isEqualTo("failed");
                assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
                assertThat(delivery.get("last_error").asText()).contains("loopback");
                assertThat(receiver.received()).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void an_endpoint_that_only_failed_for_five_days_is_disabled(String kind) throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (TestDatabase db = TestDatabase.of(kind);
             WebhookReceiver receiver = new WebhookReceiver();
             TestApp app = TestApp.start(db, Map.of("LEADSTORE_WEBHOOK_ALLOW_PRIVATE", "true",
                     "LEADSTORE_WEBHOOK_RETRY_SCHEDULE", "1s,1s,1s"), clock)) {
            Http api = app.as(app.newKey(app.newAccount("enterprise"), "*"));
            String path = "/external/v1/webhooks/" + subscribe(api, receiver);
            receiver.failNext(1000);
            TestApp.createContact(api, Map.of("name", "Failing"));
            assertThat(receiver.await(r -> true, 1, Duration.ofSeconds(20))).hasSize(1);
            Thread.sleep(300);
            clock.advance(Duration.ofDays(4));
            assertThat(receiver.await(r -> true, 2, Duration.ofSeconds(20))).hasSize(2);
            Thread.sleep(300);
            assertThat(api.get(path).data().get("enabled").asBoolean()).as("failing for 4 days").isTrue();
            clock.advance(Duration.ofDays(1).plusSeconds(1));
            assertThat(receiver.await(r -> true, 3, Duration.ofSeconds(20))).hasSize(3);
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (api.get(path).data().get("enabled").asBoolean() && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            assertThat(api.get(path).data().get("enabled").asBoolean()).as("failing for 5 days").isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void deliveries_go_with_their_events_once_retention_has_passed(String kind) throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (TestDatabase db = TestDatabase.of(kind);
             WebhookReceiver receiver = new WebhookReceiver();
             TestApp app = TestApp.start(db, Map.of("LEADSTORE_WEBHOOK_ALLOW_PRIVATE", "true",
                     "LEADSTORE_EVENT_RETENTION_DAYS", "30"), clock)) {
            Http api = app.as(app.newKey(app.newAccount("enterprise"), "*"));
            String deliveries = "/external/v1/webhooks/" + subscribe(api, receiver) + "/deliveries";
            TestApp.createContact(api, Map.of("name", "Old news"));
            assertThat(receiver.await(r -> r.answered() / 100 == 2, 1, Duration.ofSeconds(20))).hasSize(1);
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!api.get(deliveries).data().get("deliveries").get(0).get("status").asText().equals("delivered")
                    && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            app.leadstore().runChores();
            assertThat(api.get(deliveries).data().get("deliveries")).as("within retention").hasSize(1);
            clock.advance(Duration.ofDays(30).plusMinutes(1));
            app.leadstore().runChores();
            assertThat(api.get(deliveries).data().get("deliveries")).as("past retention").isEmpty();
            assertThat(api.get("/external/v1/events").data().get("events")).isEmpty();
        }
    }
}
