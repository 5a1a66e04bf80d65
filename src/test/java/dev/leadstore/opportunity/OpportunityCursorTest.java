package dev.leadstore.opportunity;

import static dev.leadstore.opportunity.Fixtures.PATH;
import static dev.leadstore.opportunity.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.opportunity.Fixtures.Tenant;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** GET /opportunities with `cursor` (docs/api.md §9.1): every sort, deal values and companies without a value last. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class OpportunityCursorTest {
    private static final List<String> SORTS = List.of("created_at", "updated_at", "name", "company", "deal_value");
    private static final List<Object> VALUES = List.of(10, 10.5, 0, 999999999999.99, 10);

    @Parameter
    TestApp app;

    private Tenant tenant;

    @BeforeEach
    void opportunities_with_ties_and_missing_values() {
        tenant = Tenant.of(app);
        for (int i = 0; i < 19; i++) {
            tenant.create(opportunity(i));
        }
    }

    @Test
    void following_next_cursor_returns_the_same_opportunities_in_the_same_order_as_numbered_pages_for_every_sort() {
        for (String sort : SORTS) {
            for (String order : List.of("asc", "desc")) {
                String query = "sort_by=" + sort + "&sort_order=" + order;
                List<String> numbered = ids(list(query + "&limit=100"));
                assertThat(numbered).hasSize(19);
                assertThat(walk(query, new int[] {3, 1, 8}, null)).as(query).isEqualTo(numbered);
            }
        }
        assertThat(walk("status=won&sort_by=deal_value", new int[] {2}, null))
                .isEqualTo(ids(list("status=won&sort_by=deal_value&limit=100")));
    }

    @Test
    void a_walk_meanwhile_written_sees_every_opportunity_present_throughout_exactly_once() {
        for (String sort : SORTS) {
            for (String order : List.of("asc", "desc")) {
                String query = "sort_by=" + sort + "&sort_order=" + order;
                Set<String> present = new LinkedHashSet<>(walk(query, new int[] {100}, null));
                Set<String> gone = new LinkedHashSet<>();
                Set<String> changed = new LinkedHashSet<>();
                int[] step = {0};
                List<String> seen = walk(query, new int[] {2, 3}, page -> {
                    int n = step[0]++;
                    tenant.create(opportunity(n + 100));
                    String some = new ArrayList<>(present).get((n * 7) % present.size());
                    if (n % 2 == 0 && !gone.contains(some)) {
                        changed.add(some);
                        tenant.api().patch(PATH + "/" + some, Map.of("notes", "n" + n)).expectStatus(200);
                        tenant.api().patch(PATH + "/" + some + "/stage", Map.of("status", "contacted")).expectStatus(200);
                    }
                    String last = page.isEmpty() ? null : page.get(page.size() - 1);
                    if (last != null && n % 3 == 1 && !gone.contains(last)) {
                        gone.add(last);
                        tenant.api().delete(PATH + "/" + last).expectStatus(200);
                    }
                });
                Set<String> throughout = new LinkedHashSet<>(present);
                throughout.removeAll(gone);
                if (sort.equals("updated_at")) {
                    throughout.removeAll(changed);
                }
                Map<String, Integer> times = new HashMap<>();
                seen.forEach(id -> times.merge(id, 1, Integer::sum));
                for (String id : throughout) {
                    assertThat(times.getOrDefault(id, 0)).as("%s: %s", query, id).isEqualTo(1);
                }
                assertThat(times.values().stream().allMatch(t -> t == 1) || sort.equals("updated_at")).as(query).isTrue();
            }
        }
    }

    @Test
    void a_cursor_is_refused_with_other_filters_or_another_sort_and_with_a_page() {
        String cursor = list("status=won&sort_by=deal_value&limit=1").at("/pagination/next_cursor").asText();
        for (String other : List.of("status=lost&sort_by=deal_value", "sort_by=deal_value", "status=won",
                "status=won&sort_by=deal_value&sort_order=asc", "status=won&sort_by=deal_value&source=list",
                "status=won&sort_by=deal_value&page=1")) {
            Http.Response refused = tenant.api().get(PATH + "?" + other + "&cursor=" + cursor);
            assertThat(refused.status()).as(other).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER");
            assertThat(refused.json().at("/error/details/parameter").asText()).isEqualTo("cursor");
        }
        JsonNode next = list("status=won&sort_by=deal_value&limit=50&cursor=" + cursor);
        assertThat(next.at("/pagination/next_cursor").isNull()).isTrue();
        assertThat(next.at("/pagination/total").asInt()).isEqualTo(next.get("opportunities").size() + 1);
    }

    /** Few names, companies (some missing) and deal values (some missing), so that most keys tie. */
    private static Map<String, Object> opportunity(int i) {
        return body("name", List.of("Deal", "deal", "Zed", "Ärger").get(i % 4),
                "company", i % 3 == 0 ? null : List.of("Acme", "acme", "Beta").get(i % 3),
                "deal_value", i % 4 == 0 ? null : VALUES.get(i % VALUES.size()),
                "status", i % 2 == 0 ? "won" : "new");
    }

    private List<String> walk(String query, int[] limits, java.util.function.Consumer<List<String>> betweenPages) {
        List<String> seen = new ArrayList<>();
        JsonNode data = list(query + "&limit=" + limits[0]);
        for (int page = 1; ; page++) {
            List<String> ids = ids(data);
            seen.addAll(ids);
            if (data.at("/pagination/next_cursor").isNull()) {
                return seen;
            }
            assertThat(page).isLessThan(500);
            if (betweenPages != null) {
                betweenPages.accept(ids);
            }
            data = list(query + "&limit=" + limits[page % limits.length] + "&cursor="
                    + data.at("/pagination/next_cursor").asText());
        }
    }

    private JsonNode list(String query) {
        return tenant.api().get(PATH + "?" + query).expectStatus(200).data();
    }

    private static List<String> ids(JsonNode data) {
        List<String> ids = new ArrayList<>();
        data.get("opportunities").forEach(o -> ids.add(o.get("id").asText()));
        return ids;
    }
}
