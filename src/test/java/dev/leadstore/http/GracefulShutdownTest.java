package dev.leadstore.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.ServerProcess;
import dev.leadstore.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * SIGTERM: the server stops accepting connections, lets a request in flight finish and answer,
 * and exits 0.
 */
class GracefulShutdownTest {
    private static final int PAD = 24_000;
    private static final int CHUNK = 1_000;

    @Test
    void a_request_in_flight_at_sigterm_is_answered_while_new_connections_are_refused_and_the_exit_is_0()
            throws Exception {
        ServerProcess server = ServerProcess.start(TestDatabase.h2().environment());
        try {
            String key = server.operator().tenant("graceful", null).key();
            byte[] body = ("{\"name\": \"Slow Sender\"" + " ".repeat(PAD) + "}").getBytes(StandardCharsets.UTF_8);
            try (Socket slow = new Socket()) {
                slow.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
                slow.setSoTimeout(60_000);
                OutputStream out = slow.getOutputStream();
                out.write(("POST /external/v1/contacts HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + key
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, CHUNK);
                out.flush();
                // The body arrives a kilobyte every 100 ms: the request is in flight for about 2.4 s.
                CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> trickle(out, body));
                Thread.sleep(300);
                server.terminate();

                long refusedAfter = awaitRefused(server.port());
                assertThat(rest).as("the body was still being sent when new connections were refused")
                        .isNotDone();
                rest.get();
                String answer = readAnswer(slow.getInputStream());
                assertThat(answer).startsWith("HTTP/1.1 201");
                assertThat(answer).contains("\"name\":\"Slow Sender\"");
                assertThat(refusedAfter).isLessThan(2_000);
            }
            assertThat(server.awaitExit(40)).isZero();
            assertThat(server.tail(10)).contains("stopped in");
        } finally {
            server.kill();
        }
    }

    /**
     * A request that waits on the database (a lock held by the test) for seconds without any I/O on
     * its connection still answers after SIGTERM.
     */
    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabase.PG_URL_VARIABLE, matches = ".+")
    void a_request_waiting_on_the_database_at_sigterm_finishes_and_answers() throws Exception {
        TestDatabase database = TestDatabase.postgres();
        ServerProcess server = ServerProcess.start(database.environment());
        try {
            String key = server.operator().tenant("graceful", null).key();
            byte[] body = "{\"name\": \"Patient Writer\"}".getBytes(StandardCharsets.UTF_8);
            try (Connection lock = database.connect(); Socket waiting = new Socket()) {
                lock.setAutoCommit(false);
                try (Statement statement = lock.createStatement()) {
                    statement.execute("LOCK TABLE contacts IN EXCLUSIVE MODE");
                }
                waiting.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
                waiting.setSoTimeout(60_000);
                OutputStream out = waiting.getOutputStream();
                out.write(("POST /external/v1/contacts HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + key
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                Thread.sleep(500);
                server.terminate();
                awaitRefused(server.port());
                // Three quiet seconds: longer than Jetty's idle timeout for stopping connections.
                Thread.sleep(3_000);
                lock.commit();
                String answer = readAnswer(waiting.getInputStream());
                assertThat(answer).startsWith("HTTP/1.1 201");
                assertThat(answer).contains("\"name\":\"Patient Writer\"");
            }
            assertThat(server.awaitExit(40)).isZero();
        } finally {
            server.kill();
            database.close();
        }
    }

    private static void trickle(OutputStream out, byte[] body) {
        try {
            for (int offset = CHUNK; offset < body.length; offset += CHUNK) {
                Thread.sleep(100);
                out.write(body, offset, Math.min(CHUNK, body.length - offset));
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("the server stopped reading the body", e);
        }
    }

    /** Milliseconds until a new connection is refused. */
    private static long awaitRefused(int port) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < 10_000_000_000L) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
            } catch (ConnectException refused) {
                return (System.nanoTime() - start) / 1_000_000;
            } catch (IOException other) {
                // A timeout or reset: not yet a clean refusal; try again.
            }
            Thread.sleep(20);
        }
        throw new AssertionError("new connections were still accepted 10 s after SIGTERM");
    }

    /** The whole answer: headers and a Content-Length body (or until the server closes). */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int contentLength = -1;
        int headerEnd = -1;
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            bytes.write(buffer, 0, n);
            String text = bytes.toString(StandardCharsets.ISO_8859_1);
            if (headerEnd < 0 && (headerEnd = text.indexOf("\r\n\r\n")) >= 0) {
                for (String line : text.substring(0, headerEnd).split("\r\n")) {
                    if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        contentLength = Integer.parseInt(line.substring(15).trim());
                    }
                }
            }
            if (headerEnd >= 0 && contentLength >= 0 && bytes.size() >= headerEnd + 4 + contentLength) {
                break;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
