package dev.leadstore.bench;

import dev.leadstore.support.ServerProcess;
import dev.leadstore.support.Tenant;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * The growth table: one account seeded in bulk to each scale in turn (10 000, then 100 000, then
 * 1 000 000 contacts, with the server stopped), then the list queries measured through HTTP at that
 * scale with N clients. The deep page sits 20 % into the list: page scale/100 of limit 20; the
 * cursor page right after it, read with the deep page's `next_cursor`.
 */
final class ScaleRun {
    static final String LIST = "list first page";
    static final String TAGS = "list tags=" + SeedData.TAG + " (1 %)";
    static final String EMAIL = "list email= (exact)";
    static final String SEARCH = "list search=" + SeedData.SEARCH + " (50 rows)";
    static final String DEEP = "deep page (page N/100)";
    static final String CURSOR = "cursor page (20 % in)";
    static final List<String> QUERIES = List.of(LIST, TAGS, EMAIL, SEARCH, DEEP, CURSOR);

    /** The figures of one scale. */
    record Scale(int rows, double seedSeconds, Map<String, Result> queries, long peakRssMb, List<String> explain) {
    }

    private ScaleRun() {
    }

    static Map<Integer, Scale> measure(Stage stage, Tenant tenant, List<Integer> scales, Options o)
            throws SQLException, IOException {
        SeedData data = new SeedData(tenant.accountId());
        Map<Integer, Scale> results = new LinkedHashMap<>();
        int seeded = 0;
        for (int rows : scales) {
            Bench.progress("seeding " + stage.label() + " to " + rows + " contacts ...");
            double seconds = Seeder.seed(stage.database(), data, seeded, rows);
            seeded = rows;
            Map<String, Result> queries = new LinkedHashMap<>();
            long peak;
            try (ServerProcess server = stage.startServer()) {
                server.resetPeakRss();
                HttpConnection[] http = new HttpConnection[o.clients()];
                for (int w = 0; w < http.length; w++) {
                    http[w] = new HttpConnection("127.0.0.1", server.port(), "X-API-Key: " + tenant.key());
                }
                String base = ApiScenarios.CONTACTS + "?limit=20";
                // A fresh JVM: compile the list path on a cheap query before measuring.
                Load.run("server warm-up", http.length, 0, ApiScenarios.WARM_UP_SECONDS, w -> http[w].send("GET",
                        base + "&email=" + data.email(ThreadLocalRandom.current().nextInt(rows)), null));
                int deepPage = Math.max(1, rows / 100);
                queries.put(LIST, run(server, http, rows, LIST, o, i -> base));
                queries.put(TAGS, run(server, http, rows, TAGS, o, i -> base + "&tags=" + SeedData.TAG));
                queries.put(EMAIL, run(server, http, rows, EMAIL, o,
                        i -> base + "&email=" + URLEncoder.encode(data.email(i), StandardCharsets.UTF_8)));
                queries.put(SEARCH, run(server, http, rows, SEARCH, o, i -> base + "&search=" + SeedData.SEARCH));
                queries.put(DEEP, run(server, http, rows, DEEP, o, i -> base + "&page=" + deepPage));
                String cursor = nextCursor(http[0], base + "&page=" + deepPage);
                queries.put(CURSOR, run(server, http, rows, CURSOR, o, i -> base + "&cursor=" + cursor));
                peak = Stage.peakRssMb(server);
                for (HttpConnection h : http) {
                    h.close();
                }
            }
            List<String> explain = stage.database().isPostgres() && o.explain() && rows == scales.get(scales.size() - 1)
                    ? Explain.plans(stage.database(), data, rows) : List.of();
            results.put(rows, new Scale(rows, seconds, queries, peak, explain));
        }
        return results;
    }

    /** The `next_cursor` of a page. */
    private static String nextCursor(HttpConnection http, String path) throws IOException {
        int status = http.send("GET", path, null);
        String cursor = http.field("next_cursor");
        if (status != 200 || cursor == null) {
            throw new IllegalStateException("GET " + path + " answered " + status + " without a next_cursor: "
                    + http.body());
        }
        return URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }

    /** One query at one scale; `path` gets a random seeded row index (used by the email query). */
    private static Result run(ServerProcess server, HttpConnection[] http, int rows, String query, Options o,
                              IntFunction<String> path) {
        String name = query + " at " + rows;
        Result result = Load.run(name, http.length, o.scaleWarmupSeconds(), o.scaleSeconds(), w -> {
            String p = path.apply(ThreadLocalRandom.current().nextInt(rows));
            int status = http[w].send("GET", p, null);
            if (status != 200) {
                throw new IllegalStateException("GET " + p + " answered " + status + ": " + http[w].body());
            }
        });
        server.requireAlive(name);
        Bench.progress(result);
        return result;
    }
}
