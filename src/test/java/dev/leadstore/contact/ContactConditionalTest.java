package dev.leadstore.contact;

import static dev.leadstore.contact.ContactChecks.CONTACTS;
import static dev.leadstore.contact.ContactChecks.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

/** ETag, If-None-Match and If-Match on one contact (docs/api.md §9.2). */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ContactConditionalTest {
    private static final String MISSING = CONTACTS + "/cnt_000000000000";

    @Parameter
    TestApp app;

    @Test
    void get_and_update_answer_a_strong_etag_that_changes_with_every_change_and_only_then() {
        Http api = app.newTenant();
        String path = CONTACTS + "/" + id(TestApp.createContact(api, Map.of("name", "Ann")));
        String tag = etag(api.get(path).expectStatus(200));
        assertThat(tag).matches("\"[^\"]+\"");
        assertThat(etag(api.get(path))).isEqualTo(tag);

        String changed = etag(api.put(path, Map.of("position", "CTO")).expectStatus(200));
        assertThat(changed).isNotEqualTo(tag);
        assertThat(etag(api.get(path))).isEqualTo(changed);
        // Nothing changes: the same tag. Another change, even in the same millisecond: another tag.
        assertThat(etag(api.patch(path, Map.of("position", "CTO")).expectStatus(200))).isEqualTo(changed);
        assertThat(etag(api.patch(path, Map.of()).expectStatus(200))).isEqualTo(changed);
        String again = etag(api.patch(path, Map.of("position", "CEO")).expectStatus(200));
        assertThat(again).isNotEqualTo(changed).isNotEqualTo(tag);
        String other = etag(api.get(CONTACTS + "/" + id(TestApp.createContact(api, Map.of("name", "Bob")))));
        assertThat(other).isNotEqualTo(again);
    }

    @Test
    void if_none_match_with_the_current_tag_is_304_with_the_tag_and_no_body() {
        Http api = app.newTenant();
        String path = CONTACTS + "/" + id(TestApp.createContact(api, Map.of("name", "Ann")));
        String tag = etag(api.get(path));

        for (String value : List.of(tag, "W/" + tag, "\"other\", " + tag, "*")) {
            Http.Response notModified = api.withHeader("If-None-Match", value).get(path);
            assertThat(notModified.status()).as(value).isEqualTo(304);
            assertThat(notModified.body()).isEmpty();
            assertThat(etag(notModified)).isEqualTo(tag);
            // A 304 describes no body of its own: no Content-Length (but the 200's) and no Content-Type.
            assertThat(notModified.header("Content-Length")).isEmpty();
            assertThat(notModified.header("Content-Type")).isEmpty();
            assertThat(notModified.header("X-RateLimit-Remaining")).isPresent();
        }
        Http.Response head = api.withHeader("If-None-Match", tag).send("HEAD", path, null, null);
        assertThat(head.status()).isEqualTo(304);
        assertThat(etag(head)).isEqualTo(tag);

        api.put(path, Map.of("company", "Acme")).expectStatus(200);
        for (String value : List.of(tag, "\"other\"", "not a tag")) {
            Http.Response full = api.withHeader("If-None-Match", value).get(path).expectStatus(200);
            assertThat(full.data().get("company").asText()).isEqualTo("Acme");
            assertThat(etag(full)).isNotEqualTo(tag);
        }
        assertThat(api.withHeader("If-None-Match", "*").get(MISSING).status()).isEqualTo(404);
    }

    @Test
    void if_match_with_another_tag_is_412_and_writes_nothing_and_with_the_current_tag_or_star_writes() {
        Http api = app.newTenant();
        String path = CONTACTS + "/" + id(TestApp.createContact(api, Map.of("name", "Ann")));
        String tag = etag(api.get(path));
        String stale = etag(api.put(path, Map.of("position", "CTO")));
        JsonNode before = api.get(path).data();

        for (String value : List.of(tag, "W/" + stale, "\"other\"", stale.replace("\"", ""), "")) {
            Http.Response refused = api.withHeader("If-Match", value).put(path, Map.of("position", "Intern"));
            assertThat(refused.status()).as(value).isEqualTo(412);
            assertThat(refused.errorCode()).isEqualTo("PRECONDITION_FAILED");
            assertThat(refused.header("ETag")).isEmpty();
        }
        assertThat(api.get(path).data()).isEqualTo(before);

        Http.Response written = api.withHeader("If-Match", "\"other\", " + stale).patch(path, Map.of("position", "CEO"))
                .expectStatus(200);
        assertThat(written.data().get("position").asText()).isEqualTo("CEO");
        String current = etag(written);
        assertThat(etag(api.withHeader("If-Match", "*").put(path, Map.of("position", "COO")).expectStatus(200)))
                .isNotEqualTo(current);
    }

    @Test
    void two_writers_with_the_same_tag_get_one_200_and_one_412() throws Exception {
        Http api = app.newTenant();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                String path = CONTACTS + "/" + id(TestApp.createContact(api, Map.of("name", "Ann")));
                Http conditional = api.withHeader("If-Match", etag(api.get(path)));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Http.Response>> writes = new ArrayList<>();
                for (String position : List.of("first", "second")) {
                    writes.add(pool.submit(() -> {
                        start.await();
                        return conditional.put(path, Map.of("position", position));
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                String won = null;
                for (Future<Http.Response> write : writes) {
                    Http.Response response = write.get();
                    statuses.add(response.status());
                    if (response.status() == 200) {
                        won = response.data().get("position").asText();
                    }
                }
                assertThat(statuses).containsExactlyInAnyOrder(200, 412);
                assertThat(api.get(path).data().get("position").asText()).isEqualTo(won);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void delete_with_a_stale_tag_is_412_and_deletes_nothing_and_with_the_current_tag_deletes_without_an_etag() {
        Http api = app.newTenant();
        String path = CONTACTS + "/" + id(TestApp.createContact(api, Map.of("name", "Ann", "email", "ann@x.io")));
        String stale = etag(api.get(path));
        String current = etag(api.put(path, Map.of("position", "CTO")));

        Http.Response refused = api.withHeader("If-Match", stale).delete(path);
        assertThat(refused.status()).isEqualTo(412);
        assertThat(refused.errorCode()).isEqualTo("PRECONDITION_FAILED");
        assertThat(api.get(path).status()).isEqualTo(200);
        assertThat(api.post(CONTACTS, Map.of("name", "Twin", "email", "ann@x.io")).status()).isEqualTo(409);

        Http.Response deleted = api.withHeader("If-Match", current).delete(path).expectStatus(200);
        assertThat(deleted.header("ETag")).isEmpty();
        assertThat(api.get(path).status()).isEqualTo(404);
    }

    @Test
    void a_missing_contact_is_404_whatever_if_match_says() {
        Http api = app.newTenant();
        for (String value : List.of("*", "\"x\"")) {
            Http conditional = api.withHeader("If-Match", value);
            assertThat(conditional.put(MISSING, Map.of("name", "X")).status()).as(value).isEqualTo(404);
            assertThat(conditional.patch(MISSING, Map.of("name", "X")).status()).as(value).isEqualTo(404);
            assertThat(conditional.delete(MISSING).status()).as(value).isEqualTo(404);
            assertThat(conditional.delete(CONTACTS + "/42").status()).as(value).isEqualTo(404);
        }
    }

    @Test
    void checks_come_in_order_body_400_then_404_then_412_then_409() {
        Http api = app.newTenant();
        TestApp.createContact(api, Map.of("name", "Holder", "email", "taken@x.io"));
        String path = CONTACTS + "/" + id(TestApp.createContact(api, Map.of("name", "Ann")));
        String stale = etag(api.get(path));
        String current = etag(api.put(path, Map.of("position", "CTO")));
        Http staleWriter = api.withHeader("If-Match", stale);

        assertThat(staleWriter.put(MISSING, Map.of("email", "not an email")).status()).isEqualTo(400);
        assertThat(staleWriter.put(path, Map.of("email", "not an email")).status()).isEqualTo(400);
        assertThat(staleWriter.put(MISSING, Map.of("email", "taken@x.io")).status()).isEqualTo(404);
        assertThat(staleWriter.put(path, Map.of("email", "taken@x.io")).status()).isEqualTo(412);
        assertThat(api.withHeader("If-Match", current).put(path, Map.of("email", "taken@x.io")).status()).isEqualTo(409);
        assertThat(api.get(path).data().get("email").isNull()).isTrue();
        assertThat(etag(api.get(path))).isEqualTo(current);
    }

    @Test
    void an_idempotent_replay_carries_the_tag_of_the_version_its_answer_shows() {
        Http api = app.newTenant();
        String path = CONTACTS + "/" + id(TestApp.createContact(api, Map.of("name", "Ann")));
        Http once = api.withHeader("Idempotency-Key", "conditional-1");
        Http.Response first = once.put(path, Map.of("position", "CTO")).expectStatus(200);
        api.put(path, Map.of("position", "CEO")).expectStatus(200);

        Http.Response replay = once.put(path, Map.of("position", "CTO")).expectStatus(200);
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(etag(replay)).isEqualTo(etag(first));
        // The same key with another condition is another request.
        assertThat(once.withHeader("If-Match", etag(first)).put(path, Map.of("position", "CTO")).errorCode())
                .isEqualTo("CONFLICT");
    }

    static String etag(Http.Response response) {
        return response.header("ETag").orElseThrow(() -> new AssertionError("no ETag: " + response.status()));
    }
}
