package dev.leadstore.bench;

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
    static final String CONTACTS = "/external/v1/contacts";
    static final int WARM_UP_SECONDS = 5;

    private final ServerProcess server;
    private final SeedData data;
    private final int rows;
    private final HttpConnection[] api;
    private final HttpConnection[] bare;
    private final List<List<String>> created = new ArrayList<>();
    private final int[] createdCount;
    private final AtomicInteger seededToDelete = new AtomicInteger();
    private final String nonce = Long.toString(System.nanoTime(), 36);

    private ApiScenarios(ServerProcess server, Admin.Tenant tenant, SeedData data, int rows, int clients) {
        this.server = server;
        this.data = data;
        this.rows = rows;
        this.api = new HttpConnection[clients];
        this.bare = new HttpConnection[clients];
        this.createdCount = new int[clients];
        for (int w = 0; w < clients; w++) {
            api[w] = new HttpConnection("127.0.0.1", server.port(), "X-API-Key: " + tenant.key());
            bare[w] = new HttpConnection("127.0.0.1", server.port(), null);
            created.add(new ArrayList<>());
        }
    }

    static Map<String, Result> measure(ServerProcess server, Admin.Tenant tenant, SeedData data, int rows, Options o) {
        ApiScenarios s = new ApiScenarios(server, tenant, data, rows, o.clients());
        // A fresh JVM: let the JIT compile the request path before anything is measured.
        Load.run("server warm-up", o.clients(), 0, WARM_UP_SECONDS, w -> {
            switch (ThreadLocalRandom.current().nextInt(3)) {
                case 0 -> expect(s.bare[w], "GET", "/bench/ping", null, 200);
                case 1 -> expect(s.api[w], "GET", CONTACTS + "/" + s.randomId(), null, 200);
                default -> expect(s.api[w], "GET", CONTACTS + "?limit=20&email=" + data.email(0), null, 200);
            }
        });
        Map<String, Result> results = new LinkedHashMap<>();
        results.put(PING, s.run(PING, o, w -> expect(s.bare[w], "GET", "/bench/ping", null, 200)));
        results.put(GET, s.run(GET, o, w -> expect(s.api[w], "GET", CONTACTS + "/" + s.randomId(), null, 200)));
        results.put(UPDATE, s.run(UPDATE, o, s::update));
        // The lists run before any create, so they see exactly the seeded rows.
        results.put(LIST, s.run(LIST, o, w -> expect(s.api[w], "GET", CONTACTS + "?limit=20", null, 200)));
        results.put(SEARCH, s.run(SEARCH, o,
                w -> expect(s.api[w], "GET", CONTACTS + "?limit=20&search=" + SeedData.SEARCH, null, 200)));
        results.put(TAGS, s.run(TAGS, o,
                w -> expect(s.api[w], "GET", CONTACTS + "?limit=20&tags=" + SeedData.TAG, null, 200)));
        results.put(CREATE, s.run(CREATE, o, s::create));
        results.put(DELETE, s.run(DELETE, o, s::delete));
        for (int w = 0; w < o.clients(); w++) {
            s.api[w].close();
            s.bare[w].close();
        }
        return results;
    }

    private Result run(String name, Options o, Load.Step step) {
        server.resetPeakRss();
        Result result = Load.run(name, o.clients(), o.warmupSeconds(), o.seconds(), step)
                .withPeakRss(server.peakRssMb());
        server.checkAlive(name);
        Bench.progress(result);
        return result;
    }

    private String randomId() {
        return data.id(ThreadLocalRandom.current().nextInt(rows));
    }

    private void update(int worker) throws IOException {
        int n = ThreadLocalRandom.current().nextInt(1_000_000);
        String body = "{\"company\":\"Updated Co " + n + "\",\"position\":\"Head of Growth " + n + "\"}";
        expect(api[worker], "PUT", CONTACTS + "/" + randomId(), body, 200);
    }

    private void create(int worker) throws IOException {
        String email = "bench-" + nonce + "-" + worker + "-" + createdCount[worker]++ + "@example.com";
        String body = "{\"name\":\"Jane Smith\",\"email\":\"" + email + "\",\"phone\":\"+55 11 98888-8888\","
                + "\"company\":\"Tech Corp\",\"position\":\"CTO\",\"source\":\"website\","
                + "\"tags\":[\"bench\",\"inbound\"]}";
        expect(api[worker], "POST", CONTACTS, body, 201);
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
