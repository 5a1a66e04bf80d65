package dev.leadstore.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A failure nobody planned for: 500 in our envelope, the details only in the log, under the request id. */
class UnexpectedFailureTest {

    @Test
    void an_unexpected_failure_answers_500_internal_error_and_logs_its_trace_under_the_request_id() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (TestApp app = TestApp.start(TestDatabase.h2(), Map.of())) {
            Http api = app.as(app.newKey(app.newAccount("pro"), "*"));
            api.get("/external/v1/contacts").expectStatus(200);
            // The pool closed under a running server (as during a shutdown): not an outage, a bug-class failure.
            app.leadstore().database().close();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));

            Http.Response failed = api.post("/external/v1/contacts", Map.of("name", "Lost"));

            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.errorCode()).isEqualTo("INTERNAL_ERROR");
            assertThat(failed.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            String requestId = failed.header("X-Request-Id").orElseThrow();
            assertThat(failed.body()).contains(requestId).doesNotContain("Exception", "at dev.", "java.", "SQL", "Hikari");
            System.err.flush();
            String log = captured.toString(StandardCharsets.UTF_8);
            // The request id goes with the line (the MDC), not inside its message.
            assertThat(log.lines().filter(line -> line.contains("request failed")))
                    .anySatisfy(line -> assertThat(line).contains("req=" + requestId));
            assertThat(log).contains("Exception");
        } finally {
            System.setErr(original);
        }
    }
}
