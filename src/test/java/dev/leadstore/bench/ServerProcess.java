package dev.leadstore.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The server under test: `java -Xmx256m -cp target/leadstore.jar dev.leadstore.Main serve` as a
 * child process on a free port, its output appended to a log file. Peak RSS comes from
 * /proc/&lt;pid&gt;/status (VmHWM), whose high-water mark is reset before each scenario.
 */
final class ServerProcess implements AutoCloseable {
    static final String HEAP = "-Xmx256m";
    static final String ADMIN_TOKEN = "bench-" + Long.toHexString(System.nanoTime());

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ServerProcess start(Target target) {
        int port = freePort();
        Path log = target.dir().resolve("server.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = System.getProperty("leadstore.jar", "target/leadstore.jar");
        ProcessBuilder builder = new ProcessBuilder(java, HEAP, "-cp", jar, "dev.leadstore.Main", "serve");
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("LEADSTORE_"));
        env.putAll(target.serverEnvironment());
        env.put("LEADSTORE_PORT", Integer.toString(port));
        env.put("LEADSTORE_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("LEADSTORE_BENCH_ENDPOINT", "true");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            ServerProcess server = new ServerProcess(builder.start(), port, log);
            server.awaitHealthy();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** Fails the run when the server died during a scenario (an out-of-memory exit, say). */
    void checkAlive(String scenario) {
        if (!process.isAlive()) {
            throw new IllegalStateException("the server exited with " + process.exitValue() + " during '" + scenario
                    + "':\n" + tail());
        }
    }

    /** Starts a new high-water mark of resident memory (Linux: 5 > /proc/pid/clear_refs). */
    void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc", Long.toString(process.pid()), "clear_refs"), "5");
        } catch (IOException e) {
            // Older kernels: VmHWM then covers the whole life of the process, which only overstates.
        }
    }

    /** VmHWM in MB, or -1 when unreadable (the process ended, or no /proc). */
    long peakRssMb() {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(-1L);
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /** True when a server's log shows its heap ran out (the run then fails the heap target). */
    static boolean ranOutOfHeap(Target target) {
        try (Stream<String> lines = Files.lines(target.dir().resolve("server.log"))) {
            return lines.anyMatch(l -> l.contains("OutOfMemoryError"));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Keeps what the servers of a run logged, minus the access log, in target/bench-&lt;db&gt;-server.log
     * (the full log, in the run's temporary folder, goes away with it).
     */
    static Path keepLog(Target target) {
        Path kept = Path.of("target", "bench-" + target.label().toLowerCase(java.util.Locale.ROOT) + "-server.log");
        try (Stream<String> lines = Files.lines(target.dir().resolve("server.log"))) {
            Files.createDirectories(kept.getParent());
            Files.write(kept, (Iterable<String>) lines.filter(l -> !l.contains("leadstore.access"))::iterator);
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
        return kept;
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + tail());
            }
            try (HttpConnection http = new HttpConnection("127.0.0.1", port, null)) {
                if (http.send("GET", "/health", null) == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("the server did not become healthy in 90 s:\n" + tail());
    }

    String tail() {
        try (Stream<String> lines = Files.lines(log)) {
            List<String> all = new ArrayList<>();
            lines.forEach(l -> {
                all.add(l);
                if (all.size() > 40) {
                    all.remove(0);
                }
            });
            return String.join("\n", all);
        } catch (IOException | UncheckedIOException e) {
            return "(no log)";
        }
    }

    /** Stops the server (SIGTERM, so it closes its database cleanly) and waits for it to exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
