package dev.leadstore.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server as production runs it: `java … dev.leadstore.Main serve` in a child process,
 * configured only by environment variables, with everything it prints appended to one log file.
 * Started, it has printed its "listening on port N" line. One ServerProcess may be killed and
 * started again any number of times, on the same data and, with a fixed port, the same address.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");
    private static final long STARTUP_GUARD_SECONDS = 120;

    private final ServerLaunch launch;
    private final Path log;
    private Process process;
    private int port;
    private int starts;
    private List<String> output = List.of();

    public ServerProcess(ServerLaunch launch) {
        this.launch = launch;
        this.log = launch.log() != null ? launch.log() : temporaryLog();
    }

    /** Starts `Main serve` as tests do, with no LEADSTORE_* variables but the given ones. */
    public static ServerProcess start(Map<String, String> environment) {
        return start(ServerLaunch.of(environment));
    }

    public static ServerProcess start(ServerLaunch launch) {
        return new ServerProcess(launch).start();
    }

    /** Starts the server and returns once it listens; every start appends to the same log. */
    public ServerProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the server is already running");
        }
        starts++;
        append("==== start " + starts);
        long offset = log.toFile().length();
        Map<String, String> environment = new HashMap<>();
        environment.put("LEADSTORE_ADMIN_TOKEN", OperatorClient.TOKEN);
        environment.putAll(launch.environment());
        environment.put("LEADSTORE_PORT", Integer.toString(launch.port()));
        ProcessBuilder builder = ChildJvm.main(launch.jvmOptions(), launch.jar(), List.of("serve"), environment)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server", e);
        }
        port = awaitListening(offset);
        if (launch.port() != 0 && port != launch.port()) {
            kill();
            throw new IllegalStateException("the server reports port " + port + ", expected " + launch.port());
        }
        return this;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Http http() {
        return new Http(baseUrl());
    }

    public OperatorClient operator() {
        return new OperatorClient(baseUrl());
    }

    public long pid() {
        return process.pid();
    }

    public int starts() {
        return starts;
    }

    public Path log() {
        return log;
    }

    /** What the latest start printed (output and log lines) up to and including its "listening" line. */
    public List<String> output() {
        return output;
    }

    /** Fails when the server has exited (an out-of-memory exit, say) during the named work. */
    public void requireAlive(String during) {
        if (!process.isAlive()) {
            throw new IllegalStateException("the server exited with " + process.exitValue() + " during '" + during
                    + "':\n" + tail(40));
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. Waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM, without waiting: the server stops accepting, finishes what is in flight and exits. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to exit and returns its exit status; fails after `seconds`. */
    public int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server did not exit within " + seconds + " s:\n" + tail(40));
        }
        return process.exitValue();
    }

    /** An orderly stop (SIGTERM, so the database is closed cleanly), forced if the process does not go. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** Resident memory in kB (VmRSS), or -1 when unknown. */
    public long rssKb() {
        return procStatus("VmRSS:");
    }

    /** The high-water mark of resident memory in kB (VmHWM) since the start or the last reset, or -1. */
    public long peakRssKb() {
        return procStatus("VmHWM:");
    }

    /** Starts a new high-water mark of resident memory (Linux: 5 > /proc/pid/clear_refs). */
    public void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc", Long.toString(process.pid()), "clear_refs"), "5");
        } catch (IOException e) {
            // Older kernels: VmHWM then covers the whole life of the process, which only overstates.
        }
    }

    /** The server's thread count, or -1 when unknown. */
    public long threads() {
        return procStatus("Threads:");
    }

    /** The last lines of the log. */
    public String tail(int lines) {
        return LogFollower.tail(log, lines);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the log from where this start began until the "listening" line, and returns its port. */
    private int awaitListening(long offset) {
        LogFollower follower = new LogFollower(log, offset);
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_GUARD_SECONDS);
        while (System.nanoTime() < deadline) {
            boolean exited = !process.isAlive();
            for (String line : follower.newLines()) {
                lines.add(line);
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    output = List.copyOf(lines);
                    return Integer.parseInt(matcher.group(1));
                }
            }
            if (exited) {
                throw new IllegalStateException("the server exited with " + process.exitValue()
                        + " before listening:\n" + String.join("\n", lines));
            }
            pause();
        }
        kill();
        throw new IllegalStateException("the server did not start in " + STARTUP_GUARD_SECONDS + " s:\n"
                + String.join("\n", lines));
    }

    private void waitForExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void append(String line) {
        try {
            Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static Path temporaryLog() {
        try {
            Path file = Files.createTempFile("leadstore-server-", ".log");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the server started", e);
        }
    }
}
