package dev.leadstore.contact;

import static dev.leadstore.contact.ContactListTest.ids;
import static dev.leadstore.contact.ContactConcurrencyTest.together;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.http.MetricsTest;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Creates of one account that arrive together share a transaction (CreateGroups): each request
 * still answers for exactly its own contact, as it would alone.
 */
class ContactCreateGroupsTest {
    private static final int THREADS = 16;
    private static final int ROUNDS = 10;
    private static final String CONTACTS = "/external/v1/contacts";
    private static final String GROUPS = "leadstore_contact_create_groups";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.leadstore.support.TestApp#databases")
    void concurrent_creates_are_written_in_shared_transactions_and_each_answers_for_its_own_contact(String kind)
            throws Exception {
        try (TestApp app = TestApp.start(TestDatabase.of(kind), Map.of())) {
            Http api = app.newTenant();
            List<Http.Response> answers = rounds(api, (r, i) -> Map.of("name", "Grouped " + r + "-" + i,
                    "email", "g" + r + "-" + i + "-" + UUID.randomUUID() + "@example.com",
                    "tags", List.of("grouped", "t" + i % 3)));
            assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(201));
            assertAnswersAreStored(api, answers);
            assertThat(answers.stream().map(a -> a.data().get("id").asText()).distinct()).hasSize(THREADS * ROUNDS);
            assertThat(total(api)).isEqualTo(THREADS * ROUNDS);
            assertTagTotal(api, "grouped", THREADS * ROUNDS);
            assertTagTotal(api, "t0", 6 * ROUNDS);

            String metrics = MetricsTest.scrape(app);
            assertThat(MetricsTest.value(metrics, GROUPS + "_sum")).as("every create written by a group")
                    .isEqualTo(THREADS * ROUNDS);
            assertThat(MetricsTest.value(metrics, GROUPS + "_max")).as("some group held several creates")
                    .isGreaterThan(1);
            assertThat(MetricsTest.value(metrics, GROUPS + "_count")).isLessThan(THREADS * ROUNDS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.leadstore.support.TestApp#databases")
    void a_taken_email_among_concurrent_creates_is_refused_alone_and_the_others_are_stored(String kind)
            throws Exception {
        try (TestApp app = TestApp.start(TestDatabase.of(kind), Map.of())) {
            Http api = app.newTenant();
            String taken = TestApp.createContact(api, Map.of("name", "Holder", "email", "taken@example.com"))
                    .get("id").asText();
            List<Http.Response> answers = rounds(api, (r, i) -> Map.of("name", "Mixed " + r + "-" + i,
                    "email", i == r % THREADS ? "Taken@Example.com" : "m" + r + "-" + i + "@example.com",
                    "tags", List.of("mixed")));
            List<Http.Response> refused = answers.stream().filter(a -> a.status() != 201).toList();
            assertThat(refused).hasSize(ROUNDS).allSatisfy(a -> {
                assertThat(a.status()).as(a.body()).isEqualTo(409);
                assertThat(a.errorCode()).isEqualTo("ALREADY_EXISTS");
                assertThat(a.json().at("/error/details/existing_id").asText()).isEqualTo(taken);
            });
            List<Http.Response> created = answers.stream().filter(a -> a.status() == 201).toList();
            assertThat(created).hasSize((THREADS - 1) * ROUNDS);
            assertAnswersAreStored(api, created);
            assertThat(total(api)).isEqualTo(1 + (THREADS - 1) * ROUNDS);
            assertTagTotal(api, "mixed", (THREADS - 1) * ROUNDS);
            assertThat(api.get(CONTACTS + "?email=taken%40example.com").data().get("contacts")).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.leadstore.support.TestApp#databases")
    void with_groups_off_each_create_is_written_alone(String kind) throws Exception {
        try (TestApp app = TestApp.start(TestDatabase.of(kind), Map.of("LEADSTORE_GROUP_CREATES", "off"))) {
            Http api = app.newTenant();
            List<Http.Response> answers = together(THREADS, i -> api.post(CONTACTS, Map.of("name", "Alone " + i,
                    "email", "alone" + i + "@example.com")));
            assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(201));
            assertAnswersAreStored(api, answers);
            assertThat(total(api)).isEqualTo(THREADS);
            assertThat(MetricsTest.value(MetricsTest.scrape(app), GROUPS + "_count")).isZero();
        }
    }

    /** ROUNDS rounds of THREADS creates sent at once; `body` makes the body of round r's create i. */
    private static List<Http.Response> rounds(Http api, BiFunction<Integer, Integer, Map<String, Object>> body)
            throws Exception {
        List<Http.Response> answers = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            int r = round;
            answers.addAll(together(THREADS, i -> api.post(CONTACTS, body.apply(r, i))));
        }
        return answers;
    }

    /** Each 201's contact reads back as answered, with one contact.created event of the same moment. */
    private static void assertAnswersAreStored(Http api, List<Http.Response> answers) {
        for (Http.Response answer : answers) {
            JsonNode contact = answer.data();
            String id = contact.get("id").asText();
            assertThat(api.get(CONTACTS + "/" + id).expectStatus(200).data()).isEqualTo(contact);
            JsonNode events = api.get(CONTACTS + "/" + id + "/history").expectStatus(200).data().get("events");
            assertThat(events).hasSize(1);
            assertThat(events.get(0).get("type").asText()).isEqualTo("contact.created");
            assertThat(events.get(0).get("created_at")).isEqualTo(contact.get("created_at"));
            assertThat(events.get(0).at("/data/object")).isEqualTo(contact);
        }
    }

    /** The total of a one-tag list equals the contacts its pages actually hold. */
    private static void assertTagTotal(Http api, String tag, int expected) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        long total = -1;
        for (int page = 1; page == 1 || seen.size() < total && page <= 20; page++) {
            JsonNode data = api.get(CONTACTS + "?limit=100&page=" + page + "&tags=" + tag).expectStatus(200).data();
            total = data.get("pagination").get("total").asLong();
            seen.addAll(ids(data));
        }
        assertThat(seen).as("contacts tagged " + tag).hasSize(expected);
        assertThat(total).as("total of tags=" + tag).isEqualTo(expected);
    }

    private static long total(Http api) {
        return api.get(CONTACTS + "?limit=1").expectStatus(200).data().get("pagination").get("total").asLong();
    }
}
