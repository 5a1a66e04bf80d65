package dev.leadstore.harness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.ServerProcess;
import dev.leadstore.support.Tenant;
import dev.leadstore.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Graceful shutdown under load: clients on keep-alive connections create and list contacts; the
 * server gets SIGTERM. Every request must be answered 2xx, or refused before the server read it
 * (connection refused; the connection closed before any byte of an answer; 503 from the server
 * that is draining, which did no work), never cut in the middle (part of an answer, a reset after
 * the answer began, a timeout, another status). The exit status must be 0. Started again on the
 * same data, every acknowledged create is there and no refused create is.
 */
final class ShutdownRun {
    private static final Duration TIMEOUT = Duration.ofSeconds(40);

    private final String database;
    private final int clients;
    private final int seconds;
    private final Path runDir;
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    /** Refused creates: email → how it was refused and when (ms after SIGTERM). */
    private final Map<String, String> refusedCreates = new ConcurrentHashMap<>();
    private volatile long signalledAt;
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final AtomicLong afterSignal2xx = new AtomicLong();
    private volatile boolean terminated;

    ShutdownRun(String database, int clients, int seconds, Path runDir) {
        this.database = database;
        this.clients = clients;
        this.seconds = seconds;
        this.runDir = runDir;
    }

    boolean run() throws InterruptedException {
        try (TestDatabase db = TestDatabase.of(database);
             ServerProcess server = Harness.server(db, runDir)) {
            server.start();
            Tenant tenant = server.operator().tenant("harness", 1_000_000_000);
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Thread worker = new Thread(new Worker(i, server.port(), tenant.key()), "shutdown-client-" + i);
                worker.setDaemon(true);
                worker.start();
                workers.add(worker);
            }
            Thread.sleep(seconds * 1000L);
            long before = total();
            terminated = true;
            long signalled = System.nanoTime();
            signalledAt = signalled;
            server.terminate();
            System.out.printf("SIGTERM after %d s of load from %d clients (%d requests answered so far)%n",
                    seconds, clients, before);
            int exit = server.awaitExit(45);
            double stopSeconds = (System.nanoTime() - signalled) / 1e9;
            for (Thread worker : workers) {
                worker.join(10_000);
            }
            System.out.printf("server exited with status %d, %.1f s after SIGTERM%n", exit, stopSeconds);
            server.start();
            Map<String, JsonNode> stored = Client.to(server.baseUrl(), TIMEOUT).withApiKey(tenant.key())
                    .readAllContacts();
            return report(exit, stored);
        }
    }

    private long total() {
        return outcomes.values().stream().mapToLong(AtomicLong::get).sum();
    }

    private boolean report(int exit, Map<String, JsonNode> stored) {
        Set<String> storedEmails = stored.values().stream().map(c -> c.path("email").asText())
                .collect(Collectors.toSet());
        long missing = acknowledged.stream().filter(id -> !stored.containsKey(id)).count();
        List<String> refusedButStoredList = refusedCreates.entrySet().stream()
                .filter(e -> storedEmails.contains(e.getKey())).map(e -> e.getKey() + ": " + e.getValue()).toList();
        long refusedButStored = refusedButStoredList.size();
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((k, v) -> counts.put(k, v.get()));
        long cut = counts.entrySet().stream().filter(e -> e.getKey().startsWith("CUT")).mapToLong(Map.Entry::getValue)
                .sum();
        System.out.println();
        System.out.println("== graceful shutdown on " + database + " ==");
        System.out.printf("outcomes:                %s%n", counts);
        System.out.printf("2xx after SIGTERM:       %d (answered while draining)%n", afterSignal2xx.get());
        System.out.printf("acknowledged creates:    %d, missing after restart: %d%n", acknowledged.size(), missing);
        System.out.printf("refused creates:         %d, stored anyway: %d%n", refusedCreates.size(), refusedButStored);
        System.out.printf("cut in the middle:       %d%n", cut);
        System.out.printf("exit status:             %d%n", exit);
        problems.stream().limit(10).forEach(p -> System.out.println("  " + p));
        refusedButStoredList.forEach(p -> System.out.println("  refused but stored: " + p));
        boolean pass = cut == 0 && missing == 0 && refusedButStored == 0 && exit == 0;
        System.out.println("RESULT: " + (pass ? "PASS" : "FAIL")
                + " (bar: every request 2xx or refused before it was read, none cut, exit status 0,"
                + " acknowledged creates stored, refused ones not)");
        return pass;
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    }

    /** One client: one keep-alive connection at a time, a create then a list, over and over. */
    private final class Worker implements Runnable {
        private final int number;
        private final int port;
        private final String key;
        private Socket socket;
        private long sequence;

        Worker(int number, int port, String key) {
            this.number = number;
            this.port = port;
            this.key = key;
        }

        @Override
        public void run() {
            while (true) {
                boolean create = sequence % 2 == 0;
                String email = "shutdown-" + number + "-" + sequence + "@example.com";
                sequence++;
                String body = "{\"name\": \"Shutdown " + number + "\", \"email\": \"" + email + "\"}";
                String request = create
                        ? "POST /external/v1/contacts HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + key
                          + "\r\nContent-Type: application/json\r\nContent-Length: "
                          + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body
                        : "GET /external/v1/contacts?limit=5 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + key
                          + "\r\n\r\n";
                boolean afterSignal = terminated;
                boolean reused = socket != null;
                String outcome = exchange(request);
                count(outcome);
                if (outcome.equals("2xx") && afterSignal) {
                    afterSignal2xx.incrementAndGet();
                }
                if (create && outcome.startsWith("REFUSED")) {
                    refusedCreates.put(email, outcome + " at " + (System.nanoTime() - signalledAt) / 1_000_000
                            + " ms after SIGTERM" + (reused ? " on a reused connection" : " on a new connection"));
                }
                if (outcome.startsWith("CUT")) {
                    problems.add("client " + number + ": " + outcome + (create ? " (create " + email + ")" : ""));
                }
                if (outcome.equals("REFUSED connection refused") && terminated) {
                    return;
                }
                if (outcome.startsWith("REFUSED")) {
                    pause();
                }
            }
        }

        /** Sends one request and classifies what came back. */
        private String exchange(String request) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                    socket.setSoTimeout((int) TIMEOUT.toMillis());
                }
            } catch (ConnectException e) {
                close();
                return "REFUSED connection refused";
            } catch (IOException e) {
                close();
                return "CUT connect failed: " + e;
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.UTF_8));
                out.flush();
                Answer parsed = read(socket.getInputStream(), answer);
                if (parsed.close()) {
                    close();
                }
                if (parsed.status() >= 200 && parsed.status() < 300) {
                    if (request.startsWith("POST")) {
                        JsonNode json = Client.JSON.readTree(parsed.body());
                        acknowledged.add(json.at("/data/id").asText());
                    }
                    return "2xx";
                }
                if (parsed.status() == 503) {
                    return "REFUSED 503 while draining";
                }
                return "CUT status " + parsed.status();
            } catch (SocketTimeoutException e) {
                close();
                return "CUT timeout";
            } catch (IOException e) {
                close();
                return answer.size() == 0 ? "REFUSED closed before any answer byte" : "CUT after "
                        + answer.size() + " bytes: " + e.getMessage();
            }
        }

        private void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Gone already.
                }
                socket = null;
            }
        }

        private void pause() {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record Answer(int status, String body, boolean close) {
    }

    /** One HTTP/1.1 answer (Content-Length or chunked); an end of stream before it is complete throws. */
    private static Answer read(InputStream in, ByteArrayOutputStream seen) throws IOException {
        String statusLine = line(in, seen);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        int length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(in, seen); !header.isEmpty(); header = line(in, seen)) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line(in, seen).trim(), 16); size > 0;
                 size = Integer.parseInt(line(in, seen).trim(), 16)) {
                exactly(in, size, body, seen);
                line(in, seen);
            }
            line(in, seen);
        } else if (length >= 0) {
            exactly(in, length, body, seen);
        }
        return new Answer(status, body.toString(StandardCharsets.UTF_8), close);
    }

    private static String line(InputStream in, ByteArrayOutputStream seen) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end of stream");
            }
            seen.write(b);
            if (b == '\n') {
                int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
                return line.substring(0, end);
            }
            line.append((char) b);
        }
    }

    private static void exactly(InputStream in, int count, ByteArrayOutputStream body, ByteArrayOutputStream seen)
            throws IOException {
        byte[] bytes = in.readNBytes(count);
        seen.write(bytes);
        body.write(bytes);
        if (bytes.length < count) {
            throw new IOException("end of stream after " + bytes.length + " of " + count + " body bytes");
        }
    }
}
