package dev.leadstore.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** GET /contacts: envelope, paging, sorting and parameter errors. Filters live in ContactListFilterTest. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ContactListTest {
    private static final List<String> FIELDS = List.of("id", "name", "email", "phone", "company", "position",
            "source", "linkedin_url", "tags", "custom_fields", "created_at", "updated_at");

    @Parameter
    TestApp app;

    @Test
    void an_empty_account_lists_no_contacts_with_zero_pages() {
        JsonNode data = app.newTenant().get("/external/v1/contacts").expectStatus(200).data();

        assertThat(data.get("contacts").isArray()).isTrue();
        assertThat(data.get("contacts")).isEmpty();
        assertThat(data.get("pagination"))
                .hasToString("{\"page\":1,\"limit\":20,\"total\":0,\"total_pages\":0,\"next_cursor\":null}");
    }

    @Test
    void list_items_have_the_full_contact_shape_and_equal_the_created_contacts() {
        Http api = app.newTenant();
        JsonNode full = TestApp.createContact(api, Map.of("name", "Jane Smith", "email", "jane@company.com",
                "phone", "+5511988888888", "company", "Tech Corp", "position", "CTO", "source", "linkedin",
                "linkedin_url", "https://www.linkedin.com/in/jane", "tags", List.of("hot"),
                "custom_fields", Map.of("size", 50, "vip", true)));
        JsonNode bare = TestApp.createContact(api, Map.of("name", "Bare"));

        Http.Response response = api.get("/external/v1/contacts").expectStatus(200);
        assertThat(response.json().get("success").asBoolean()).isTrue();
        JsonNode contacts = response.data().get("contacts");
        assertThat(contacts).hasSize(2).containsExactlyInAnyOrder(full, bare);
        for (JsonNode contact : contacts) {
            List<String> names = new ArrayList<>();
            contact.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactlyInAnyOrderElementsOf(FIELDS);
        }
        JsonNode listedBare = contacts.get(0).get("id").equals(bare.get("id")) ? contacts.get(0) : contacts.get(1);
        assertThat(listedBare.get("email").isNull()).isTrue();
        assertThat(listedBare.get("company").isNull()).isTrue();
        assertThat(listedBare.get("tags")).hasToString("[]");
        assertThat(listedBare.get("custom_fields")).hasToString("{}");
        assertThat(listedBare.get("source").asText()).isEqualTo("other");
    }

    @Test
    void pages_hold_limit_items_and_total_pages_is_total_divided_by_limit_rounded_up() {
        Http api = app.newTenant();
        for (int i = 0; i < 5; i++) {
            TestApp.createContact(api, Map.of("name", "Person " + i));
        }

        assertThat(pagination(api, "limit=2").get("next_cursor").isTextual()).isTrue();
        assertThat(pagination(api, "limit=2").<JsonNode>without("next_cursor"))
                .hasToString("{\"page\":1,\"limit\":2,\"total\":5,\"total_pages\":3}");
        assertThat(pagination(api, "limit=5"))
                .hasToString("{\"page\":1,\"limit\":5,\"total\":5,\"total_pages\":1,\"next_cursor\":null}");
        assertThat(pagination(api, "limit=100"))
                .hasToString("{\"page\":1,\"limit\":100,\"total\":5,\"total_pages\":1,\"next_cursor\":null}");
        assertThat(pagination(api, "limit=1&page=5"))
                .hasToString("{\"page\":5,\"limit\":1,\"total\":5,\"total_pages\":5,\"next_cursor\":null}");
        assertThat(pagination(api, ""))
                .hasToString("{\"page\":1,\"limit\":20,\"total\":5,\"total_pages\":1,\"next_cursor\":null}");
        assertThat(list(api, "limit=2&page=3").get("contacts")).hasSize(1);
        JsonNode beyond = list(api, "limit=2&page=4");
        assertThat(beyond.get("contacts")).isEmpty();
        assertThat(beyond.get("pagination").get("total").asLong()).isEqualTo(5);
    }

    @Test
    void default_order_is_newest_first_and_asc_reverses_it() {
        Http api = app.newTenant();
        List<String> created = createInSequence(api, "First", "Second", "Third");

        assertThat(ids(list(api, ""))).containsExactly(created.get(2), created.get(1), created.get(0));
        assertThat(ids(list(api, "sort_by=created_at"))).containsExactly(created.get(2), created.get(1), created.get(0));
        assertThat(ids(list(api, "sort_order=asc"))).containsExactlyElementsOf(created);
        assertThat(ids(list(api, "sort_by=created_at&sort_order=asc"))).containsExactlyElementsOf(created);
    }

    @Test
    void sorts_by_updated_at_in_both_directions() {
        Http api = app.newTenant();
        List<String> created = createInSequence(api, "A", "B", "C");
        pause();
        api.put("/external/v1/contacts/" + created.get(0), Map.of("position", "Moved")).expectStatus(200);

        assertThat(ids(list(api, "sort_by=updated_at")))
                .containsExactly(created.get(0), created.get(2), created.get(1));
        assertThat(ids(list(api, "sort_by=updated_at&sort_order=asc")))
                .containsExactly(created.get(1), created.get(2), created.get(0));
    }

    @Test
    void sorts_by_name_case_insensitively() {
        Http api = app.newTenant();
        for (String name : List.of("bravo", "Charlie", "alpha", "ALPHA2", "Delta")) {
            TestApp.createContact(api, Map.of("name", name));
        }

        assertThat(names(list(api, "sort_by=name&sort_order=asc")))
                .containsExactly("alpha", "ALPHA2", "bravo", "Charlie", "Delta");
        assertThat(names(list(api, "sort_by=name&sort_order=desc")))
                .containsExactly("Delta", "Charlie", "bravo", "ALPHA2", "alpha");
        assertThat(names(list(api, "sort_by=name")))
                .as("sort_order defaults to desc").containsExactly("Delta", "Charlie", "bravo", "ALPHA2", "alpha");
    }

    @Test
    void sorts_by_company_case_insensitively_with_no_company_last_in_both_directions() {
        Http api = app.newTenant();
        Map<String, String> companies = Map.of("a", "beta Inc", "b", "Alpha", "c", "Gamma", "d", "delta");
        companies.forEach((name, company) -> TestApp.createContact(api, Map.of("name", name, "company", company)));
        TestApp.createContact(api, Map.of("name", "none"));
        Map<String, Object> explicitNull = new HashMap<>();
        explicitNull.put("name", "null");
        explicitNull.put("company", null);
        TestApp.createContact(api, explicitNull);

        List<String> asc = names(list(api, "sort_by=company&sort_order=asc"));
        assertThat(asc.subList(0, 4)).containsExactly("b", "a", "d", "c");
        assertThat(asc.subList(4, 6)).containsExactlyInAnyOrder("none", "null");
        List<String> desc = names(list(api, "sort_by=company&sort_order=desc"));
        assertThat(desc.subList(0, 4)).containsExactly("c", "d", "a", "b");
        assertThat(desc.subList(4, 6)).containsExactlyInAnyOrder("none", "null");
    }

    @Test
    void paging_through_identical_sort_keys_never_repeats_or_skips_a_row() {
        Http api = app.newTenant();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            all.add(TestApp.createContact(api, Map.of("name", "Same Name", "company", "Same Co")).get("id").asText());
        }

        for (String sort : List.of("name", "company", "created_at", "updated_at")) {
            for (String order : List.of("asc", "desc")) {
                List<String> walked = new ArrayList<>();
                for (int page = 1; page <= 4; page++) {
                    walked.addAll(ids(list(api, "limit=7&page=" + page + "&sort_by=" + sort + "&sort_order=" + order)));
                }
                assertThat(walked).as(sort + " " + order).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(all);
                if (!sort.endsWith("_at")) {
                    assertThat(walked).as("ties broken by id, " + sort + " " + order)
                            .satisfiesAnyOf(w -> assertThat(w).isSorted(),
                                    w -> assertThat(w).isSortedAccordingTo(Comparator.reverseOrder()));
                }
            }
        }
    }

    @Test
    void rejects_a_bad_page_naming_the_parameter() {
        Http api = app.newTenant();
        for (String value : List.of("0", "-1", "abc", "1.5")) {
            expectInvalid(api, "page", value);
        }
    }

    @Test
    void rejects_a_bad_limit_naming_the_parameter() {
        Http api = app.newTenant();
        for (String value : List.of("0", "101", "abc", "-5", "2.0")) {
            expectInvalid(api, "limit", value);
        }
    }

    @Test
    void rejects_an_unknown_sort_column_or_order_naming_the_parameter() {
        Http api = app.newTenant();
        for (String value : List.of("email", "id", "source", "created_at; DROP TABLE contacts")) {
            expectInvalid(api, "sort_by", value);
        }
        for (String value : List.of("up", "ascending", "descending")) {
            expectInvalid(api, "sort_order", value);
        }
    }

    @Test
    void rejects_bad_timestamps_naming_the_parameter() {
        Http api = app.newTenant();
        List<String> bad = List.of("yesterday", "2024-13-01", "2024-02-30", "2024-01-25T09:00:00",
                "1706173200", "2024-01-25T25:00:00Z", "25/01/2024");
        for (String parameter : List.of("created_after", "created_before", "updated_after", "updated_before")) {
            for (String value : bad) {
                expectInvalid(api, parameter, value);
            }
        }
    }

    private static void expectInvalid(Http api, String parameter, String value) {
        Http.Response response = api.get("/external/v1/contacts?" + parameter + "=" + encode(value));
        assertThat(response.status()).as(parameter + "=" + value).isEqualTo(400);
        assertThat(response.errorCode()).as(parameter + "=" + value).isEqualTo("INVALID_PARAMETER");
        JsonNode error = response.json().get("error");
        assertThat(error.at("/details/parameter").asText()).as(parameter + "=" + value).isEqualTo(parameter);
        assertThat(error.get("message").asText()).as(parameter + "=" + value).contains(parameter);
        assertThat(response.json().get("success").asBoolean()).isFalse();
    }

    /** Creates contacts whose created_at strictly increase, returning their ids in creation order. */
    private static List<String> createInSequence(Http api, String... names) {
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            pause();
            ids.add(TestApp.createContact(api, Map.of("name", name)).get("id").asText());
        }
        return ids;
    }

    /** Timestamps have millisecond precision: a short pause makes the next one strictly later. */
    static void pause() {
        try {
            Thread.sleep(3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode list(Http api, String query) {
        return api.get("/external/v1/contacts" + (query.isEmpty() ? "" : "?" + query)).expectStatus(200).data();
    }

    private static ObjectNode pagination(Http api, String query) {
        return (ObjectNode) list(api, query).get("pagination");
    }

    static List<String> ids(JsonNode data) {
        List<String> ids = new ArrayList<>();
        data.get("contacts").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    private static List<String> names(JsonNode data) {
        List<String> names = new ArrayList<>();
        data.get("contacts").forEach(c -> names.add(c.get("name").asText()));
        return names;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
