package dev.leadstore.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.support.ServerProcess;
import dev.leadstore.support.TestDatabase;
import dev.leadstore.support.WebhookReceiver;
import dev.leadstore.support.WebhookReceiver.Received;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Webhooks survive crashes: while a receiver fails every request, clients create contacts and the
 * server is killed with SIGKILL at random moments, so deliveries pile up pending (some of them
 * mid-attempt at a kill). Then the receiver recovers, the server is killed once more and started
 * again: every event in the feed must reach the receiver, with a valid signature and its own id as
 * `webhook-id` (duplicates allowed: delivery is at least once), and every acknowledged contact's
 * creation must be among them.
 */
final class WebhookCrashRun {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofMinutes(3);

    private final String database;
    private final int clients;
    private final int kills;
    private final Path runDir;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong unknown = new AtomicLong();
    private volatile boolean stopping;

    WebhookCrashRun(String database, int clients, int kills, Path runDir) {
        this.database = database;
        this.clients = clients;
        this.kills = kills;
        this.runDir = runDir;
    }

    boolean run() throws InterruptedException {
        try (TestDatabase db = TestDatabase.of(database);
             WebhookReceiver receiver = new WebhookReceiver();
             ServerProcess server = Harness.server(db, runDir, Map.of("LEADSTORE_WEBHOOK_ALLOW_PRIVATE", "true",
                     // Retries every 5 s (20 of them), long enough that nothing fails for good while the receiver is down.
                     "LEADSTORE_WEBHOOK_RETRY_SCHEDULE", "5s,".repeat(19) + "5s"))) {
            server.start();
            Client api = Harness.tenant(server, TIMEOUT);
            ObjectNode hook = Client.JSON.createObjectNode().put("url", receiver.url());
            hook.putArray("events").add("contact.*");
            receiver.secret(api.expectData("POST", "/external/v1/webhooks", hook).get("secret").asText());
            receiver.failNext(Integer.MAX_VALUE);

            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int number = i;
                Thread worker = new Thread(() -> write(api, number), "webhook-crash-client-" + i);
                worker.setDaemon(true);
                worker.start();
                workers.add(worker);
            }
            Random random = new Random();
            for (int kill = 1; kill <= kills; kill++) {
                long loadMillis = 1500 + random.nextInt(2500);
                Thread.sleep(loadMillis);
                server.kill();
                long down = System.nanoTime();
                server.start();
                System.out.printf("kill %d of %d: SIGKILL after %.1f s of load (%d contacts acknowledged, %d requests"
                                + " to the failing receiver so far); up again in %.1f s%n", kill, kills, loadMillis / 1000.0,
                        acknowledged.size(), receiver.received().size(), (System.nanoTime() - down) / 1e9);
            }
            stopping = true;
            for (Thread worker : workers) {
                worker.join();
            }
            int failedRequests = receiver.received().size();
            server.kill();
            receiver.failNext(0);
            server.start();
            System.out.println("load stopped; receiver answers 2xx from now on; one more SIGKILL, started again");
            return report(api, receiver, failedRequests);
        }
    }

    private void write(Client api, int number) {
        long n = 0;
        while (!stopping) {
            n++;
            ObjectNode body = Client.JSON.createObjectNode().put("name", "Hook " + number + "-" + n)
                    .put("email", "h" + number + "-" + n + "@webhooks.example");
            Client.Reply reply = api.send("POST", Client.CONTACTS, body);
            if (reply.status() == 201) {
                acknowledged.add(reply.data().get("id").asText());
            } else if (reply.failure() == Client.Failure.REFUSED) {
                pause();
            } else if (reply.failure() != Client.Failure.NONE) {
                unknown.incrementAndGet();
            }
        }
    }

    private boolean report(Client api, WebhookReceiver receiver, int failedRequests) throws InterruptedException {
        Map<String, String> events = new java.util.LinkedHashMap<>();
        String after = null;
        while (true) {
            JsonNode page = api.expectData("GET", "/external/v1/events?limit=1000" + (after == null ? "" : "&after=" + after),
                    null);
            page.get("events").forEach(e -> events.put(e.get("id").asText(), e.get("object_id").asText()));
            if (page.get("events").isEmpty()) {
                break;
            }
            after = page.get("next_after").asText();
        }
        long start = System.nanoTime();
        Set<String> delivered = new HashSet<>();
        while (System.nanoTime() - start < SETTLE.toNanos()) {
            delivered = receiver.received(r -> r.answered() == 204).stream().map(Received::webhookId)
                    .collect(Collectors.toSet());
            if (delivered.containsAll(events.keySet())) {
                break;
            }
            Thread.sleep(250);
        }
        double settled = (System.nanoTime() - start) / 1e9;
        List<Received> all = receiver.received();
        List<Received> successes = all.stream().filter(r -> r.answered() == 204).toList();
        long badSignatures = all.stream().filter(r -> !r.valid()).count();
        long idMismatch = all.stream().filter(r -> !r.webhookId().equals(r.json().get("id").asText())).count();
        Map<String, Long> copies = successes.stream().collect(Collectors.groupingBy(Received::webhookId, Collectors.counting()));
        long duplicates = copies.values().stream().mapToLong(c -> c - 1).sum();
        Set<String> missing = new LinkedHashSet<>(events.keySet());
        missing.removeAll(delivered);
        Set<String> objectsDelivered = successes.stream().map(r -> r.json().get("object_id").asText())
                .collect(Collectors.toSet());
        Set<String> ackMissing = new LinkedHashSet<>(acknowledged);
        ackMissing.removeAll(objectsDelivered);
        Set<String> unknownIds = new HashSet<>(copies.keySet());
        unknownIds.removeAll(events.keySet());

        System.out.println();
        System.out.println("== webhook crash safety on " + database + " ==");
        System.out.printf("server starts:             %d (%d SIGKILLs under load + 1 before recovery)%n",
                kills + 2, kills);
        System.out.printf("acknowledged contacts:     %d (%d requests of unknown outcome)%n", acknowledged.size(),
                unknown.get());
        System.out.printf("events in the feed:        %d%n", events.size());
        System.out.printf("refused by the receiver:   %d requests while it was failing%n", failedRequests);
        System.out.printf("delivered (2xx):           %d requests, %d distinct webhook-ids, in %.1f s after restart%n",
                successes.size(), copies.size(), settled);
        System.out.printf("duplicates:                %d (allowed: at least once)%n", duplicates);
        System.out.printf("bad signatures:            %d%n", badSignatures);
        System.out.printf("webhook-id != event id:    %d%n", idMismatch);
        System.out.printf("ids never in the feed:     %d%n", unknownIds.size());
        System.out.printf("events never delivered:    %d%n", missing.size());
        System.out.printf("acknowledged, undelivered: %d%n", ackMissing.size());
        missing.stream().limit(10).forEach(id -> System.out.println("  missing " + id + " (" + events.get(id) + ")"));
        boolean pass = missing.isEmpty() && ackMissing.isEmpty() && badSignatures == 0 && idMismatch == 0
                && unknownIds.isEmpty() && !events.isEmpty() && failedRequests > 0;
        System.out.println("RESULT: " + (pass ? "PASS" : "FAIL")
                + " (bar: every event delivered, every acknowledged contact among them, valid signatures, one id per event)");
        return pass;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
