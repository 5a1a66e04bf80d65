package dev.leadstore.bench;

import dev.leadstore.db.Database;
import dev.leadstore.support.ServerProcess;
import dev.leadstore.support.Tenant;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark (run it with ./bench; see the README's "Benchmark" section). For each database it
 * starts the real server as a child process, seeds accounts in bulk, measures the limits (raw
 * JDBC, HTTP floor), the HTTP scenarios and the growth table, and prints them with the targets'
 * PASS/FAIL. A report, not a test: it exits 0 whatever the figures say.
 */
public final class Bench {
    /** Every account's and key's hourly limit: high enough that no scenario ever meets it. */
    static final int UNREACHABLE_LIMIT = 1_000_000_000;

    private Bench() {
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        // The driver's own pool and migrations check need not chatter; the server logs to its file.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.print((e.getMessage().isEmpty() ? "" : e.getMessage() + "\n") + Options.USAGE);
            System.exit(2);
            return;
        }
        long start = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        for (String kind : options.databases()) {
            Outcome outcome = run(kind, options);
            Report.print(System.out, outcome, options);
            outcomes.add(outcome);
        }
        System.out.println();
        List<String> parts = new ArrayList<>();
        for (Outcome o : outcomes) {
            List<Targets.Check> checks = Targets.judge(o);
            long passed = checks.stream().filter(Targets.Check::pass).count();
            parts.add(o.label() + " " + passed + "/" + checks.size() + " PASS");
        }
        System.out.printf("Summary: %s; %d clients; finished in %.1f min on %d cores%n", String.join(", ", parts),
                options.clients(), (System.nanoTime() - start) / 60e9, Runtime.getRuntime().availableProcessors());
        System.exit(0);
    }

    static Outcome run(String kind, Options o) {
        long start = System.nanoTime();
        Map<String, Result> limits = new LinkedHashMap<>();
        Map<String, Result> api = new LinkedHashMap<>();
        Map<Integer, ScaleRun.Scale> scales = new LinkedHashMap<>();
        String version = kind;
        String load = loadAverage();
        String aborted = null;
        boolean heapHeld = false;
        try (Stage stage = Stage.create(kind)) {
            try {
                progress("== " + stage.label() + ": starting the server, making accounts ...");
                Tenant bench;
                Tenant raw;
                Tenant scale;
                Tenant warmUp;
                try (ServerProcess server = stage.startServer()) {
                    bench = server.operator().tenant("bench", UNREACHABLE_LIMIT);
                    raw = server.operator().tenant("bench raw", UNREACHABLE_LIMIT);
                    scale = server.operator().tenant("bench scale", UNREACHABLE_LIMIT);
                    warmUp = server.operator().tenant("bench warm-up", UNREACHABLE_LIMIT);
                }
                version = stage.version();
                SeedData benchData = new SeedData(bench.accountId());
                SeedData rawData = new SeedData(raw.accountId());
                Seeder.seed(stage.database(), benchData, 0, o.baseRows());
                Seeder.seed(stage.database(), rawData, 0, o.baseRows());
                try (Database database = Database.open(stage.database().config(null).database())) {
                    limits.putAll(RawLimits.measure(database, rawData, o.baseRows(), o, stage::settle));
                }
                if (stage.database().isPostgres()) {
                    stage.settle();
                    Result anchor = Anchor.measure(stage.database(), o);
                    progress(anchor);
                    limits.put(Anchor.NAME, anchor);
                }
                if (o.runs("scenarios")) {
                    try (ServerProcess server = stage.startServer()) {
                        api.putAll(ApiScenarios.measure(server, bench, warmUp, benchData, o.baseRows(), o,
                                stage::settle));
                    }
                }
                if (stage.database().isPostgres() && o.runs("fresh")) {
                    Map<String, Map<String, String>> fresh = new LinkedHashMap<>();
                    fresh.put(ApiScenarios.CREATE_EVENTS, Map.of("LEADSTORE_EVENTS", "on"));
                    fresh.put(ApiScenarios.CREATE_NO_EVENTS, Map.of("LEADSTORE_EVENTS", "off"));
                    fresh.put(ApiScenarios.CREATE_ALONE, Map.of("LEADSTORE_GROUP_CREATES", "off"));
                    Map<String, ServerProcess> servers = new LinkedHashMap<>();
                    try {
                        fresh.forEach((name, settings) -> servers.put(name, stage.startServer(settings)));
                        api.putAll(ApiScenarios.measureCreatesInTurns(servers, bench, warmUp, benchData,
                                o.baseRows(), o, stage::settle));
                    } finally {
                        servers.values().forEach(ServerProcess::close);
                    }
                }
                if (stage.database().isPostgres() && o.runs("webhook")) {
                    try (ServerProcess server = stage.startServer(Map.of("LEADSTORE_WEBHOOK_ALLOW_PRIVATE", "true"))) {
                        api.putAll(ApiScenarios.measureWithWebhook(server, bench, warmUp, benchData, o.baseRows(), o,
                                stage::settle));
                    }
                }
                if (o.runs("growth")) {
                    scales.putAll(ScaleRun.measure(stage, scale, o.scalesFor(kind), o));
                }
            } catch (IOException | SQLException | RuntimeException | InterruptedException e) {
                aborted = e.toString();
                e.printStackTrace();
            }
            heapHeld = aborted == null && !stage.ranOutOfHeap();
            progress("server log, without the access log: " + stage.keepLog());
        }
        return new Outcome(kind, version + "; load average " + load + " before, " + loadAverage() + " after",
                limits, api, scales, heapHeld, aborted, (System.nanoTime() - start) / 1e9);
    }

    /** The one-minute load average: other work on the machine shows in every figure. */
    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static void progress(Result r) {
        progress(String.format("  %-32s %9.0f req/s  p50 %7.2f ms  p99 %8.2f ms  errors %d%s", r.name(), r.rate(),
                r.p50(), r.p99(), r.errors(), r.peakRssMb() < 0 ? "" : "  RSS " + r.peakRssMb() + " MB"));
    }

    static void progress(String line) {
        System.err.println(line);
        System.err.flush();
    }
}
