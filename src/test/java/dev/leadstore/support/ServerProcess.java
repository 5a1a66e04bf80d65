package dev.leadstore.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server as production runs it: `java dev.leadstore.Main serve` in a child process, configured
 * only by environment variables. Started, it has printed its "listening on port N" line.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");
    private static final String END = "\u0000end of output";
    private static final long STARTUP_GUARD_SECONDS = 120;

    private final Process process;
    private final Path stderr;
    private final List<String> output = new ArrayList<>();
    private final int port;

    private ServerProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> pump(process, lines), "server-process-stdout");
        reader.setDaemon(true);
        reader.start();
        this.port = awaitListening(lines);
    }

    /** Starts `Main serve` with no LEADSTORE_* variables but the given ones. */
    public static ServerProcess start(Map<String, String> environment) {
        try {
            Path stderr = Files.createTempFile("leadstore-server-", ".log");
            stderr.toFile().deleteOnExit();
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                    "-cp", classpath, "dev.leadstore.Main", "serve")
                    .redirectError(stderr.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("LEADSTORE_"));
            builder.environment().putAll(environment);
            return new ServerProcess(builder.start(), stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public Http http() {
        return new Http("http://localhost:" + port);
    }

    /** What the server printed to standard output up to and including its "listening" line. */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** An orderly stop (SIGTERM), forced if the process does not go. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        waitForExit();
    }

    private void waitForExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int awaitListening(BlockingQueue<String> lines) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_GUARD_SECONDS);
        try {
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    continue;
                }
                if (line.equals(END)) {
                    throw new IllegalStateException("server exited before listening: " + output + "\n" + errors());
                }
                output.add(line);
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        throw new IllegalStateException("server did not start: " + output + "\n" + errors());
    }

    private String errors() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(no error output: " + e.getMessage() + ")";
        }
    }

    private static void pump(Process process, BlockingQueue<String> lines) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The process is gone; what it printed before is already queued.
        } finally {
            lines.add(END);
        }
    }
}
