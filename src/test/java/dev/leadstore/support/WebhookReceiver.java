package dev.leadstore.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook consumer for tests, on the JDK's HttpServer at 127.0.0.1: it checks every request's
 * signature as a real receiver would (recomputes the HMAC with the secret it was given, checks the
 * timestamp is within 5 minutes) and records each request. It can be told to fail the next N
 * requests (500), to answer slowly, or to redirect elsewhere.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    /** A server that may call a receiver on this host: private addresses allowed, two retries after 1 s, 2 s to answer. */
    public static final Map<String, String> SERVER_SETTINGS = Map.of("LEADSTORE_WEBHOOK_ALLOW_PRIVATE", "true",
            "LEADSTORE_WEBHOOK_RETRY_SCHEDULE", "1s,1s", "LEADSTORE_WEBHOOK_TIMEOUT", "2s");

    /** One request received: its headers, body, whether the signature held, and what was answered. */
    public record Received(String webhookId, String timestamp, String signature, String body, boolean signatureValid,
                           boolean timestampFresh, int answered, String path, String host) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public boolean valid() {
            return signatureValid && timestampFresh;
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile String secret;
    private volatile Duration delay = Duration.ZERO;
    private volatile String redirectTo;

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread thread = new Thread(r, "webhook-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** The URL webhooks should be created with (a path of the caller's choosing). */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public String url() {
        return url("/hooks");
    }

    /** The secret signatures are checked with (what create or rotate-secret answered). */
    public WebhookReceiver secret(String value) {
        this.secret = value;
        return this;
    }

    /** Answers 500 to the next `count` requests. */
    public WebhookReceiver failNext(int count) {
        failuresLeft.set(count);
        return this;
    }

    /** Waits this long before answering each request. */
    public WebhookReceiver delay(Duration value) {
        this.delay = value;
        return this;
    }

    /** Answers 302 with this Location instead of 2xx (null: stop redirecting). */
    public WebhookReceiver redirectTo(String url) {
        this.redirectTo = url;
        return this;
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests received so far that match. */
    public List<Received> received(Predicate<Received> which) {
        return received().stream().filter(which).toList();
    }

    /** Waits until at least `count` requests matching have come, or the time is up; returns those received. */
    public List<Received> await(Predicate<Received> which, int count, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            List<Received> matching = received(which);
            if (matching.size() >= count) {
                return matching;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return received(which);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            boolean valid = verify(secret, id, timestamp, signature, body);
            boolean fresh = fresh(timestamp);
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status;
            if (redirectTo != null) {
                status = 302;
                exchange.getResponseHeaders().add("Location", redirectTo);
            } else if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 500;
            } else {
                status = valid && fresh ? 204 : 401;
            }
            synchronized (this) {
                received.add(new Received(id, timestamp, signature, new String(body, StandardCharsets.UTF_8), valid, fresh,
                        status, exchange.getRequestURI().toString(), exchange.getRequestHeaders().getFirst("Host")));
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    /** What a consumer does: HMAC-SHA256 over "<id>.<timestamp>.<body>" keyed by the decoded secret, compared in constant time. */
    public static boolean verify(String secret, String id, String timestamp, String header, byte[] body) {
        if (secret == null || id == null || timestamp == null || header == null || !secret.startsWith("whsec_")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            for (String candidate : header.split(" ")) {
                if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(candidate.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean fresh(String timestamp) {
        try {
            long seconds = Long.parseLong(timestamp);
            return Math.abs(Instant.now().getEpochSecond() - seconds) <= TOLERANCE.toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
