package dev.leadstore.harness;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.support.ServerProcess;
import dev.leadstore.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stall: 16 clients (each with a key of its own) create, read and list contacts, first alone, then
 * while one other key holds 1 000 stalled uploads open. Their p99 with the stallers must stay under
 * twice the p99 without, with no error, and /health must keep answering.
 */
final class StallRun {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final double P99_FACTOR = 2.0;

    private final String database;
    private final int clients;
    private final int stalled;
    private final int seconds;
    private final Path runDir;
    private final AtomicLong sequence = new AtomicLong();

    StallRun(String database, int clients, int stalled, int seconds, Path runDir) {
        this.database = database;
        this.clients = clients;
        this.stalled = stalled;
        this.seconds = seconds;
        this.runDir = runDir;
    }

    boolean run() throws Exception {
        try (TestDatabase db = TestDatabase.of(database); ServerProcess server = Harness.server(db, runDir)) {
            server.start();
            List<Client> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                workers.add(Harness.tenant(server, TIMEOUT));
            }
            Client health = Client.to(server.baseUrl(), TIMEOUT);
            String hostileKey = server.operator().tenant("stalling", 1_000_000_000).key();
            System.out.printf("%d clients, %d s per phase; server pid %d, -Xmx256m%n", clients, seconds, server.pid());
            phase("warm-up (not judged)", workers, health, 20);
            Samples alone = phase("without stalled uploads", workers, health, seconds);
            Samples stalledPhase;
            try (Staller staller = new Staller(server.baseUrl(), hostileKey, stalled).start()) {
                Thread.sleep(3_000);
                System.out.printf("stalled uploads open: %d (of %d wanted)%n", staller.open(), stalled);
                stalledPhase = phase("with " + stalled + " stalled uploads of one key", workers, health, seconds);
                System.out.printf("stalled uploads: %d opened in all, %d open at the end; server answered them %s%n",
                        staller.opened(), staller.open(), staller.answers());
            }
            return verdict(alone, stalledPhase);
        }
    }

    private Samples phase(String name, List<Client> workers, Client health, int phaseSeconds) throws InterruptedException {
        Samples samples = new Samples();
        Samples healthSamples = new Samples();
        long end = System.nanoTime() + phaseSeconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (Client client : workers) {
            threads.add(new Thread(() -> work(client, samples, end)));
        }
        threads.add(new Thread(() -> {
            while (System.nanoTime() < end) {
                Client.Reply reply = health.get("/health");
                healthSamples.addMicros((reply.endNanos() - reply.startNanos()) / 1000);
                healthSamples.count(reply.status() == 200 ? "ok" : "error " + reply.label());
                sleep(100);
            }
        }));
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.printf("%-42s %7d requests, p50 %6.1f ms, p99 %6.1f ms, errors %d; /health p99 %6.1f ms, errors %d%n",
                name + ":", samples.size(), samples.percentile(50) / 1000.0, samples.percentile(99) / 1000.0,
                errors(samples), healthSamples.percentile(99) / 1000.0, errors(healthSamples));
        for (long i = errors(healthSamples); i > 0; i--) {
            samples.count("error /health");
        }
        return samples;
    }

    /** Creates, reads and lists its own contacts until the phase ends. */
    private void work(Client api, Samples samples, long end) {
        List<String> own = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < end) {
            Client.Reply reply;
            int expected = 200;
            int dice = random.nextInt(10);
            if (own.isEmpty() || dice < 3) {
                long n = sequence.incrementAndGet();
                ObjectNode body = Client.JSON.createObjectNode().put("name", "Stall " + n)
                        .put("email", "stall-" + n + "@example.com");
                reply = api.send("POST", Client.CONTACTS, body);
                expected = 201;
                if (reply.status() == 201) {
                    own.add(reply.data().get("id").asText());
                }
            } else if (dice < 7) {
                reply = api.get(Client.CONTACTS + "/" + own.get(random.nextInt(own.size())));
            } else {
                reply = api.get(Client.CONTACTS + "?limit=20");
            }
            samples.addMicros((reply.endNanos() - reply.startNanos()) / 1000);
            samples.count(reply.status() == expected ? "ok" : "error " + reply.label());
        }
    }

    private boolean verdict(Samples alone, Samples stalledPhase) {
        double before = alone.percentile(99) / 1000.0;
        double during = stalledPhase.percentile(99) / 1000.0;
        long errors = errors(alone) + errors(stalledPhase);
        boolean fast = during <= before * P99_FACTOR;
        System.out.println();
        System.out.printf("== stall on %s: %d clients, %d stalled uploads of one key ==%n", database, clients, stalled);
        System.out.printf("p99:            %.1f ms without, %.1f ms with stalled uploads: %.2f x (bar: < %.1f x)%n",
                before, during, during / before, P99_FACTOR);
        System.out.printf("errors:         %d (%s / %s)%n", errors, alone.labels(), stalledPhase.labels());
        boolean pass = fast && errors == 0;
        System.out.println("RESULT: " + (pass ? "PASS" : "FAIL"));
        return pass;
    }

    private static long errors(Samples samples) {
        return samples.count(label -> label.startsWith("error"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
