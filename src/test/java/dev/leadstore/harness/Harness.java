package dev.leadstore.harness;

import dev.leadstore.support.ServerLaunch;
import dev.leadstore.support.ServerProcess;
import dev.leadstore.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reliability harness: a program, not a test. `crash` kills the server under write load and
 * checks every acknowledged write; `webhooks` kills it while deliveries are pending and checks every
 * event still reaches the receiver; `outage` stops PostgreSQL under load and checks the 503s and the
 * recovery; `soak` runs a long mixed load and watches latency and memory. Exit status 0 means PASS.
 */
public final class Harness {
    private static final String USAGE = """
            usage: ./harness crash  [h2|postgresql] [--clients 8] [--kills 6]
                   ./harness outage [--clients 8] [--outage-seconds 10]
                   ./harness soak   [h2|postgresql] [--clients 16] [--minutes 10] [--window-seconds 60]
                   ./harness stall  [h2|postgresql] [--clients 16] [--stalled 1000] [--seconds 30]
                   ./harness webhooks [h2|postgresql] [--clients 4] [--kills 4]
            crash, stall and webhooks on postgresql create (and drop) their database on the server that LEADSTORE_TEST_PG_URL
            names, user postgres (default postgresql://127.0.0.1:5432/postgres); outage, and soak on
            postgresql, run a private cluster (LEADSTORE_HARNESS_PG_BIN: the folder of initdb and pg_ctl).
            """;

    private static final Map<String, List<String>> OPTIONS = Map.of(
            "crash", List.of("clients", "kills"),
            "outage", List.of("clients", "outage-seconds"),
            "soak", List.of("clients", "minutes", "window-seconds"),
            "stall", List.of("clients", "stalled", "seconds"),
            "webhooks", List.of("clients", "kills"));

    private Harness() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            System.out.print(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        String mode = args[0];
        if (!OPTIONS.containsKey(mode)) {
            fail("unknown mode: " + mode);
        }
        String database = args.length > 1 && !args[1].startsWith("--") ? args[1] : "h2";
        int first = args.length > 1 && !args[1].startsWith("--") ? 2 : 1;
        Map<String, Integer> options = options(List.of(args).subList(first, args.length));
        List<String> known = OPTIONS.get(mode);
        options.keySet().stream().filter(o -> !known.contains(o)).findFirst()
                .ifPresent(o -> fail("unknown option for " + mode + ": --" + o));
        if (!List.of("h2", "postgresql").contains(database)) {
            fail("database must be h2 or postgresql, got: " + database);
        }
        Path runDir = runDir(mode + (mode.equals("outage") ? "" : "-" + database));
        System.out.println("Leadstore reliability harness: " + mode + (mode.equals("outage") ? "" : " on " + database)
                + "; server logs in " + runDir);
        boolean pass = switch (mode) {
            case "crash" -> new CrashRun(database, option(options, "clients", 8), option(options, "kills", 6), runDir)
                    .run();
            case "outage" -> new OutageRun(option(options, "clients", 8), option(options, "outage-seconds", 10), runDir)
                    .run();
            case "soak" -> new SoakRun(database, option(options, "clients", 16), option(options, "minutes", 10),
                    option(options, "window-seconds", 60), runDir).run();
            case "stall" -> new StallRun(database, option(options, "clients", 16), option(options, "stalled", 1000),
                    option(options, "seconds", 30), runDir).run();
            case "webhooks" -> new WebhookCrashRun(database, option(options, "clients", 4), option(options, "kills", 4),
                    runDir).run();
            default -> throw new IllegalStateException(mode);
        };
        System.exit(pass ? 0 : 1);
    }

    /**
     * The server under test, not yet started: heap capped at 256 MB, on a port of its own (a killed
     * server comes back where its clients left it), logging to the run's folder.
     */
    static ServerProcess server(TestDatabase database, Path runDir) {
        return server(database, runDir, Map.of());
    }

    /** The server under test with more settings (environment variables). */
    static ServerProcess server(TestDatabase database, Path runDir, Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(database.environment());
        environment.putAll(settings);
        return new ServerProcess(ServerLaunch.of(environment).onFreePort()
                .jvm("-Xmx256m",
                        // The whole heap committed and touched at start: resident memory then grows only
                        // by a leak outside the heap, which is what the soak's RSS check is looking for.
                        "-Xms256m", "-XX:+AlwaysPreTouch",
                        // The access log would cost the load as much as the work; errors are still logged.
                        "-Dorg.slf4j.simpleLogger.log.leadstore.access=warn",
                        "-Dorg.slf4j.simpleLogger.showDateTime=true")
                .logTo(runDir.resolve("server.log")));
    }

    /** A load client for a fresh enterprise account whose key may send a billion requests an hour. */
    static Client tenant(ServerProcess server, Duration timeout) {
        String key = server.operator().tenant("harness", 1_000_000_000).key();
        return Client.to(server.baseUrl(), timeout).withApiKey(key);
    }

    private static Map<String, Integer> options(List<String> args) {
        Map<String, Integer> options = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i);
            if (!name.startsWith("--") || i + 1 >= args.size()) {
                fail("expected --option value, got: " + String.join(" ", args.subList(i, args.size())));
            }
            try {
                options.put(name.substring(2), Integer.parseInt(args.get(i + 1)));
            } catch (NumberFormatException e) {
                fail(name + " needs a whole number, got: " + args.get(i + 1));
            }
        }
        return options;
    }

    private static int option(Map<String, Integer> options, String name, int fallback) {
        int value = options.getOrDefault(name, fallback);
        if (value < 1) {
            fail("--" + name + " must be at least 1");
        }
        return value;
    }

    private static Path runDir(String name) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Files.createDirectories(Path.of("target", "harness", name + "-" + stamp)).toAbsolutePath();
    }

    private static void fail(String message) {
        System.err.println(message);
        System.err.print(USAGE);
        System.exit(2);
    }
}
