package dev.leadstore.harness;

import dev.leadstore.support.Folders;
import dev.leadstore.support.ServerProcess;
import dev.leadstore.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the harness's own (initdb in a temporary folder, its own port), so the
 * outage run can stop and start it without touching the machine's shared server. Run as root it
 * acts as user postgres.
 */
final class PrivatePostgres implements AutoCloseable {
    private static final String BIN_VARIABLE = "LEADSTORE_HARNESS_PG_BIN";

    private final Path root;
    private final Path data;
    private final Path bin;
    private final int port;

    private PrivatePostgres(Path root, Path bin, int port) {
        this.root = root;
        this.data = root.resolve("data");
        this.bin = bin;
        this.port = port;
    }

    /** initdb and start. */
    static PrivatePostgres create() {
        try {
            Path root = Folders.temporary("leadstore-harness-pg-");
            PrivatePostgres cluster = new PrivatePostgres(root, binDir(), ServerProcess.freePort());
            if (runningAsRoot()) {
                run(List.of("chown", "postgres:postgres", root.toString()));
            }
            cluster.pg("initdb", "-D", cluster.data.toString(), "-U", "postgres", "-A", "trust", "--no-sync",
                    "-E", "UTF8", "--locale=C");
            cluster.start();
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** Starts the cluster and returns once it accepts connections. */
    void start() {
        pg("pg_ctl", "-D", data.toString(), "-l", root.resolve("postgres.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1", "start");
    }

    /** Stops the cluster the hard way: every backend dies at once, like a crashed database host. */
    void stopImmediately() {
        pg("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
    }

    /** A new, empty database in this cluster. */
    TestDatabase newDatabase() {
        return TestDatabase.postgres("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
    }

    @Override
    public void close() {
        try {
            stopImmediately();
        } catch (RuntimeException e) {
            // already stopped
        }
        Folders.delete(root);
    }

    private void pg(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** LEADSTORE_HARNESS_PG_BIN, else the newest /usr/lib/postgresql/<version>/bin. */
    private static Path binDir() throws IOException {
        String configured = System.getenv(BIN_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL binaries; set " + BIN_VARIABLE));
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
