package dev.leadstore.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/api.md §1, slow and greedy clients: a body must keep arriving at 1 KiB/s after its first
 * second (else 408 and the connection closes), a key holds at most 64 requests in flight, and
 * stalled uploads do not slow anyone else down.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class SlowClientTest {
    private static final String CONTACTS = "/external/v1/contacts";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameter
    TestApp app;

    /** A POST whose headers promise `length` bytes, of which only `sent` are written now. */
    private Socket upload(String key, int length, byte[] sent) throws IOException {
        URI uri = URI.create(app.baseUrl());
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + CONTACTS + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(sent);
        out.flush();
        return socket;
    }

    /** The status line and the JSON body of the answer; the server must then close the connection. */
    private static Answer answer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            all.write(buffer, 0, read);
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        return new Answer(Integer.parseInt(text.substring(9, 12)), text.substring(0, end),
                JSON.readTree(text.substring(end + 4)));
    }

    private record Answer(int status, String head, JsonNode body) {
    }

    @Test
    void a_body_that_stops_coming_is_408_within_seconds_and_the_connection_closes() throws Exception {
        String key = app.newKey(app.newAccount("enterprise"), "*");
        for (byte[] sent : List.of("{".getBytes(StandardCharsets.UTF_8),
                "{\"name\":\"short of its length\"}".getBytes(StandardCharsets.UTF_8))) {
            long start = System.nanoTime();
            try (Socket socket = upload(key, 100, sent)) {
                Answer answer = answer(socket);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(answer.status()).isEqualTo(408);
                assertThat(answer.body().at("/error/code").asText()).isEqualTo("REQUEST_TIMEOUT");
                assertThat(answer.head().toLowerCase()).contains("connection: close");
                assertThat(millis).as("answered after %d ms", millis).isLessThan(5_000);
            }
        }
        assertThat(app.as(key).get(CONTACTS).data().at("/pagination/total").asInt()).isZero();
    }

    @Test
    void a_slow_but_steady_upload_above_1_kib_per_second_is_accepted() throws Exception {
        String key = app.newKey(app.newAccount("enterprise"), "*");
        byte[] body = JSON.writeValueAsBytes(Map.of("name", "Steady", "custom_fields", Map.of("note", "n".repeat(5000))));
        try (Socket socket = upload(key, body.length, new byte[0])) {
            OutputStream out = socket.getOutputStream();
            for (int offset = 0; offset < body.length; offset += 512) {
                out.write(body, offset, Math.min(512, body.length - offset));
                out.flush();
                Thread.sleep(200);
            }
            socket.shutdownOutput();
            assertThat(answer(socket).status()).isEqualTo(201);
        }
    }

    @Test
    void a_key_holds_at_most_64_requests_in_flight_and_refusals_do_not_count() throws Exception {
        String key = app.newKey(app.newAccount("enterprise"), "*");
        byte[] start = ("{\"name\":\"" + "s".repeat(3000)).getBytes(StandardCharsets.UTF_8);
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 72; i++) {
                sockets.add(upload(key, 100_000, start));
            }
            List<Answer> answers = new ArrayList<>();
            for (Socket socket : sockets) {
                answers.add(answer(socket));
            }
            List<Answer> busy = answers.stream().filter(a -> a.status() == 429).toList();
            assertThat(busy).isNotEmpty();
            assertThat(answers.size() - busy.size()).isLessThanOrEqualTo(64);
            for (Answer refused : busy) {
                assertThat(refused.body().at("/error/code").asText()).isEqualTo("RATE_LIMIT_EXCEEDED");
                assertThat(refused.body().at("/error/retry_after").asInt()).isEqualTo(1);
                assertThat(refused.head()).contains("Retry-After: 1").contains("X-RateLimit-Remaining");
            }
            int counted = answers.size() - busy.size();
            Http.Response after = app.as(key).get(CONTACTS).expectStatus(200);
            assertThat(after.header("X-RateLimit-Remaining")).contains(Integer.toString(10_000 - counted - 1));
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void requests_that_fail_give_their_place_back() {
        Http api = app.newTenant();
        for (int i = 0; i < 80; i++) {
            assertThat(api.get(CONTACTS + "/cnt_000000000000").status()).isEqualTo(404);
            assertThat(api.post(CONTACTS, "{").status()).isEqualTo(400);
        }
        assertThat(api.get(CONTACTS).status()).isEqualTo(200);
    }

    @Test
    void stalled_uploads_of_other_keys_do_not_slow_health_or_other_tenants() throws Exception {
        Http other = app.newTenant();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int k = 0; k < 3; k++) {
                String key = app.newKey(app.newAccount("enterprise"), "*");
                for (int i = 0; i < 60; i++) {
                    sockets.add(upload(key, 100_000, ("{\"name\":\"" + "s".repeat(2000)).getBytes(StandardCharsets.UTF_8)));
                }
            }
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                assertThat(other.get(CONTACTS).status()).isEqualTo(200);
                assertThat(app.http().get("/health").status()).isEqualTo(200);
                assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
