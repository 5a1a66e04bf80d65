package dev.leadstore.harness;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.support.ServerProcess;
import dev.leadstore.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Database faults: a private PostgreSQL cluster is stopped (immediate mode) under load and started
 * again after some seconds. During the outage every request must answer within 5 s with 503
 * SERVICE_UNAVAILABLE, /health too; afterwards the same server process must recover on its own.
 */
final class OutageRun {
    static final long LIMIT_MILLIS = 5_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final int BURST = 64;
    private static final long BEFORE_MILLIS = 8_000;
    private static final long AFTER_MILLIS = 20_000;

    private final int clients;
    private final int outageSeconds;
    private final Path runDir;
    private final List<Client.Reply> load = Collections.synchronizedList(new ArrayList<>());
    private final List<Client.Reply> health = Collections.synchronizedList(new ArrayList<>());
    private final List<Client.Reply> burst = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopping;

    OutageRun(int clients, int outageSeconds, Path runDir) {
        this.clients = clients;
        this.outageSeconds = outageSeconds;
        this.runDir = runDir;
    }

    boolean run() throws Exception {
        try (PrivatePostgres postgres = PrivatePostgres.create();
             TestDatabase database = postgres.newDatabase();
             ServerProcess server = Harness.server(database, runDir)) {
            System.out.println("private PostgreSQL cluster on port " + postgres.port());
            server.start();
            Client api = Harness.tenant(server, TIMEOUT);
            Client anonymous = Client.to(server.baseUrl(), TIMEOUT);
            ExecutorService pool = Executors.newCachedThreadPool(OutageRun::daemon);
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(OutageRun::daemon);
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                workers.add(pool.submit(() -> work(api)));
            }
            ticker.scheduleAtFixedRate(() -> pool.submit(() -> health.add(anonymous.get("/health"))),
                    0, 500, TimeUnit.MILLISECONDS);
            Thread.sleep(BEFORE_MILLIS);
            long threadsBefore = server.threads();
            Timeline t = new Timeline();
            t.stopBegin = System.nanoTime();
            postgres.stopImmediately();
            t.stopDone = System.nanoTime();
            System.out.printf("PostgreSQL stopped (immediate) at t=0; holding it down for %d s%n", outageSeconds);
            sleepUntil(t.stopBegin, outageSeconds * 1000L / 2);
            System.out.println("burst of " + BURST + " concurrent requests during the outage");
            List<Future<?>> fired = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                fired.add(pool.submit(() -> burst.add(api.get(Client.CONTACTS + "?limit=5"))));
            }
            for (Future<?> f : fired) {
                f.get();
            }
            long threadsDuring = server.threads();
            sleepUntil(t.stopBegin, outageSeconds * 1000L);
            t.startBegin = System.nanoTime();
            postgres.start();
            t.startDone = System.nanoTime();
            System.out.printf("PostgreSQL started again at t=%.1f s (ready at t=%.1f s); same server process%n",
                    t.seconds(t.startBegin), t.seconds(t.startDone));
            Thread.sleep(AFTER_MILLIS);
            stopping = true;
            ticker.shutdownNow();
            for (Future<?> worker : workers) {
                worker.get();
            }
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            long threadsAfter = server.threads();
            return new OutageReport(t, copy(load), copy(health), copy(burst), outageSeconds)
                    .print(threadsBefore, threadsDuring, threadsAfter);
        }
    }

    /** One client: creates, reads, updates and lists its own contacts, one request at a time. */
    private void work(Client api) {
        List<String> owned = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long n = 0;
        while (!stopping) {
            int dice = random.nextInt(100);
            n++;
            Client.Reply reply;
            if (owned.isEmpty() || dice < 25) {
                ObjectNode body = Client.JSON.createObjectNode().put("name", "Outage " + n)
                        .put("email", Thread.currentThread().getId() + "-" + n + "@outage.example");
                reply = api.send("POST", Client.CONTACTS, body);
                if (reply.status() == 201) {
                    owned.add(reply.data().get("id").asText());
                }
            } else if (dice < 55) {
                reply = api.get(Client.CONTACTS + "/" + owned.get(random.nextInt(owned.size())));
            } else if (dice < 75) {
                ObjectNode body = Client.JSON.createObjectNode().put("position", "Revision " + n);
                reply = api.send("PUT", Client.CONTACTS + "/" + owned.get(random.nextInt(owned.size())), body);
            } else {
                reply = api.get(Client.CONTACTS + "?limit=10&sort_by=name&page=" + (1 + random.nextInt(3)));
            }
            load.add(reply);
            pause(20);
        }
    }

    /** The moments of the outage, from System.nanoTime(). */
    static final class Timeline {
        long stopBegin;
        long stopDone;
        long startBegin;
        long startDone;

        double seconds(long nanos) {
            return (nanos - stopBegin) / 1e9;
        }
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "outage-client");
        thread.setDaemon(true);
        return thread;
    }

    private static List<Client.Reply> copy(List<Client.Reply> replies) {
        synchronized (replies) {
            List<Client.Reply> copy = new ArrayList<>(replies);
            copy.sort((a, b) -> Long.compare(a.startNanos(), b.startNanos()));
            return copy;
        }
    }

    private static void sleepUntil(long origin, long millis) throws InterruptedException {
        long left = millis - (System.nanoTime() - origin) / 1_000_000;
        if (left > 0) {
            Thread.sleep(left);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
