package dev.leadstore.bench;

import dev.leadstore.support.ServerLaunch;
import dev.leadstore.support.ServerProcess;
import dev.leadstore.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where one database's run takes place: a fresh database, the log every server of the run appends
 * to, and the server as the benchmark starts it: `java -Xmx256m -cp target/leadstore.jar
 * dev.leadstore.Main serve` on a free port, with GET /bench/ping.
 */
final class Stage implements AutoCloseable {
    static final String HEAP = "-Xmx256m";

    private final TestDatabase database;
    private final Path log;

    private Stage(TestDatabase database, Path log) {
        this.database = database;
        this.log = log;
    }

    static Stage create(String kind) {
        try {
            return new Stage(TestDatabase.of(kind), Files.createTempFile("leadstore-bench-", ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestDatabase database() {
        return database;
    }

    String label() {
        return database.isPostgres() ? "PostgreSQL" : "H2";
    }

    ServerProcess startServer() {
        return startServer(Map.of());
    }

    /** The server with more settings (e.g. LEADSTORE_EVENTS=off). */
    ServerProcess startServer(Map<String, String> settings) {
        Path jar = Path.of(System.getProperty("leadstore.jar", "target/leadstore.jar"));
        ServerLaunch launch = ServerLaunch.of(database.environment()).with("LEADSTORE_BENCH_ENDPOINT", "true");
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            launch = launch.with(setting.getKey(), setting.getValue());
        }
        return ServerProcess.start(launch.jvm(HEAP).fromJar(jar).logTo(log));
    }

    /** VmHWM in MB, or -1 when unreadable (the process ended, or no /proc). */
    static long peakRssMb(ServerProcess server) {
        long kb = server.peakRssKb();
        return kb < 0 ? -1 : kb / 1024;
    }

    /**
     * Before each measured write scenario on PostgreSQL: what autovacuum would have done by then
     * (the shared test server runs with it off), so that no scenario pays for the dead rows and
     * index entries the one before it left. H2 keeps no dead rows to clean; nothing is done there.
     */
    void settle() {
        if (database.isPostgres()) {
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute("VACUUM (ANALYZE) contacts, contact_tags, contact_counts, contact_tag_counts");
            } catch (SQLException e) {
                throw new IllegalStateException("VACUUM before a write scenario failed: " + e.getMessage(), e);
            }
        }
    }

    String version() {
        try (Connection c = database.connect()) {
            return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return label();
        }
    }

    /** True when a server's log shows its heap ran out (the run then fails the heap target). */
    boolean ranOutOfHeap() {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.anyMatch(l -> l.contains("OutOfMemoryError"));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Keeps what the servers of a run logged, minus the access log, in target/bench-&lt;db&gt;-server.log
     * (the full log, a temporary file, goes away with the run).
     */
    Path keepLog() {
        Path kept = Path.of("target", "bench-" + label().toLowerCase(Locale.ROOT) + "-server.log");
        try (Stream<String> lines = Files.lines(log)) {
            Files.createDirectories(kept.getParent());
            Files.write(kept, (Iterable<String>) lines.filter(l -> !l.contains("leadstore.access"))::iterator);
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
        return kept;
    }

    @Override
    public void close() {
        database.close();
        log.toFile().delete();
    }
}
