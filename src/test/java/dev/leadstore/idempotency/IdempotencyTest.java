package dev.leadstore.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class IdempotencyTest {
    private static final String CONTACTS = "/external/v1/contacts";

    @Parameter
    TestApp app;

    @Test
    void a_repeated_create_with_the_same_key_and_body_replays_the_first_answer_and_creates_nothing_more() {
        Http api = app.newTenant().withHeader("Idempotency-Key", "create-1");
        Map<String, Object> body = Map.of("name", "Retry Me", "email", "retry@example.com");

        Http.Response first = api.post(CONTACTS, body).expectStatus(201);
        Http.Response second = api.post(CONTACTS, body).expectStatus(201);

        assertThat(first.header("Idempotent-Replayed")).isEmpty();
        assertThat(second.header("Idempotent-Replayed")).contains("true");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(api.get(CONTACTS).data().at("/pagination/total").asLong()).isEqualTo(1);
    }

    @Test
    void the_same_key_with_a_different_body_is_a_409_conflict() {
        Http api = app.newTenant().withHeader("Idempotency-Key", "create-2");
        api.post(CONTACTS, Map.of("name", "First")).expectStatus(201);

        Http.Response other = api.post(CONTACTS, Map.of("name", "Second"));

        assertThat(other.status()).isEqualTo(409);
        assertThat(other.errorCode()).isEqualTo("CONFLICT");
        assertThat(api.get(CONTACTS).data().at("/pagination/total").asLong()).isEqualTo(1);
    }

    @Test
    void a_replayed_update_answers_as_first_time_even_after_later_changes() {
        Http api = app.newTenant();
        String id = TestApp.createContact(api, Map.of("name", "Before")).get("id").asText();
        Http keyed = api.withHeader("Idempotency-Key", "rename-1");
        Http.Response first = keyed.put(CONTACTS + "/" + id, Map.of("name", "After")).expectStatus(200);
        api.put(CONTACTS + "/" + id, Map.of("name", "Later")).expectStatus(200);

        Http.Response replay = keyed.put(CONTACTS + "/" + id, Map.of("name", "After")).expectStatus(200);

        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(api.get(CONTACTS + "/" + id).data().get("name").asText()).isEqualTo("Later");
    }

    @Test
    void keys_are_scoped_to_the_api_key() {
        String account = app.newAccount("enterprise");
        Http one = app.as(app.newKey(account, "*")).withHeader("Idempotency-Key", "shared");
        Http two = app.as(app.newKey(account, "*")).withHeader("Idempotency-Key", "shared");

        one.post(CONTACTS, Map.of("name", "From one")).expectStatus(201);
        Http.Response fromTwo = two.post(CONTACTS, Map.of("name", "From two")).expectStatus(201);

        assertThat(fromTwo.header("Idempotent-Replayed")).isEmpty();
        assertThat(one.get(CONTACTS).data().at("/pagination/total").asLong()).isEqualTo(2);
    }

    @Test
    void concurrent_requests_with_one_key_run_the_work_once() throws Exception {
        Http api = app.newTenant().withHeader("Idempotency-Key", "race-1");
        Map<String, Object> body = Map.of("name", "Racer");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Response>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return api.post(CONTACTS, body);
            }));
        }
        start.countDown();
        List<Http.Response> responses = new ArrayList<>();
        for (Future<Http.Response> f : futures) {
            responses.add(f.get());
        }
        pool.shutdown();

        String created = responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().body();
        assertThat(responses).allSatisfy(r -> {
            assertThat(r.status()).isIn(201, 409);
            if (r.status() == 201) {
                assertThat(r.body()).isEqualTo(created);
            } else {
                assertThat(r.errorCode()).isEqualTo("CONFLICT");
            }
        });
        assertThat(api.get(CONTACTS).data().at("/pagination/total").asLong()).isEqualTo(1);
    }

    @Test
    void an_idempotency_key_over_255_characters_is_a_400_and_255_is_fine() {
        Http api = app.newTenant();
        assertThat(api.withHeader("Idempotency-Key", "x".repeat(256)).post(CONTACTS, Map.of("name", "A"))
                .errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(api.get(CONTACTS).data().at("/pagination/total").asLong()).isZero();
        api.withHeader("Idempotency-Key", "y".repeat(255)).post(CONTACTS, Map.of("name", "A")).expectStatus(201);
    }

    @Test
    void a_failed_validation_is_replayed_too_without_running_again() {
        Http api = app.newTenant().withHeader("Idempotency-Key", "bad-1");
        Http.Response first = api.post(CONTACTS, Map.of("name", "")).expectStatus(400);
        Http.Response again = api.post(CONTACTS, Map.of("name", "")).expectStatus(400);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).contains("true");
    }
}
