package dev.leadstore.contact;

import static dev.leadstore.contact.ContactChecks.CONTACTS;
import static dev.leadstore.contact.ContactListTest.encode;
import static dev.leadstore.contact.ContactListTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** GET /contacts with `cursor`: keyset pages, their pagination, and the cursors refused (docs/api.md §9.1). */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ContactCursorTest {
    static final List<String> SORTS = List.of("created_at", "updated_at", "name", "company");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameter
    TestApp app;

    @Test
    void following_next_cursor_returns_the_same_contacts_in_the_same_order_as_numbered_pages_for_every_sort() {
        Http api = app.newTenant();
        for (int i = 0; i < 23; i++) {
            // Few names and companies: many ties, which only the id breaks; a company of null and of "".
            Map<String, Object> body = new HashMap<>(Map.of("name", List.of("Ana", "ana", "Bruno", "Émile", "zoe").get(i % 5)));
            body.put("company", List.of("Acme", "", "acme", "Beta").get(i % 4));
            if (i % 3 == 0) {
                body.remove("company");
            }
            TestApp.createContact(api, body);
        }
        for (String sort : SORTS) {
            for (String order : List.of("asc", "desc")) {
                String query = "sort_by=" + sort + "&sort_order=" + order;
                List<String> numbered = ids(list(api, query + "&limit=100"));
                assertThat(numbered).hasSize(23);
                assertThat(walk(api, query, new int[] {4, 1, 7, 2})).as(query).isEqualTo(numbered);
            }
        }
    }

    @Test
    void the_one_tag_list_in_the_default_order_walks_by_cursor_as_by_pages() {
        Http api = app.newTenant();
        for (int i = 0; i < 12; i++) {
            TestApp.createContact(api, Map.of("name", "Person " + i, "tags", i % 3 == 0 ? List.of("b") : List.of("a", "b")));
        }
        for (String query : List.of("tags=a", "tags=a&sort_order=asc", "tags=b&sort_by=created_at")) {
            List<String> numbered = ids(list(api, query + "&limit=100"));
            assertThat(numbered).hasSize(query.contains("tags=a") ? 8 : 12);
            assertThat(walk(api, query, new int[] {3, 5})).as(query).isEqualTo(numbered);
        }
    }

    @Test
    void a_cursor_page_answers_limit_total_and_next_cursor_and_the_limit_may_change() {
        Http api = app.newTenant();
        for (int i = 0; i < 5; i++) {
            TestApp.createContact(api, Map.of("name", "Person " + i));
        }
        String cursor = list(api, "limit=2").at("/pagination/next_cursor").asText();
        JsonNode next = list(api, "limit=1&cursor=" + cursor);
        assertThat(next.get("contacts")).hasSize(1);
        List<String> fields = new ArrayList<>();
        next.get("pagination").fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("limit", "total", "next_cursor");
        assertThat(next.at("/pagination/limit").asInt()).isEqualTo(1);
        assertThat(next.at("/pagination/total").asInt()).isEqualTo(5);
        assertThat(next.at("/pagination/next_cursor").asText()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void next_cursor_is_null_exactly_on_the_last_page() {
        Http api = app.newTenant();
        assertThat(list(api, "").at("/pagination/next_cursor").isNull()).isTrue();
        for (int i = 0; i < 6; i++) {
            TestApp.createContact(api, Map.of("name", "Person " + i));
        }
        // Numbered pages: a full last page has none, nor has a page past the end.
        assertThat(list(api, "limit=3").at("/pagination/next_cursor").isTextual()).isTrue();
        assertThat(list(api, "limit=3&page=2").at("/pagination/next_cursor").isNull()).isTrue();
        assertThat(list(api, "limit=6").at("/pagination/next_cursor").isNull()).isTrue();
        assertThat(list(api, "limit=5").at("/pagination/next_cursor").isTextual()).isTrue();
        assertThat(list(api, "limit=5&page=9").at("/pagination/next_cursor").isNull()).isTrue();
        // Cursor pages: the page that ends exactly at the last contact has none.
        String first = list(api, "limit=3").at("/pagination/next_cursor").asText();
        JsonNode last = list(api, "limit=3&cursor=" + first);
        assertThat(last.get("contacts")).hasSize(3);
        assertThat(last.at("/pagination/next_cursor").isNull()).isTrue();
        JsonNode shorter = list(api, "limit=2&cursor=" + first);
        assertThat(shorter.at("/pagination/next_cursor").isTextual()).isTrue();
        JsonNode rest = list(api, "limit=100&cursor=" + shorter.at("/pagination/next_cursor").asText());
        assertThat(rest.get("contacts")).hasSize(1);
        assertThat(rest.at("/pagination/next_cursor").isNull()).isTrue();
    }

    @Test
    void page_and_cursor_together_are_refused_naming_cursor() {
        Http api = app.newTenant();
        TestApp.createContact(api, Map.of("name", "A"));
        TestApp.createContact(api, Map.of("name", "B"));
        String cursor = list(api, "limit=1").at("/pagination/next_cursor").asText();
        assertRefusedCursor(api.get(CONTACTS + "?page=1&cursor=" + cursor));
        assertRefusedCursor(api.get(CONTACTS + "?cursor=" + cursor + "&page=2&limit=1"));
        assertRefusedCursor(api.get(CONTACTS + "?page=&cursor=" + cursor));
    }

    @Test
    void malformed_cursors_are_refused_naming_cursor() throws Exception {
        Http api = app.newTenant();
        TestApp.createContact(api, Map.of("name", "A"));
        TestApp.createContact(api, Map.of("name", "B"));
        String cursor = list(api, "limit=1").at("/pagination/next_cursor").asText();
        ObjectNode json = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(cursor));
        List<String> refused = new ArrayList<>(List.of("", "abc", cursor + "=", cursor + "A", "!" + cursor,
                cursor.substring(1), "x".repeat(3000),
                Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(json)).replace("=", "") + "+/",
                // Well-formed JSON in another form than the server's: spaced, another version, fields added or missing.
                token(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json)),
                token(json.deepCopy().put("v", 2)), token(json.deepCopy().put("x", 1)),
                token(json.deepCopy().<ObjectNode>without("i")), token(json.deepCopy().put("i", "42")),
                token(json.deepCopy().put("k", "not a time")), token(json.deepCopy().putNull("k")),
                token(json.deepCopy().put("k", 1.5)), token(json.deepCopy().put("o", "up")), token("[]"), token("null")));
        for (String token : refused) {
            assertRefusedCursor(api.get(CONTACTS + "?limit=1&cursor=" + encode(token)));
        }
        // The untouched cursor still works.
        assertThat(list(api, "limit=1&cursor=" + cursor).get("contacts")).hasSize(1);
    }

    @Test
    void a_cursor_is_refused_with_another_sort_order_or_other_filters_and_kept_with_another_limit() {
        Http api = app.newTenant();
        for (int i = 0; i < 4; i++) {
            TestApp.createContact(api, Map.of("name", "Person " + i, "company", "Acme", "tags", List.of("x", "y")));
        }
        String query = "search=person&tags=x,y&sort_by=name&sort_order=asc";
        String cursor = list(api, query + "&limit=1").at("/pagination/next_cursor").asText();
        for (String other : List.of("search=person&tags=x,y&sort_order=asc", "search=person&tags=x,y&sort_by=name",
                "search=person&tags=x,y&sort_by=company&sort_order=asc", "tags=x,y&sort_by=name&sort_order=asc",
                "search=PERSON 1&tags=x,y&sort_by=name&sort_order=asc", "search=person&tags=x&sort_by=name&sort_order=asc",
                "search=person&tags=x,y&company=acme&sort_by=name&sort_order=asc",
                "search=person&tags=x,y&created_after=2020-01-01&sort_by=name&sort_order=asc")) {
            assertRefusedCursor(api.get(CONTACTS + "?" + other.replace(" ", "%20") + "&cursor=" + cursor));
        }
        assertThat(list(api, query + "&limit=3&cursor=" + cursor).get("contacts")).hasSize(3);
        // The same filters written otherwise are the same filters.
        assertThat(list(api, "search=PERSON&tags=y,x,x&sort_by=name&sort_order=asc&cursor=" + cursor).get("contacts"))
                .hasSize(3);
        // A cursor of opportunities, in the same default order, is not one of contacts.
        api.post("/external/v1/opportunities", Map.of("name", "Deal 1")).expectStatus(201);
        api.post("/external/v1/opportunities", Map.of("name", "Deal 2")).expectStatus(201);
        String deals = api.get("/external/v1/opportunities?limit=1").expectStatus(200).data()
                .at("/pagination/next_cursor").asText();
        assertRefusedCursor(api.get(CONTACTS + "?cursor=" + deals));
    }

    /** Every id of the list, following next_cursor with these limits in turn. */
    static List<String> walk(Http api, String query, int[] limits) {
        List<String> seen = new ArrayList<>();
        JsonNode data = list(api, query + "&limit=" + limits[0]);
        for (int page = 1; ; page++) {
            seen.addAll(ids(data));
            JsonNode next = data.at("/pagination/next_cursor");
            if (next.isNull()) {
                return seen;
            }
            assertThat(page).as("pages of %s", query).isLessThan(1000);
            data = list(api, query + "&limit=" + limits[page % limits.length] + "&cursor=" + next.asText());
        }
    }

    static JsonNode list(Http api, String query) {
        return api.get(CONTACTS + "?" + query).expectStatus(200).data();
    }

    static void assertRefusedCursor(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETER");
        assertThat(response.json().at("/error/details/parameter").asText()).as(response.body()).isEqualTo("cursor");
    }

    private static String token(Object json) throws Exception {
        byte[] bytes = json instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(json);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
