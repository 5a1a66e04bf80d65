package dev.leadstore.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The harness's load client: loopback HTTP with JSON bodies, where a failure is an outcome, never
 * an exception, and every reply carries its timing.
 */
final class Client {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CONTACTS = "/external/v1/contacts";

    /** What became of a request that got no HTTP answer. */
    enum Failure {
        NONE,
        /** The connection was refused: the request never reached a server. */
        REFUSED,
        /** The connection broke or closed: the server may or may not have done the work. */
        BROKEN,
        /** No answer within the client's timeout. */
        TIMEOUT
    }

    /** One request's outcome; status is 0 when there was no HTTP answer. */
    record Reply(int status, JsonNode json, long startNanos, long endNanos, Failure failure) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode data() {
            return json == null ? null : json.get("data");
        }

        String errorCode() {
            JsonNode code = json == null ? null : json.at("/error/code");
            return code == null || code.isMissingNode() ? null : code.asText();
        }

        long millis() {
            return (endNanos - startNanos) / 1_000_000;
        }

        /** "201", "503 SERVICE_UNAVAILABLE", "BROKEN": what a report counts. */
        String label() {
            if (failure != Failure.NONE) {
                return failure.name();
            }
            String code = errorCode();
            return code == null ? Integer.toString(status) : status + " " + code;
        }
    }

    private final HttpClient http;
    private final String baseUrl;
    private final Duration timeout;
    private final String authorization;
    private final String authorizationValue;

    private Client(HttpClient http, String baseUrl, Duration timeout, String authorization, String value) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.authorization = authorization;
        this.authorizationValue = value;
    }

    static Client to(String baseUrl, Duration timeout) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        return new Client(http, baseUrl, timeout, null, null);
    }

    Client withApiKey(String key) {
        return new Client(http, baseUrl, timeout, "X-API-Key", key);
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    Reply send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header(authorization, authorizationValue);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), parse(response.body()), start, System.nanoTime(), Failure.NONE);
        } catch (ConnectException e) {
            return new Reply(0, null, start, System.nanoTime(), Failure.REFUSED);
        } catch (HttpTimeoutException e) {
            return new Reply(0, null, start, System.nanoTime(), Failure.TIMEOUT);
        } catch (IOException e) {
            return new Reply(0, null, start, System.nanoTime(), Failure.BROKEN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, null, start, System.nanoTime(), Failure.BROKEN);
        }
    }

    /** Sends and insists on a 2xx answer: for reading back, not for load. */
    JsonNode expectData(String method, String path, JsonNode body) {
        Reply reply = send(method, path, body);
        if (!reply.ok()) {
            throw new IllegalStateException(method + " " + path + " answered " + reply.label() + ": " + reply.json());
        }
        return reply.data();
    }

    /** Every contact of the key's account by id, read page by page (oldest first, ties by id). */
    Map<String, JsonNode> readAllContacts() {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        long total = -1;
        for (int page = 1; total < 0 || all.size() < total; page++) {
            JsonNode data = expectData("GET", CONTACTS + "?limit=100&sort_by=created_at&sort_order=asc&page=" + page,
                    null);
            total = data.at("/pagination/total").asLong();
            JsonNode contacts = data.get("contacts");
            if (contacts.isEmpty()) {
                break;
            }
            contacts.forEach(c -> all.put(c.get("id").asText(), c));
        }
        if (all.size() != total) {
            throw new IllegalStateException("paging read " + all.size() + " contacts of a total of " + total);
        }
        return all;
    }

    /** The body as JSON; a body that is not JSON (a contract breach) is kept as a text node. */
    private static JsonNode parse(String body) {
        try {
            return body == null || body.isEmpty() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(body);
        }
    }
}
