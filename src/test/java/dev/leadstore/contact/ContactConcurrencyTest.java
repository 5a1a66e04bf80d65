package dev.leadstore.contact;

import static dev.leadstore.contact.ContactListTest.encode;
import static dev.leadstore.contact.ContactListTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests racing each other: the database keeps emails unique and no update is lost. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ContactConcurrencyTest {
    private static final int THREADS = 16;

    @Parameter
    TestApp app;

    @Test
    void sixteen_concurrent_creates_with_one_email_make_exactly_one_contact() throws Exception {
        Http api = app.newTenant();
        for (int round = 0; round < 3; round++) {
            String email = "race-" + UUID.randomUUID() + "@example.com";
            raceCreates(api, i -> email);
        }
    }

    @Test
    void concurrent_creates_with_one_email_in_different_letter_cases_make_exactly_one_contact() throws Exception {
        Http api = app.newTenant();
        for (int round = 0; round < 3; round++) {
            String local = "race." + UUID.randomUUID().toString().substring(0, 8);
            List<String> variants = List.of(local + "@example.com", local.toUpperCase(Locale.ROOT) + "@EXAMPLE.COM",
                    "Race" + local.substring(4) + "@Example.Com", local + "@eXample.cOm");
            raceCreates(api, i -> variants.get(i % variants.size()));
        }
    }

    @Test
    void concurrent_creates_with_one_email_in_different_accounts_all_succeed() throws Exception {
        List<Http> tenants = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tenants.add(app.newTenant());
        }
        String email = "everywhere-" + UUID.randomUUID() + "@example.com";

        List<Http.Response> responses = together(tenants.size(), i -> tenants.get(i)
                .post("/external/v1/contacts", Map.of("name", "Tenant " + i, "email", email)));

        assertThat(responses).extracting(Http.Response::status).containsOnly(201);
    }

    @Test
    void concurrent_updates_of_different_custom_field_keys_all_survive() throws Exception {
        Http api = app.newTenant();
        String id = TestApp.createContact(api, Map.of("name", "Busy", "custom_fields", Map.of("base", "kept")))
                .get("id").asText();

        List<List<Integer>> statuses = together(THREADS, i -> {
            List<Integer> codes = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                Map<String, Object> body = Map.of("custom_fields", Map.of("t" + i + "_k" + k, i * 10 + k));
                Http.Response response = i % 2 == 0 ? api.put("/external/v1/contacts/" + id, body)
                        : api.patch("/external/v1/contacts/" + id, body);
                codes.add(response.status());
            }
            return codes;
        });

        assertThat(statuses).allSatisfy(codes -> assertThat(codes).containsOnly(200));
        JsonNode fields = api.get("/external/v1/contacts/" + id).expectStatus(200).data().get("custom_fields");
        assertThat(fields.size()).isEqualTo(THREADS * 5 + 1);
        assertThat(fields.get("base").asText()).isEqualTo("kept");
        for (int i = 0; i < THREADS; i++) {
            for (int k = 0; k < 5; k++) {
                assertThat(fields.get("t" + i + "_k" + k)).as("t" + i + "_k" + k).isNotNull();
                assertThat(fields.get("t" + i + "_k" + k).asInt()).isEqualTo(i * 10 + k);
            }
        }
    }

    @Test
    void concurrent_tag_updates_leave_one_whole_tag_list_that_the_tags_filter_agrees_with() throws Exception {
        Http api = app.newTenant();
        String id = TestApp.createContact(api, Map.of("name", "Tagged", "tags", List.of("initial"))).get("id").asText();
        for (int round = 0; round < 3; round++) {
            String r = "r" + round;
            List<List<String>> lists = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                lists.add(List.of(r + "-t" + i + "-a", r + "-t" + i + "-b", r + "-shared"));
            }

            List<Http.Response> responses = together(THREADS, i -> api.put("/external/v1/contacts/" + id,
                    Map.of("tags", lists.get(i))));

            assertThat(responses).extracting(Http.Response::status).containsOnly(200);
            List<String> tags = new ArrayList<>();
            api.get("/external/v1/contacts/" + id).expectStatus(200).data().get("tags")
                    .forEach(t -> tags.add(t.asText()));
            assertThat(lists).contains(tags);
            for (String tag : tags) {
                assertThat(ids(api.get("/external/v1/contacts?tags=" + encode(tag)).data())).as(tag).containsExactly(id);
            }
            Set<String> others = new LinkedHashSet<>(List.of("initial"));
            lists.forEach(others::addAll);
            tags.forEach(others::remove);
            JsonNode data = api.get("/external/v1/contacts?tags=" + encode(String.join(",", others))).data();
            assertThat(data.get("pagination").get("total").asLong()).as("tags no longer held").isZero();
        }
    }

    @Test
    void one_tag_list_totals_stay_exact_under_concurrent_creates_tag_changes_and_deletes() throws Exception {
        Http api = app.newTenant();
        List<Integer> failures = together(THREADS, i -> {
            List<String> ids = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                ids.add(TestApp.createContact(api, Map.of("name", "T" + i + "-" + k,
                        "tags", List.of("hot", "own-" + i))).get("id").asText());
            }
            int bad = 0;
            // Two lose "hot" (and their own tag) for "cold"; one of them takes "hot" back.
            bad += api.put("/external/v1/contacts/" + ids.get(0), Map.of("tags", List.of("cold"))).status() == 200 ? 0 : 1;
            bad += api.patch("/external/v1/contacts/" + ids.get(1), Map.of("tags", List.of("cold"))).status() == 200 ? 0 : 1;
            bad += api.put("/external/v1/contacts/" + ids.get(1), Map.of("tags", List.of("cold", "hot"))).status() == 200
                    ? 0 : 1;
            // Two are deleted, and a delete of a deleted contact changes nothing.
            bad += api.delete("/external/v1/contacts/" + ids.get(2)).status() == 200 ? 0 : 1;
            bad += api.delete("/external/v1/contacts/" + ids.get(3)).status() == 200 ? 0 : 1;
            bad += api.delete("/external/v1/contacts/" + ids.get(3)).status() == 404 ? 0 : 1;
            // A change that keeps the tags moves no counter.
            bad += api.put("/external/v1/contacts/" + ids.get(4), Map.of("tags", List.of("own-" + i, "hot"))).status()
                    == 200 ? 0 : 1;
            return bad;
        });
        assertThat(failures).containsOnly(0);

        // Per client: 6 created with "hot", 2 lost it, 1 took it back, 2 deleted.
        assertTagTotal(api, "hot", THREADS * 3);
        assertTagTotal(api, "cold", THREADS * 2);
        assertTagTotal(api, "own-0", 2);
        assertTagTotal(api, "never-used", 0);
        assertThat(api.get("/external/v1/contacts?limit=1").data().get("pagination").get("total").asLong())
                .isEqualTo(THREADS * 4L);
    }

    /** The total of a one-tag list equals the contacts its pages actually hold. */
    static void assertTagTotal(Http api, String tag, int expected) {
        Set<String> seen = new LinkedHashSet<>();
        long total = -1;
        for (int page = 1; page <= 10; page++) {
            JsonNode data = api.get("/external/v1/contacts?limit=10&page=" + page + "&tags=" + encode(tag))
                    .expectStatus(200).data();
            total = data.get("pagination").get("total").asLong();
            seen.addAll(ids(data));
        }
        assertThat(seen).as("contacts tagged " + tag).hasSize(expected);
        assertThat(total).as("total of tags=" + tag).isEqualTo(expected);
    }

    /** Sixteen creates of one address (per the given spelling) at once: one wins, the rest name the winner. */
    private void raceCreates(Http api, IntFunction<String> email) throws Exception {
        List<Http.Response> responses = together(THREADS, i -> api.post("/external/v1/contacts",
                Map.of("name", "Racer " + i, "email", email.apply(i))));

        List<Http.Response> created = responses.stream().filter(r -> r.status() == 201).toList();
        assertThat(created).hasSize(1);
        String winner = created.get(0).data().get("id").asText();
        List<Http.Response> refused = responses.stream().filter(r -> r.status() != 201).toList();
        assertThat(refused).hasSize(THREADS - 1).allSatisfy(r -> {
            assertThat(r.status()).as(r.body()).isEqualTo(409);
            assertThat(r.errorCode()).isEqualTo("ALREADY_EXISTS");
            assertThat(r.json().at("/error/details/existing_id").asText()).isEqualTo(winner);
        });
        String address = email.apply(0);
        JsonNode listed = api.get("/external/v1/contacts?email=" + encode(address)).expectStatus(200).data();
        assertThat(ids(listed)).containsExactly(winner);
        int index = Integer.parseInt(created.get(0).data().get("name").asText().substring("Racer ".length()));
        assertThat(created.get(0).data().get("email").asText()).as("stored as given").isEqualTo(email.apply(index));
    }

    /** Runs the task on that many threads released at the same instant; returns the results in order. */
    static <T> List<T> together(int threads, IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<T> call = () -> {
                    ready.countDown();
                    go.await();
                    return task.apply(index);
                };
                futures.add(pool.submit(call));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
