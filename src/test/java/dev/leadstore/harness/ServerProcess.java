package dev.leadstore.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server under test as a child JVM (`dev.leadstore.Main serve`, heap capped at 256 MB) on a
 * fixed port, so it can be killed with SIGKILL and started again on the same data and address.
 */
final class ServerProcess implements AutoCloseable {
    static final String ADMIN_TOKEN = "harness-admin-token";
    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");
    private static final long START_TIMEOUT_SECONDS = 90;

    private final Map<String, String> databaseEnv;
    private final Path logFile;
    private final int port;
    private Process process;
    private int starts;

    ServerProcess(Map<String, String> databaseEnv, Path logFile) {
        this.databaseEnv = databaseEnv;
        this.logFile = logFile;
        this.port = freePort();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    int starts() {
        return starts;
    }

    /** Starts the server and returns once it listens; every start appends to the same log file. */
    ServerProcess start() {
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("LEADSTORE_"));
        builder.environment().putAll(databaseEnv);
        builder.environment().put("LEADSTORE_PORT", Integer.toString(port));
        builder.environment().put("LEADSTORE_ADMIN_TOKEN", ADMIN_TOKEN);
        starts++;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server", e);
        }
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, starts, listening), "server-output-" + starts);
        pump.setDaemon(true);
        pump.start();
        try {
            int reported = listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (reported != port) {
                throw new IllegalStateException("server reports port " + reported + ", expected " + port);
            }
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("server did not start; see " + logFile, e);
        }
        return this;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. Waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Resident set size of the server process in kB (VmRSS), or -1 when unknown. */
    long rssKb() {
        return procStatus("VmRSS:");
    }

    /** The server process's thread count, or -1 when unknown. */
    long threads() {
        return procStatus("Threads:");
    }

    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        // The whole heap committed and touched at start: resident memory then grows only by a leak
        // outside the heap, which is what the soak's RSS check is looking for.
        command.add("-Xms256m");
        command.add("-XX:+AlwaysPreTouch");
        // The access log would cost the load as much as the work; errors are still logged.
        command.add("-Dorg.slf4j.simpleLogger.log.leadstore.access=warn");
        command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.leadstore.Main");
        command.add("serve");
        return command;
    }

    /** Copies the child's output to the log file and reports the port it listens on. */
    private void pump(Process child, int start, CompletableFuture<Integer> listening) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
            log.println("==== start " + start + " (pid " + child.pid() + ")");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                log.println(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    listening.complete(Integer.parseInt(m.group(1)));
                }
            }
            log.println("==== exit of start " + start);
        } catch (IOException e) {
            listening.completeExceptionally(e);
        }
        listening.completeExceptionally(new IllegalStateException("server exited before listening"));
    }

    private long procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
