package dev.leadstore.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.WebhookReceiver;
import dev.leadstore.support.WebhookReceiver.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/api.md §10.5–10.6: events reach a receiver signed as Standard Webhooks says, are retried on
 * the schedule, replayed with their ids, and never followed through a redirect. The servers here
 * allow private addresses (the receiver is on 127.0.0.1), retry after 1 s twice, and give a
 * receiver 2 s to answer.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("servers")
class WebhookDeliveryTest {
    private static final String WEBHOOKS = "/external/v1/webhooks";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Parameter
    TestApp app;

    private WebhookReceiver receiver;

    static List<TestApp> servers() {
        return TestApp.all(WebhookReceiver.SERVER_SETTINGS);
    }

    @BeforeEach
    void receiver() {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    /** Creates a webhook to the receiver and tells the receiver its secret; returns its id. */
    private String webhook(Http api, WebhookReceiver to, List<String> events) {
        JsonNode created = api.post(WEBHOOKS, Map.of("url", to.url(), "events", events)).expectStatus(201).data();
        to.secret(created.get("secret").asText());
        return created.get("id").asText();
    }

    private static Predicate<Received> id(String webhookId) {
        return r -> webhookId.equals(r.webhookId());
    }

    private static JsonNode deliveries(Http api, String webhook) {
        return api.get(WEBHOOKS + "/" + webhook + "/deliveries").expectStatus(200).data().get("deliveries");
    }

    /** Waits until the webhook's newest delivery has the status; returns it. */
    private static JsonNode awaitStatus(Http api, String webhook, String status) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        JsonNode newest = null;
        while (System.nanoTime() < end) {
            JsonNode all = deliveries(api, webhook);
            newest = all.isEmpty() ? null : all.get(0);
            if (newest != null && newest.get("status").asText().equals(status)) {
                return newest;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no delivery reached " + status + "; newest: " + newest);
    }

    @Test
    void a_created_contact_reaches_the_receiver_signed_with_the_event_as_body() throws InterruptedException {
        Http api = app.newTenant();
        String webhook = webhook(api, receiver, List.of("contact.*"));
        String contact = TestApp.createContact(api, Map.of("name", "Hooked")).get("id").asText();
        api.post("/external/v1/opportunities", Map.of("name", "Not subscribed")).expectStatus(201);
        api.put("/external/v1/contacts/" + contact, Map.of("company", "Acme")).expectStatus(200);
        List<Received> got = receiver.await(r -> true, 2, WAIT);
        JsonNode feed = api.get("/external/v1/events?types=contact.*").data().get("events");
        assertThat(got).hasSize(2);
        got = new ArrayList<>(got);
        got.sort(java.util.Comparator.comparing(r -> r.json().at("/data/previous").isMissingNode() ? 0 : 1));
        for (int i = 0; i < 2; i++) {
            Received request = got.get(i);
            assertThat(request.valid()).as("signature and timestamp check out").isTrue();
            assertThat(request.signature()).startsWith("v1,");
            assertThat(request.webhookId()).isEqualTo(feed.get(i).get("id").asText());
            assertThat(request.json()).as("the body is the event as the feed shows it").isEqualTo(feed.get(i));
            assertThat(request.path()).isEqualTo("/hooks");
            assertThat(request.host()).isEqualTo(receiver.url().substring("http://".length(), receiver.url().indexOf("/hooks")));
        }
        assertThat(got.get(0).json().get("type").asText()).isEqualTo("contact.created");
        assertThat(got.get(1).json().at("/data/previous/company").isNull()).isTrue();
        Thread.sleep(500);
        assertThat(receiver.received()).as("no opportunity event").hasSize(2);
        JsonNode delivered = awaitStatus(api, webhook, "delivered");
        assertThat(delivered.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivered.get("last_status_code").asInt()).isEqualTo(204);
        assertThat(delivered.get("next_attempt_at").isNull()).isTrue();
        assertThat(delivered.get("delivered_at").isNull()).isFalse();
        assertThat(delivered.get("event_type").asText()).isEqualTo("contact.updated");
    }

    @Test
    void a_ping_is_delivered_and_listed_but_never_in_the_feed() throws InterruptedException {
        Http api = app.newTenant();
        String webhook = webhook(api, receiver, List.of("*"));
        JsonNode ping = api.post(WEBHOOKS + "/" + webhook + "/test", null).expectStatus(202).data();
        assertThat(ping.get("event_type").asText()).isEqualTo("ping");
        assertThat(ping.get("status").asText()).isEqualTo("pending");
        List<Received> got = receiver.await(r -> true, 1, WAIT);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).valid()).isTrue();
        assertThat(got.get(0).webhookId()).isEqualTo(ping.get("event_id").asText());
        assertThat(got.get(0).json().get("type").asText()).isEqualTo("ping");
        assertThat(got.get(0).json().at("/data/webhook_id").asText()).isEqualTo(webhook);
        assertThat(awaitStatus(api, webhook, "delivered").get("id").asText()).isEqualTo(ping.get("id").asText());
        assertThat(api.get("/external/v1/events").data().get("events")).isEmpty();
    }

    @Test
    void rotating_the_secret_signs_the_next_delivery_with_the_new_one() {
        Http api = app.newTenant();
        JsonNode created = api.post(WEBHOOKS, Map.of("url", receiver.url(), "events", List.of("contact.created")))
                .expectStatus(201).data();
        String webhook = created.get("id").asText();
        String original = created.get("secret").asText();
        receiver.secret(original);
        TestApp.createContact(api, Map.of("name", "Before"));
        Received before = receiver.await(r -> true, 1, WAIT).get(0);
        String rotated = api.post(WEBHOOKS + "/" + webhook + "/rotate-secret", null).data().get("secret").asText();
        assertThat(rotated).isNotNull();
        receiver.secret(rotated);
        TestApp.createContact(api, Map.of("name", "After"));
        List<Received> got = receiver.await(r -> true, 2, WAIT);
        assertThat(before.valid()).isTrue();
        assertThat(got).hasSize(2);
        Received after = got.get(1);
        assertThat(after.valid()).as("signed with the new secret").isTrue();
        assertThat(WebhookReceiver.verify(original, after.webhookId(), after.timestamp(), after.signature(),
                after.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))).as("not with the old one").isFalse();
        assertThat(WebhookReceiver.verify(original, before.webhookId(), before.timestamp(), before.signature(),
                before.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))).as("the check itself works").isTrue();
        assertThat(after.json().at("/data/object/name").asText()).isEqualTo("After");
    }

    @Test
    void a_failing_receiver_gets_every_attempt_of_the_schedule_with_one_webhook_id_then_the_delivery_fails()
            throws InterruptedException {
        Http api = app.newTenant();
        String webhook = webhook(api, receiver, List.of("contact.created"));
        receiver.failNext(100);
        TestApp.createContact(api, Map.of("name", "Unlucky"));
        JsonNode failed = awaitStatus(api, webhook, "failed");
        assertThat(failed.get("attempts").asInt()).as("1s,1s: three attempts").isEqualTo(3);
        assertThat(failed.get("last_status_code").asInt()).isEqualTo(500);
        assertThat(failed.get("last_error").asText()).contains("500");
        assertThat(failed.get("next_attempt_at").isNull()).isTrue();
        List<Received> got = receiver.received();
        assertThat(got).hasSize(3);
        assertThat(got).extracting(Received::webhookId).containsOnly(failed.get("event_id").asText());
        assertThat(got).allMatch(Received::valid);

        receiver.failNext(1);
        TestApp.createContact(api, Map.of("name", "Second time lucky"));
        JsonNode delivered = awaitStatus(api, webhook, "delivered");
        assertThat(delivered.get("attempts").asInt()).isEqualTo(2);
        Thread.sleep(1500);
        assertThat(receiver.received()).as("no attempt after the last one").hasSize(5);
    }

    @Test
    void replay_sends_the_events_after_one_again_with_their_original_ids() {
        Http api = app.newTenant();
        String webhook = webhook(api, receiver, List.of("contact.created"));
        for (String name : List.of("One", "Two", "Three")) {
            TestApp.createContact(api, Map.of("name", name));
        }
        assertThat(receiver.await(r -> true, 3, WAIT)).hasSize(3);
        JsonNode feed = api.get("/external/v1/events").data().get("events");
        JsonNode replayed = api.post(WEBHOOKS + "/" + webhook + "/replay", Map.of("after", feed.get(0).get("id").asText()))
                .expectStatus(202).data();
        assertThat(replayed.get("replayed").asInt()).isEqualTo(2);
        List<Received> all = receiver.await(r -> true, 5, WAIT);
        assertThat(all).hasSize(5);
        assertThat(all.subList(3, 5)).extracting(Received::webhookId)
                .containsExactlyInAnyOrder(feed.get(1).get("id").asText(), feed.get(2).get("id").asText());
        assertThat(all.subList(3, 5)).allMatch(Received::valid);
        assertThat(api.post(WEBHOOKS + "/" + webhook + "/replay", Map.of("after", "evt_000000000000")).errorCode())
                .isEqualTo("CURSOR_EXPIRED");
    }

    @Test
    void a_redirect_is_not_followed_and_counts_as_a_failed_attempt() throws InterruptedException {
        try (WebhookReceiver elsewhere = new WebhookReceiver()) {
            Http api = app.newTenant();
            String webhook = webhook(api, receiver, List.of("contact.created"));
            receiver.redirectTo(elsewhere.url("/stolen"));
            TestApp.createContact(api, Map.of("name", "Redirected"));
            assertThat(receiver.await(r -> true, 1, WAIT)).hasSize(1);
            JsonNode delivery = awaitStatus(api, webhook, "pending");
            long end = System.nanoTime() + WAIT.toNanos();
            while (delivery.get("attempts").asInt() == 0 && System.nanoTime() < end) {
                Thread.sleep(100);
                delivery = deliveries(api, webhook).get(0);
            }
            assertThat(delivery.get("last_status_code").asInt()).isEqualTo(302);
            Thread.sleep(300);
            assertThat(elsewhere.received()).isEmpty();
        }
    }

    @Test
    void a_receiver_slower_than_the_timeout_is_an_attempt_without_an_answer() throws InterruptedException {
        Http api = app.newTenant();
        String webhook = webhook(api, receiver, List.of("contact.created"));
        receiver.delay(Duration.ofSeconds(4));
        TestApp.createContact(api, Map.of("name", "Slow"));
        long end = System.nanoTime() + WAIT.toNanos();
        JsonNode delivery = null;
        while (System.nanoTime() < end) {
            JsonNode all = deliveries(api, webhook);
            delivery = all.isEmpty() ? null : all.get(0);
            if (delivery != null && delivery.get("attempts").asInt() >= 1) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(delivery).isNotNull();
        assertThat(delivery.get("attempts").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(delivery.get("last_status_code").isNull()).isTrue();
        assertThat(delivery.get("last_error").asText()).contains("no answer within 2.0 s");
        receiver.delay(Duration.ZERO);
    }

    @Test
    void a_disabled_webhook_gets_nothing_and_a_webhook_gets_no_event_older_than_itself() throws InterruptedException {
        Http api = app.newTenant();
        TestApp.createContact(api, Map.of("name", "Before the webhook"));
        String webhook = webhook(api, receiver, List.of("contact.created"));
        api.patch(WEBHOOKS + "/" + webhook, Map.of("enabled", false)).expectStatus(200);
        TestApp.createContact(api, Map.of("name", "While off"));
        Thread.sleep(1500);
        assertThat(receiver.received()).isEmpty();
        assertThat(deliveries(api, webhook)).isEmpty();
        api.patch(WEBHOOKS + "/" + webhook, Map.of("enabled", true)).expectStatus(200);
        TestApp.createContact(api, Map.of("name", "On again"));
        List<Received> got = receiver.await(r -> true, 1, WAIT);
        Thread.sleep(500);
        assertThat(receiver.received()).hasSize(1);
        assertThat(got.get(0).json().at("/data/object/name").asText()).isEqualTo("On again");
    }
}
