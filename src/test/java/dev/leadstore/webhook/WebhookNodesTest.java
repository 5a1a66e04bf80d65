package dev.leadstore.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.ServerProcess;
import dev.leadstore.support.TestDatabase;
import dev.leadstore.support.WebhookReceiver;
import dev.leadstore.support.WebhookReceiver.Received;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md §10.5: with two server nodes on one PostgreSQL database, each pending delivery is
 * claimed by one of them, so a receiver that always succeeds gets every event exactly once.
 */
class WebhookNodesTest {
    private static final int CONTACTS = 60;

    @Test
    void two_nodes_deliver_each_event_once() throws InterruptedException {
        assumeTrue(TestDatabase.postgresConfigured(), TestDatabase.PG_URL_VARIABLE + " is not set");
        try (TestDatabase db = TestDatabase.postgres();
             WebhookReceiver receiver = new WebhookReceiver()) {
            Map<String, String> environment = new HashMap<>(db.environment());
            environment.put("LEADSTORE_WEBHOOK_ALLOW_PRIVATE", "true");
            environment.put("LEADSTORE_WEBHOOK_RETRY_SCHEDULE", "1s,1s");
            try (ServerProcess one = ServerProcess.start(environment);
                 ServerProcess two = ServerProcess.start(environment)) {
                String key = one.operator().tenant("nodes", null).key();
                Http first = one.http().withHeader("X-API-Key", key);
                Http second = two.http().withHeader("X-API-Key", key);
                JsonNode webhook = first.post("/external/v1/webhooks", Map.of("url", receiver.url(),
                        "events", List.of("contact.created"))).expectStatus(201).data();
                receiver.secret(webhook.get("secret").asText());
                for (int i = 0; i < CONTACTS; i++) {
                    (i % 2 == 0 ? first : second).post("/external/v1/contacts", Map.of("name", "Node " + i))
                            .expectStatus(201);
                }
                List<Received> got = receiver.await(r -> true, CONTACTS, Duration.ofSeconds(60));
                Thread.sleep(3000);
                got = receiver.received();
                Map<String, Long> perId = got.stream().collect(Collectors.groupingBy(Received::webhookId,
                        Collectors.counting()));
                assertThat(got).allMatch(Received::valid);
                assertThat(perId).hasSize(CONTACTS);
                assertThat(perId.values()).as("each event once").containsOnly(1L);
                Set<String> events = new HashSet<>();
                first.get("/external/v1/events?limit=1000").data().get("events")
                        .forEach(e -> events.add(e.get("id").asText()));
                assertThat(perId.keySet()).isEqualTo(events);
            }
        }
    }
}
