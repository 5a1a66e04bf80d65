package dev.leadstore.contact;

import static dev.leadstore.contact.ContactChecks.CONTACTS;
import static dev.leadstore.contact.ContactChecks.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/api.md §9.1: POST /contacts/upsert creates, updates or leaves alone, matched by email or LinkedIn. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ContactUpsertTest {
    private static final String UPSERT = CONTACTS + "/upsert";

    @Parameter
    TestApp app;

    private static long total(Http api) {
        return api.get(CONTACTS).data().at("/pagination/total").asLong();
    }

    @Test
    void a_new_email_is_created_then_updated_then_unchanged_with_updated_at_kept() {
        Http api = app.newTenant();
        Http.Response created = api.post(UPSERT, Map.of("name", "Ana", "email", "ana@acme.com")).expectStatus(201);
        assertThat(created.json().get("result").asText()).isEqualTo("created");
        String id = created.data().get("id").asText();
        Http.Response updated = api.post(UPSERT, Map.of("email", "ANA@acme.com", "company", "Acme",
                "tags", List.of("hot"), "custom_fields", Map.of("a", 1))).expectStatus(200);
        assertThat(updated.json().get("result").asText()).isEqualTo("updated");
        assertThat(updated.data().get("id").asText()).isEqualTo(id);
        assertThat(updated.data().get("name").asText()).as("kept: not sent").isEqualTo("Ana");
        Http.Response same = api.post(UPSERT, Map.of("email", "ANA@acme.com", "company", "Acme")).expectStatus(200);
        assertThat(same.json().get("result").asText()).isEqualTo("unchanged");
        assertThat(same.data().get("updated_at")).isEqualTo(updated.data().get("updated_at"));
        Http.Response merged = api.post(UPSERT, Map.of("email", "ana@acme.com", "custom_fields", Map.of("b", 2)));
        assertThat(merged.data().get("custom_fields")).hasToString("{\"a\":1,\"b\":2}");
        assertThat(total(api)).isEqualTo(1);
    }

    @Test
    void an_upsert_must_name_whom_it_is_about_and_a_name_when_it_creates() {
        Http api = app.newTenant();
        assertRefused(api.post(UPSERT, Map.of("name", "No key", "company", "Acme")), "VALIDATION_ERROR", "email");
        assertRefused(api.post(UPSERT, Map.of("email", "new@acme.com")), "VALIDATION_ERROR", "name");
        assertRefused(api.post(UPSERT, Map.of("email", "not-an-email")), "INVALID_EMAIL", "email");
        assertRefused(api.post(UPSERT, Map.of("email", "x@acme.com", "name", "X", "id", "cnt_000000000000")),
                "VALIDATION_ERROR", "id");
        assertThat(total(api)).isZero();
    }

    @Test
    void sixteen_concurrent_upserts_of_one_new_email_create_it_exactly_once() throws Exception {
        Http api = app.newTenant();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Http.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                answers.add(pool.submit(() -> api.post(UPSERT, Map.of("name", "Racer", "email", "race@acme.com",
                        "position", "Try " + (n % 2)))));
            }
            List<String> results = new ArrayList<>();
            for (Future<Http.Response> answer : answers) {
                Http.Response response = answer.get();
                assertThat(response.status()).as(response.body()).isIn(200, 201);
                results.add(response.json().get("result").asText());
            }
            assertThat(results).filteredOn("created"::equals).hasSize(1);
            assertThat(results).allMatch(r -> r.equals("created") || r.equals("updated") || r.equals("unchanged"));
            assertThat(total(api)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void without_an_email_it_matches_the_linkedin_profile_in_any_spelling_and_stores_the_new_spelling() {
        Http api = app.newTenant();
        String id = api.post(UPSERT, Map.of("name", "João Silva", "linkedin_url",
                "https://br.linkedin.com/in/JoãoSilva/?utm=x")).expectStatus(201).data().get("id").asText();
        List<String> spellings = List.of("http://linkedin.com/in/jo%C3%A3osilva", "https://www.linkedin.com/in/joãosilva",
                "https://linkedin.com/in/joa\u0303osilva/", "https://m.linkedin.com/in/JOÃOSILVA#about",
                "https://pt.linkedin.com/in/jo%c3%a3oSilva/?trk=profile");
        for (String spelling : spellings) {
            Http.Response matched = api.post(UPSERT, Map.of("linkedin_url", spelling)).expectStatus(200);
            assertThat(matched.data().get("id").asText()).as(spelling).isEqualTo(id);
            assertThat(matched.json().get("result").asText()).as(spelling).isEqualTo("updated");
            assertThat(matched.data().get("linkedin_url").asText()).isEqualTo(spelling);
            assertThat(api.get(CONTACTS + "?linkedin_url=" + java.net.URLEncoder.encode(spelling,
                    java.nio.charset.StandardCharsets.UTF_8)).data().at("/contacts/0/id").asText()).isEqualTo(id);
        }
        assertThat(api.post(UPSERT, Map.of("linkedin_url", spellings.get(spellings.size() - 1))).json().get("result")
                .asText()).as("the spelling stored last, sent again").isEqualTo("unchanged");
        assertThat(total(api)).isEqualTo(1);
    }

    @Test
    void an_email_that_matches_no_one_creates_even_when_the_profile_matches() {
        Http api = app.newTenant();
        String first = TestApp.createContact(api, Map.of("name", "First", "linkedin_url", "https://linkedin.com/in/first"))
                .get("id").asText();
        JsonNode second = api.post(UPSERT, Map.of("name", "Second", "email", "second@acme.com",
                "linkedin_url", "https://linkedin.com/in/first")).expectStatus(201).data();
        assertThat(second.get("id").asText()).isNotEqualTo(first);
        assertThat(total(api)).isEqualTo(2);
    }

    @Test
    void sixteen_concurrent_upserts_of_one_new_profile_create_it_exactly_once() throws Exception {
        Http api = app.newTenant();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Http.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> api.post(UPSERT, Map.of("name", "Profile Racer",
                        "linkedin_url", "https://linkedin.com/in/racer"))));
            }
            long created = 0;
            for (Future<Http.Response> answer : answers) {
                Http.Response response = answer.get();
                assertThat(response.status()).as(response.body()).isIn(200, 201);
                created += response.json().get("result").asText().equals("created") ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
            assertThat(total(api)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
