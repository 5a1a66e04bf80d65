package dev.leadstore.bench;

import dev.leadstore.support.ServerProcess;
import dev.leadstore.support.Tenant;
import dev.leadstore.support.WebhookReceiver;
import java.time.Duration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP scenarios: N clients, each on its own keep-alive connection, against the running server.
 * The account holds `rows` seeded contacts; creates add to it and deletes then remove those.
 */
final class ApiScenarios {
    static final String PING = "http floor: GET /bench/ping";
    static final String CREATE = "create";
    static final String GET = "get by id";
    static final String UPDATE = "update (2 fields)";
    static final String LIST = "list first page";
    static final String SEARCH = "list search";
    static final String TAGS = "list tags";
    static final String DELETE = "delete";
    static final String BATCH_CREATE = "batch create, contacts/s (1000/request)";
    static final String BATCH_UPSERT = "batch upsert of existing, contacts/s";
    static final String CREATE_EVENTS = "create, LEADSTORE_EVENTS=on";
    static final String CREATE_NO_EVENTS = "create, LEADSTORE_EVENTS=off";
    /** The same fresh server with each create in a transaction of its own (see CreateGroups). */
    static final String CREATE_ALONE = "create, LEADSTORE_GROUP_CREATES=off";
    static final String CREATE_WEBHOOK = "create, a webhook subscribed";
    static final String DELIVERIES = "webhook deliveries/s (to 2xx)";
    /** Clients of the batch scenarios: fewer, each sending 1000 contacts a request. */
    static final int BATCH_CLIENTS = 4;
    static final int BATCH_SIZE = 1000;
    static final String CONTACTS = "/external/v1/contacts";
    static final int WARM_UP_SECONDS = 5;
    /**
     * Before anything is measured, every kind of request runs this long, so that the JIT has
     * compiled each path before its scenario. Compiling takes a large share of 2 cores for the
     * first minute: after 20 s the trivial endpoint still ran at less than half its steady rate.
     */
    static final int SCENARIO_WARM_UP_SECONDS = 60;
    /**
     * The writes-only warm-up of the fresh servers of the events and webhook scenarios: under the
     * server's 30 s idle timeout, which would otherwise close the measured clients' connections meanwhile.
     */
    static final int WRITE_WARM_UP_SECONDS = 25;

    private final ServerProcess server;
    private final SeedData data;
    private final int rows;
    private final HttpConnection[] api;
    private final HttpConnection[] bare;
    /** Connections with the warm-up account's key: its creates and deletes leave the measured account as seeded. */
    private final HttpConnection[] warm;
    private final List<List<String>> created = new ArrayList<>();
    private final int[] createdCount;
    private final List<List<String>> batchEmails = new ArrayList<>();
    private final int[] upserted;
    private final AtomicInteger seededToDelete = new AtomicInteger();
    private final String nonce = Long.toString(System.nanoTime(), 36);

    private ApiScenarios(ServerProcess server, Tenant tenant, Tenant warmUp, SeedData data, int rows,
                         int clients) {
        this.server = server;
        this.data = data;
        this.rows = rows;
        this.api = new HttpConnection[clients];
        this.bare = new HttpConnection[clients];
        this.warm = new HttpConnection[clients];
        this.createdCount = new int[clients];
        this.upserted = new int[clients];
        for (int w = 0; w < clients; w++) {
            api[w] = new HttpConnection("127.0.0.1", server.port(), "X-API-Key: " + tenant.key());
            bare[w] = new HttpConnection("127.0.0.1", server.port(), null);
            warm[w] = new HttpConnection("127.0.0.1", server.port(), "X-API-Key: " + warmUp.key());
            created.add(new ArrayList<>());
            batchEmails.add(new ArrayList<>());
        }
    }

    static Map<String, Result> measure(ServerProcess server, Tenant tenant, Tenant warmUp, SeedData data,
                                       int rows, Options o, Runnable settle) {
        ApiScenarios s = new ApiScenarios(server, tenant, warmUp, data, rows, o.clients());
        // A fresh JVM: let the JIT compile every request path before anything is measured. Reads
        // go to the measured account; creates, updates and deletes to the warm-up account.
        Load.run("server warm-up", o.clients(), 0, SCENARIO_WARM_UP_SECONDS, w -> {
            switch (ThreadLocalRandom.current().nextInt(7)) {
                case 0 -> expect(s.bare[w], "GET", "/bench/ping", null, 200);
                case 1 -> expect(s.api[w], "GET", CONTACTS + "/" + s.randomId(), null, 200);
                case 2 -> expect(s.api[w], "GET", CONTACTS + "?limit=20&email=" + data.email(0), null, 200);
                case 3 -> expect(s.api[w], "GET", CONTACTS + "?limit=20", null, 200);
                case 4 -> expect(s.api[w], "GET", CONTACTS + "?limit=20&search=" + SeedData.SEARCH, null, 200);
                case 5 -> expect(s.api[w], "GET", CONTACTS + "?limit=20&tags=" + SeedData.TAG, null, 200);
                default -> s.warmWrites(w);
            }
        });
        Map<String, Result> results = new LinkedHashMap<>();
        results.put(PING, s.run(PING, o, w -> expect(s.bare[w], "GET", "/bench/ping", null, 200)));
        results.put(GET, s.run(GET, o, w -> expect(s.api[w], "GET", CONTACTS + "/" + s.randomId(), null, 200)));
        settle.run();
        results.put(UPDATE, s.run(UPDATE, o, s::update));
        // The lists run before any create, so they see exactly the seeded rows.
        results.put(LIST, s.run(LIST, o, w -> expect(s.api[w], "GET", CONTACTS + "?limit=20", null, 200)));
        results.put(SEARCH, s.run(SEARCH, o,
                w -> expect(s.api[w], "GET", CONTACTS + "?limit=20&search=" + SeedData.SEARCH, null, 200)));
        results.put(TAGS, s.run(TAGS, o,
                w -> expect(s.api[w], "GET", CONTACTS + "?limit=20&tags=" + SeedData.TAG, null, 200)));
        settle.run();
        results.put(CREATE, s.run(CREATE, o, s::create));
        settle.run();
        results.put(DELETE, s.run(DELETE, o, s::delete));
        settle.run();
        results.put(BATCH_CREATE, s.runBatch(BATCH_CREATE, o, s::batchCreate));
        settle.run();
        results.put(BATCH_UPSERT, s.runBatch(BATCH_UPSERT, o, s::batchUpsert));
        s.close();
        return results;
    }

    /** The measured slices of each fresh server in {@link #measureCreatesInTurns}. */
    static final int SLICES = 4;

    /**
     * Creates alone on fresh servers started alike but for one setting each (events off, creates
     * written alone), measured in turns: after a writes-only warm-up of each, every server gets a
     * slice of the measured seconds in turn, {@link #SLICES} times, so that the machine's load,
     * which changes from minute to minute, weighs on all of them alike. The rate is all slices'
     * answers over all their seconds; p50 is the slices' median p50, p99 their worst.
     */
    static Map<String, Result> measureCreatesInTurns(Map<String, ServerProcess> servers, Tenant tenant,
                                                     Tenant warmUp, SeedData data, int rows, Options o,
                                                     Runnable settle) {
        Map<String, ApiScenarios> scenarios = new LinkedHashMap<>();
        servers.forEach((name, server) -> {
            ApiScenarios s = new ApiScenarios(server, tenant, warmUp, data, rows, o.clients());
            Load.run("server warm-up", o.clients(), 0, WRITE_WARM_UP_SECONDS, s::warmWrites);
            scenarios.put(name, s);
        });
        settle.run();
        int sliceSeconds = Math.max(1, Math.round(o.seconds() / (float) SLICES));
        Map<String, List<Result>> slices = new LinkedHashMap<>();
        for (int slice = 0; slice < SLICES; slice++) {
            for (Map.Entry<String, ApiScenarios> entry : scenarios.entrySet()) {
                ApiScenarios s = entry.getValue();
                s.server.resetPeakRss();
                s.reconnect();
                slices.computeIfAbsent(entry.getKey(), k -> new ArrayList<>())
                        .add(Load.run(entry.getKey(), o.clients(), 1, sliceSeconds, s::create)
                                .withPeakRss(Stage.peakRssMb(s.server)));
                s.server.requireAlive(entry.getKey());
            }
        }
        Map<String, Result> results = new LinkedHashMap<>();
        slices.forEach((name, parts) -> {
            Result all = combine(name, parts);
            Bench.progress(all);
            results.put(name, all);
        });
        scenarios.values().forEach(ApiScenarios::close);
        return results;
    }

    private static Result combine(String name, List<Result> parts) {
        long requests = parts.stream().mapToLong(Result::requests).sum();
        double seconds = parts.stream().mapToDouble(Result::seconds).sum();
        double[] p50s = parts.stream().mapToDouble(Result::p50).sorted().toArray();
        List<String> samples = parts.stream().flatMap(r -> r.errorSamples().stream()).limit(3).toList();
        return new Result(name, requests, seconds, requests / seconds, p50s[p50s.length / 2],
                parts.stream().mapToDouble(Result::p99).max().orElse(Double.NaN),
                parts.stream().mapToLong(Result::errors).sum(), samples,
                parts.stream().mapToLong(Result::peakRssMb).max().orElse(-1));
    }

    /** Sends one ping on each client's connection, so that one the server closed while idle is made anew. */
    private void reconnect() {
        for (HttpConnection connection : api) {
            try {
                connection.send("GET", "/bench/ping", null);
            } catch (IOException e) {
                // Closed while this server waited its turn: the next request connects again.
            }
        }
    }

    /**
     * Creates while a webhook of the account receives every contact.created (a receiver in this JVM
     * that answers 204 after checking the signature): the create rate with the delivery worker busy on
     * the same cores, then deliveries per second from the scenario's start until the last one arrived.
     */
    static Map<String, Result> measureWithWebhook(ServerProcess server, Tenant tenant, Tenant warmUp, SeedData data,
                                                  int rows, Options o, Runnable settle) throws IOException {
        ApiScenarios s = new ApiScenarios(server, tenant, warmUp, data, rows, o.clients());
        Map<String, Result> results = new LinkedHashMap<>();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String body = "{\"url\":\"" + receiver.url() + "\",\"events\":[\"contact.created\"]}";
            expect(s.api[0], "POST", "/external/v1/webhooks", body, 201);
            receiver.secret(s.api[0].field("secret"));
            Load.run("server warm-up", o.clients(), 0, WRITE_WARM_UP_SECONDS, s::warmWrites);
            settle.run();
            int before = s.createdTotal();
            long start = System.nanoTime();
            results.put(CREATE_WEBHOOK, s.run(CREATE_WEBHOOK, o, s::create));
            int expected = s.createdTotal() - before;
            // Creates of the scenario's warm-up seconds are delivered too: count every delivery.
            int all = receiver.await(r -> r.answered() / 100 == 2, expected, Duration.ofMinutes(3)).size();
            long last = System.nanoTime();
            List<WebhookReceiver.Received> received = receiver.received();
            long invalid = received.stream().filter(r -> !r.valid()).count();
            double seconds = (last - start) / 1e9;
            Result deliveries = new Result(DELIVERIES, all, seconds, all / seconds, Double.NaN, Double.NaN,
                    invalid + Math.max(0, expected - all), List.of(), Stage.peakRssMb(server));
            Bench.progress(deliveries);
            results.put(DELIVERIES, deliveries);
        }
        s.close();
        return results;
    }

    private void close() {
        for (int w = 0; w < api.length; w++) {
            api[w].close();
            bare[w].close();
            warm[w].close();
        }
    }

    private int createdTotal() {
        int total = 0;
        for (int count : createdCount) {
            total += count;
        }
        return total;
    }

    private Result run(String name, Options o, Load.Step step) {
        server.resetPeakRss();
        Result result = Load.run(name, o.clients(), o.warmupSeconds(), o.seconds(), step)
                .withPeakRss(Stage.peakRssMb(server));
        server.requireAlive(name);
        Bench.progress(result);
        return result;
    }

    /** A batch scenario on its own few clients; the rate is contacts per second, latency per request. */
    private Result runBatch(String name, Options o, Load.Step step) {
        server.resetPeakRss();
        Result requests = Load.run(name, BATCH_CLIENTS, o.warmupSeconds(), o.seconds(), step);
        Result result = new Result(name, requests.requests() * BATCH_SIZE, requests.seconds(),
                requests.rate() * BATCH_SIZE, requests.p50(), requests.p99(), requests.errors(), requests.errorSamples(),
                Stage.peakRssMb(server));
        server.requireAlive(name);
        Bench.progress(result);
        return result;
    }

    /** 1000 new contacts, shaped like the single creates, in one request. */
    private void batchCreate(int worker) throws IOException {
        StringBuilder body = new StringBuilder("{\"operations\":[");
        for (int i = 0; i < BATCH_SIZE; i++) {
            String email = "batch-" + nonce + "-" + worker + "-" + createdCount[worker]++ + "@example.com";
            batchEmails.get(worker).add(email);
            body.append(i == 0 ? "" : ",").append("{\"op\":\"create\",\"data\":").append(createBody(email)).append('}');
        }
        expectBatch(api[worker], body.append("]}").toString());
    }

    /** 1000 contacts this client made before, each upserted by its email with a new company: all updated. */
    private void batchUpsert(int worker) throws IOException {
        List<String> emails = batchEmails.get(worker);
        int n = ThreadLocalRandom.current().nextInt(1_000_000);
        StringBuilder body = new StringBuilder("{\"operations\":[");
        for (int i = 0; i < BATCH_SIZE; i++) {
            String email = emails.get(upserted[worker]++ % emails.size());
            body.append(i == 0 ? "" : ",").append("{\"op\":\"upsert\",\"data\":{\"email\":\"").append(email)
                    .append("\",\"company\":\"Upserted ").append(n).append("\"}}");
        }
        expectBatch(api[worker], body.append("]}").toString());
    }

    /** A batch must answer 200 with no operation failed. */
    private static void expectBatch(HttpConnection http, String body) throws IOException {
        expect(http, "POST", CONTACTS + "/batch", body, 200);
        if (!http.body().contains("\"failed\":0}")) {
            String text = http.body();
            throw new IllegalStateException("a batch operation failed: " + text.substring(Math.max(0, text.length() - 300)));
        }
    }

    private String randomId() {
        return data.id(ThreadLocalRandom.current().nextInt(rows));
    }

    private void update(int worker) throws IOException {
        int n = ThreadLocalRandom.current().nextInt(1_000_000);
        String body = "{\"company\":\"Updated Co " + n + "\",\"position\":\"Head of Growth " + n + "\"}";
        expect(api[worker], "PUT", CONTACTS + "/" + data.id(data.randomUpdatable(rows)), body, 200);
    }

    /** A create, two updates and a delete, on the warm-up account. */
    private void warmWrites(int worker) throws IOException {
        String email = "warm-" + nonce + "-" + worker + "-" + createdCount[worker]++ + "@example.com";
        expect(warm[worker], "POST", CONTACTS, createBody(email), 201);
        String id = warm[worker].field("id");
        int n = ThreadLocalRandom.current().nextInt(1_000_000);
        String body = "{\"company\":\"Updated Co " + n + "\",\"position\":\"Head of Growth " + n + "\"}";
        expect(warm[worker], "PUT", CONTACTS + "/" + id, body, 200);
        expect(warm[worker], "PATCH", CONTACTS + "/" + id, body, 200);
        expect(warm[worker], "DELETE", CONTACTS + "/" + id, null, 200);
    }

    private void create(int worker) throws IOException {
        String email = "bench-" + nonce + "-" + worker + "-" + createdCount[worker]++ + "@example.com";
        expect(api[worker], "POST", CONTACTS, createBody(email), 201);
        created.get(worker).add(api[worker].field("id"));
    }

    /** Deletes this client's created contacts, then seeded ones; stops when none is left. */
    private void delete(int worker) throws IOException {
        List<String> mine = created.get(worker);
        String id;
        if (!mine.isEmpty()) {
            id = mine.remove(mine.size() - 1);
        } else {
            int i = seededToDelete.getAndIncrement();
            if (i >= rows) {
                throw new Load.Exhausted();
            }
            id = data.id(i);
        }
        expect(api[worker], "DELETE", CONTACTS + "/" + id, null, 200);
    }

    private static String createBody(String email) {
        return "{\"name\":\"Jane Smith\",\"email\":\"" + email + "\",\"phone\":\"+55 11 98888-8888\","
                + "\"company\":\"Tech Corp\",\"position\":\"CTO\",\"source\":\"website\","
                + "\"tags\":[\"bench\",\"inbound\"]}";
    }

    private static void expect(HttpConnection http, String method, String path, String body, int status)
            throws IOException {
        int got = http.send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        if (got != status) {
            String text = http.body();
            throw new IllegalStateException(method + " " + path + " answered " + got + " (expected " + status + "): "
                    + text.substring(0, Math.min(200, text.length())));
        }
    }
}
