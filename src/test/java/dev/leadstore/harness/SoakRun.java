package dev.leadstore.harness;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.support.ServerProcess;
import dev.leadstore.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Soak: a long mixed load (create, get, update, list, delete) from many clients against a server
 * whose heap is capped at 256 MB. Each window prints latency percentiles, errors and the server's
 * resident memory; the verdict wants no error, no upward p99 drift over 50 %, and a stable RSS.
 */
final class SoakRun {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long THINK_MILLIS = 10;
    private static final double P99_DRIFT = 1.5;
    private static final double RSS_GROWTH = 1.2;
    /** Contacts each client owns before measuring starts, so the windows compare a steady state, not growth from empty. */
    private static final int FILL = 250;

    private final String database;
    private final int clients;
    private final int windowSeconds;
    private final int windows;
    private final Path runDir;
    private final List<Samples> perWindow = new ArrayList<>();
    private final AtomicLong live = new AtomicLong();
    private volatile long origin;
    private volatile boolean stopping;

    SoakRun(String database, int clients, int minutes, int windowSeconds, Path runDir) {
        this.database = database;
        this.clients = clients;
        this.windowSeconds = windowSeconds;
        this.windows = Math.max(1, minutes * 60 / windowSeconds);
        this.runDir = runDir;
        for (int i = 0; i < windows; i++) {
            perWindow.add(new Samples());
        }
    }

    boolean run() throws Exception {
        // PostgreSQL: a private cluster with the stock settings (autovacuum on, as in production);
        // a shared server tuned for tests (autovacuum off) would bloat under hours of updates.
        try (PrivatePostgres cluster = database.equals("postgresql") ? PrivatePostgres.create() : null;
             TestDatabase db = cluster != null ? cluster.newDatabase() : TestDatabase.h2();
             ServerProcess server = Harness.server(db, runDir)) {
            server.start();
            Client api = Harness.tenant(server, TIMEOUT);
            System.out.printf("%d clients for %d windows of %d s; server pid %d, -Xmx256m%n", clients, windows,
                    windowSeconds, server.pid());
            CountDownLatch filled = new CountDownLatch(clients);
            CountDownLatch measuring = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Thread worker = new Thread(() -> work(api, filled, measuring), "soak-client-" + i);
                worker.setDaemon(true);
                worker.start();
                workers.add(worker);
            }
            filled.await();
            System.out.printf("filled: %d contacts (%d per client), not measured; measuring starts%n", live.get(), FILL);
            origin = System.nanoTime();
            measuring.countDown();
            long[] rss = new long[windows];
            for (int w = 0; w < windows; w++) {
                long left = (w + 1L) * windowSeconds * 1000 - (System.nanoTime() - origin) / 1_000_000;
                Thread.sleep(Math.max(0, left));
                rss[w] = server.rssKb();
                Samples s = perWindow.get(w);
                System.out.printf("window %2d: %7d requests (%5.0f/s), p50 %6.1f ms, p99 %6.1f ms, errors %d,"
                                + " RSS %4d MB, threads %d%s%n", w + 1, s.size(), s.size() / (double) windowSeconds,
                        s.percentile(50) / 1000.0, s.percentile(99) / 1000.0, errors(s), rss[w] / 1024, server.threads(),
                        errors(s) == 0 ? "" : " (" + s.labels() + ")");
            }
            stopping = true;
            for (Thread worker : workers) {
                worker.join();
            }
            long stored = api.expectData("GET", Client.CONTACTS + "?limit=1", null)
                    .at("/pagination/total").asLong();
            return verdict(rss, stored);
        }
    }

    private boolean verdict(long[] rss, long stored) {
        long requests = perWindow.stream().mapToLong(Samples::size).sum();
        long errors = perWindow.stream().mapToLong(SoakRun::errors).sum();
        double firstP99 = perWindow.get(0).percentile(99) / 1000.0;
        double lastP99 = perWindow.get(windows - 1).percentile(99) / 1000.0;
        int baseline = windows > 1 ? 1 : 0;
        boolean errorFree = errors == 0 && stored == live.get();
        boolean noDrift = lastP99 <= firstP99 * P99_DRIFT;
        boolean rssStable = rss[windows - 1] <= rss[baseline] * RSS_GROWTH;
        System.out.println();
        System.out.printf("== soak on %s: %d clients, %d s ==%n", database, clients, windows * windowSeconds);
        System.out.printf("requests:       %d, errors %d (error rate %.4f %%)%n", requests, errors,
                requests == 0 ? 0 : 100.0 * errors / requests);
        System.out.printf("contacts:       %d stored, %d expected by the clients%n", stored, live.get());
        System.out.printf("p99:            first window %.1f ms, last window %.1f ms (bar: last <= %.1f ms)%n",
                firstP99, lastP99, firstP99 * P99_DRIFT);
        System.out.printf("RSS:            window %d %d MB, last window %d MB (bar: <= %d MB)%n", baseline + 1,
                rss[baseline] / 1024, rss[windows - 1] / 1024, Math.round(rss[baseline] * RSS_GROWTH / 1024));
        System.out.printf("checks:         error rate 0 %s, p99 drift <= 50 %% %s, RSS stable %s%n",
                verdict(errorFree), verdict(noDrift), verdict(rssStable));
        boolean pass = errorFree && noDrift && rssStable;
        System.out.println("RESULT: " + (pass ? "PASS" : "FAIL"));
        return pass;
    }

    /** One client: a mix of the five contact operations on its own contacts. */
    private void work(Client api, CountDownLatch filled, CountDownLatch measuring) {
        List<String> owned = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long n = 0;
        while (owned.size() < FILL) {
            n++;
            Client.Reply reply = api.send("POST", Client.CONTACTS, contact(n));
            if (reply.status() == 201) {
                owned.add(reply.data().get("id").asText());
                live.incrementAndGet();
            }
        }
        filled.countDown();
        try {
            measuring.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        while (!stopping) {
            int dice = random.nextInt(100);
            n++;
            Client.Reply reply;
            int expected = 200;
            if (owned.size() < 20 || (dice < 20 && owned.size() < 300)) {
                reply = api.send("POST", Client.CONTACTS, contact(n));
                expected = 201;
                if (reply.status() == 201) {
                    owned.add(reply.data().get("id").asText());
                    live.incrementAndGet();
                }
            } else if (dice < 50) {
                reply = api.get(Client.CONTACTS + "/" + owned.get(random.nextInt(owned.size())));
            } else if (dice < 75) {
                ObjectNode body = Client.JSON.createObjectNode().put("position", "Revision " + n);
                body.putObject("custom_fields").put("k" + (n % 5), n);
                reply = api.send("PUT", Client.CONTACTS + "/" + owned.get(random.nextInt(owned.size())), body);
            } else if (dice < 90) {
                reply = api.get(Client.CONTACTS + "?limit=20&page=" + (1 + random.nextInt(5))
                        + (random.nextBoolean() ? "&search=company+" + random.nextInt(50) : "&sort_by=name"));
            } else {
                String id = owned.remove(random.nextInt(owned.size()));
                reply = api.send("DELETE", Client.CONTACTS + "/" + id, null);
                if (reply.status() == 200) {
                    live.decrementAndGet();
                }
            }
            record(reply, expected);
            pause();
        }
    }

    private static ObjectNode contact(long n) {
        ObjectNode body = Client.JSON.createObjectNode().put("name", "Soak " + n)
                .put("email", Thread.currentThread().getName() + "-" + n + "@soak.example")
                .put("company", "Company " + (n % 50)).put("source", "list");
        body.putArray("tags").add("t" + (n % 10));
        body.putObject("custom_fields").put("n", n);
        return body;
    }

    private void record(Client.Reply reply, int expected) {
        // By completion time, so a window's figures are complete when it is printed.
        int window = (int) ((reply.endNanos() - origin) / 1_000_000_000L / windowSeconds);
        if (window >= windows) {
            return;
        }
        Samples samples = perWindow.get(window);
        samples.addMicros((reply.endNanos() - reply.startNanos()) / 1000);
        samples.count(reply.status() == expected ? "ok" : "error " + reply.label());
    }

    private static long errors(Samples samples) {
        return samples.count(label -> label.startsWith("error"));
    }

    private static String verdict(boolean ok) {
        return ok ? "PASS" : "FAIL";
    }

    private static void pause() {
        try {
            Thread.sleep(THINK_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
