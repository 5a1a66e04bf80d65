package dev.leadstore.contact;

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

/** Totals kept as counters and deep pages read in two steps must agree with the plain answers. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ContactListDepthTest {
    private static final String CONTACTS = "/external/v1/contacts";

    @Parameter
    TestApp app;

    @Test
    void the_total_of_an_unfiltered_list_follows_concurrent_creates_and_deletes_exactly() throws Exception {
        Http api = app.newTenant();
        List<String> ids = createMany(api, 120);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> deletes = new ArrayList<>();
            for (String id : ids.subList(0, 30)) {
                deletes.add(pool.submit(() -> api.delete(CONTACTS + "/" + id).status()));
                deletes.add(pool.submit(() -> api.delete(CONTACTS + "/" + id).status()));
            }
            int deleted = 0;
            for (Future<Integer> f : deletes) {
                deleted += f.get() == 200 ? 1 : 0;
            }
            assertThat(deleted).isEqualTo(30);
        } finally {
            pool.shutdown();
        }
        JsonNode pagination = api.get(CONTACTS + "?limit=7").data().get("pagination");
        assertThat(pagination.get("total").asLong()).isEqualTo(90);
        assertThat(pagination.get("total_pages").asLong()).isEqualTo(13);
        assertThat(api.get(CONTACTS + "?source=other&limit=1").data().at("/pagination/total").asLong()).isEqualTo(90);
    }

    @Test
    void deep_pages_hold_the_same_rows_in_the_same_order_as_shallow_ones() throws Exception {
        Http api = app.newTenant();
        createMany(api, 260);
        for (String sort : List.of("sort_by=name&sort_order=asc", "sort_by=created_at", "sort_by=company&sort_order=asc")) {
            List<String> byHundred = walk(api, sort, 100);
            List<String> byTen = walk(api, sort, 10);
            assertThat(byHundred).hasSize(260).doesNotHaveDuplicates().isEqualTo(byTen);
        }
        List<String> filtered = walk(api, "search=person&sort_by=name&sort_order=asc", 100);
        assertThat(filtered).hasSize(260).isEqualTo(walk(api, "search=person&sort_by=name&sort_order=asc", 20));
    }

    @Test
    void a_one_tag_list_walks_the_same_rows_in_the_same_order_as_the_unfiltered_list() throws Exception {
        Http api = app.newTenant();
        List<String> created = createMany(api, 260);
        List<String> even = new ArrayList<>();
        for (int i = 0; i < created.size(); i += 2) {
            even.add(created.get(i));
        }
        for (String order : List.of("sort_order=desc", "sort_order=asc")) {
            List<String> unfiltered = walk(api, "sort_by=created_at&" + order, 100);
            assertThat(walk(api, "tags=all&sort_by=created_at&" + order, 100)).as(order).isEqualTo(unfiltered);
            assertThat(walk(api, "tags=all&" + order, 10)).as(order).isEqualTo(unfiltered);
            assertThat(walk(api, "tags=even&" + order, 30)).as(order)
                    .isEqualTo(unfiltered.stream().filter(even::contains).toList());
            // With another filter, and in another order, the same contacts.
            assertThat(walk(api, "tags=even&search=person&" + order, 100)).as(order)
                    .isEqualTo(unfiltered.stream().filter(even::contains).toList());
            assertThat(walk(api, "tags=odd&sort_by=name&" + order, 100)).as(order)
                    .containsExactlyInAnyOrderElementsOf(created.stream().filter(id -> !even.contains(id)).toList());
        }
    }

    @Test
    void a_query_with_more_than_fifty_parameters_is_refused_and_fifty_are_fine() {
        Http api = app.newTenant();
        StringBuilder query = new StringBuilder("?limit=5");
        for (int i = 1; i < 50; i++) {
            query.append("&x").append(i).append("=1");
        }
        api.get(CONTACTS + query).expectStatus(200);
        Http.Response refused = api.get(CONTACTS + query + "&one=more");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER");
    }

    private static List<String> walk(Http api, String query, int limit) {
        List<String> ids = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode data = api.get(CONTACTS + "?" + query + "&limit=" + limit + "&page=" + page).expectStatus(200).data();
            data.get("contacts").forEach(c -> ids.add(c.get("id").asText()));
            if (page >= data.at("/pagination/total_pages").asInt()) {
                return ids;
            }
        }
    }

    private static List<String> createMany(Http api, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> TestApp.createContact(api, Map.of(
                        "name", "Person " + (n % 37), "company", n % 5 == 0 ? "" : "Company " + (n % 11),
                        "tags", List.of("all", n % 2 == 0 ? "even" : "odd")))
                        .get("id").asText()));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : futures) {
                ids.add(f.get());
            }
            return ids;
        } finally {
            pool.shutdown();
        }
    }
}
