package dev.leadstore.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IdempotencyRestartTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.leadstore.support.TestApp#databases")
    void a_retry_after_a_server_restart_still_replays(String kind) {
        TestDatabase database = TestDatabase.of(kind);
        String key;
        Http.Response first;
        try (TestApp app = TestApp.start(database, Clock.systemUTC(), null)) {
            key = app.newKey(app.newAccount("pro"), "contacts:*");
            first = app.as(key).withHeader("Idempotency-Key", "restart-1")
                    .post("/external/v1/contacts", Map.of("name", "Durable")).expectStatus(201);
        }
        try (TestApp app = TestApp.start(database, Clock.systemUTC(), null)) {
            Http api = app.as(key);
            Http.Response replay = api.withHeader("Idempotency-Key", "restart-1")
                    .post("/external/v1/contacts", Map.of("name", "Durable")).expectStatus(201);
            assertThat(replay.body()).isEqualTo(first.body());
            assertThat(replay.header("Idempotent-Replayed")).contains("true");
            assertThat(api.get("/external/v1/contacts").data().at("/pagination/total").asLong()).isEqualTo(1);
        }
    }
}
