package dev.leadstore.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.support.ServerProcess;
import dev.leadstore.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Crash safety: 8 clients create and update contacts while the server is killed with SIGKILL at
 * random moments and started again on the same data; at the end every acknowledged write must be
 * stored exactly as acknowledged, and no email may be stored twice.
 */
final class CrashRun {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String database;
    private final int clients;
    private final int kills;
    private final Path runDir;
    private final Ledger ledger = new Ledger();
    private final Samples answers = new Samples();
    private final AtomicLong acknowledgedCreates = new AtomicLong();
    private final AtomicLong acknowledgedUpdates = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean stopping;

    CrashRun(String database, int clients, int kills, Path runDir) {
        this.database = database;
        this.clients = clients;
        this.kills = kills;
        this.runDir = runDir;
    }

    boolean run() throws InterruptedException {
        try (TestDatabase db = TestDatabase.of(database);
             ServerProcess server = Harness.server(db, runDir)) {
            server.start();
            Client api = Harness.tenant(server, TIMEOUT);
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Thread worker = new Thread(new Worker(i, api), "crash-client-" + i);
                worker.setDaemon(true);
                worker.start();
                workers.add(worker);
            }
            Random random = new Random();
            for (int kill = 1; kill <= kills; kill++) {
                long loadMillis = 1500 + random.nextInt(3500);
                Thread.sleep(loadMillis);
                long written = acknowledgedCreates.get() + acknowledgedUpdates.get();
                server.kill();
                long down = System.nanoTime();
                server.start();
                System.out.printf("kill %d of %d: SIGKILL after %.1f s of load (%d writes acknowledged so far);"
                        + " up again in %.1f s%n", kill, kills, loadMillis / 1000.0, written,
                        (System.nanoTime() - down) / 1e9);
            }
            Thread.sleep(3000);
            stopping = true;
            for (Thread worker : workers) {
                worker.join();
            }
            server.kill();
            server.start();
            System.out.println("load stopped; one more SIGKILL with no load, started again, reading back");
            return report(server, api);
        }
    }

    private boolean report(ServerProcess server, Client api) {
        Map<String, JsonNode> stored = api.readAllContacts();
        Ledger.Check check = ledger.check(stored);
        System.out.println();
        System.out.println("== crash safety on " + database + " ==");
        System.out.printf("server starts:           %d (%d SIGKILLs under load + 1 before the check)%n",
                server.starts(), kills);
        System.out.printf("acknowledged writes:     %d (creates %d, updates %d)%n",
                acknowledgedCreates.get() + acknowledgedUpdates.get(), acknowledgedCreates.get(), acknowledgedUpdates.get());
        System.out.printf("acknowledged contacts:   %d%n", ledger.contacts());
        System.out.printf("unknown outcome:         %d creates (%d stored), %d updates (%d stored)"
                        + " - connection lost at a kill; neither required nor forbidden%n",
                ledger.unknownCreates(), check.unknownCreatesLanded(), ledger.unknownUpdates(),
                check.unknownUpdatesLanded());
        System.out.printf("refused while down:      %d requests (never sent, retried)%n", refused.get());
        System.out.printf("answers:                 %s%n", answers.labels());
        System.out.printf("contacts read back:      %d%n", stored.size());
        System.out.printf("missing:                 %d%n", check.missing());
        System.out.printf("corrupted:               %d%n", check.corrupted());
        System.out.printf("duplicate emails:        %d%n", check.duplicateEmails());
        System.out.printf("stored, never written:   %d%n", check.unexplained());
        check.problems().forEach(p -> System.out.println("  " + p));
        boolean pass = check.missing() == 0 && check.corrupted() == 0 && check.duplicateEmails() == 0
                && check.unexplained() == 0 && kills >= 1;
        System.out.println("RESULT: " + (pass ? "PASS" : "FAIL")
                + " (bar: 0 missing, 0 corrupted, 0 duplicate emails, nothing stored that was never written)");
        return pass;
    }

    /** One client: creates contacts and updates its own ones, one request at a time. */
    private final class Worker implements Runnable {
        private final int number;
        private final Client client;
        private final List<String> owned = new ArrayList<>();
        private long sequence;

        Worker(int number, Client client) {
            this.number = number;
            this.client = client;
        }

        @Override
        public void run() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (!stopping) {
                if (owned.isEmpty() || random.nextInt(100) < 35) {
                    create();
                } else {
                    update(owned.get(random.nextInt(owned.size())));
                }
            }
        }

        private void create() {
            long n = ++sequence;
            ObjectNode body = Client.JSON.createObjectNode()
                    .put("name", "Crash " + number + "-" + n)
                    .put("email", email(n))
                    .put("phone", "+55119" + String.format("%08d", number * 10_000_000L + n % 10_000_000L))
                    .put("company", "Company " + (n % 17))
                    .put("position", "Position " + n)
                    .put("source", "list");
            body.putArray("tags").add("client-" + number).add("batch-" + (n % 5));
            body.putObject("custom_fields").put("writer", number).put("sequence", n);
            Client.Reply reply = client.send("POST", Client.CONTACTS, body);
            if (settled(reply, body, null) && reply.status() == 201) {
                acknowledgedCreates.incrementAndGet();
                ledger.acknowledged(reply.data());
                owned.add(reply.data().get("id").asText());
            }
        }

        private void update(String id) {
            long n = ++sequence;
            ObjectNode body = Client.JSON.createObjectNode()
                    .put("name", "Crash " + number + "-" + n + " (updated)")
                    .put("email", email(n))
                    .put("company", n % 3 == 0 ? null : "Company " + (n % 13));
            body.putArray("tags").add("rev-" + (n % 7));
            body.putObject("custom_fields").put("revision", n).put("slot-" + (n % 4), "value " + n);
            Client.Reply reply = client.send("PUT", Client.CONTACTS + "/" + id, body);
            if (settled(reply, body, id) && reply.status() == 200) {
                acknowledgedUpdates.incrementAndGet();
                ledger.acknowledged(reply.data());
            }
        }

        /** Records a reply; false when there is no acknowledged answer to record. */
        private boolean settled(Client.Reply reply, JsonNode body, String id) {
            if (reply.failure() == Client.Failure.REFUSED) {
                refused.incrementAndGet();
                pause();
                return false;
            }
            answers.count(reply.label());
            if (reply.failure() != Client.Failure.NONE) {
                if (id == null) {
                    ledger.unknownCreate(body);
                } else {
                    ledger.unknownUpdate(id, body);
                    owned.remove(id);
                }
                return false;
            }
            return true;
        }

        private String email(long n) {
            return "w" + number + "-" + n + "@crash.example";
        }

        private void pause() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
