package dev.leadstore.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys, however they are sent, never reach the log; the request id that answers do carry does. */
class LogRedactionTest {

    @Test
    void keys_in_the_query_string_and_in_headers_never_appear_in_the_log() throws InterruptedException {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (TestApp app = TestApp.start(TestDatabase.h2(), Map.of())) {
            String key = app.newKey(app.newAccount("pro"), "*");
            String guessed = "gr_live_NotARealKeyButStillSecret0000000000";
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            String requestId = app.http().get("/external/v1/contacts?api_key=" + key).expectStatus(200)
                    .header("X-Request-Id").orElseThrow();
            app.http().withHeader("Authorization", "Bearer " + key).get("/external/v1/contacts?limit=1").expectStatus(200);
            app.as(key).get("/external/v1/contacts/cnt_000000000000").expectStatus(404);
            app.http().get("/external/v1/contacts?api_key=" + guessed).expectStatus(401);
            app.as(guessed).post("/external/v1/contacts", Map.of("name", "x")).expectStatus(401);
            app.as(key).send("POST", "/external/v1/contacts", "application/json", "{broken").expectStatus(400);
            // Lines are written by the logger's own thread: wait for the first request's.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!captured.toString(StandardCharsets.UTF_8).contains(requestId) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(200);
            System.err.flush();

            String log = captured.toString(StandardCharsets.UTF_8);
            assertThat(log).contains(requestId);
            assertThat(log).doesNotContain(key, key.substring(8), guessed, "api_key=");
        } finally {
            System.setErr(original);
        }
    }
}
