package dev.leadstore.opportunity;

import static dev.leadstore.opportunity.Fixtures.PATH;
import static dev.leadstore.opportunity.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.opportunity.Fixtures.Tenant;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class OpportunityListTest {
    @Parameter
    TestApp app;

    private Tenant tenant;
    private String campaign;
    private String user;
    private final Map<String, JsonNode> byName = new java.util.HashMap<>();

    @BeforeEach
    void six_opportunities() {
        tenant = Tenant.of(app);
        campaign = tenant.campaign("Fair");
        user = tenant.user("Lia Rocha");
        add(body("name", "alice", "company", "Zeta", "deal_value", 100.5, "email", "alice@widgets.io",
                "status", "won", "source", "linkedin", "campaign_id", campaign));
        add(body("name", "Bob", "deal_value", null, "status", "qualified", "source", "list",
                "responsible_user_id", user));
        add(body("name", "carol", "company", "acme", "deal_value", 9, "source", "linkedin"));
        add(body("name", "Dave", "company", "Beta", "deal_value", 10, "status", "qualified", "source", "linkedin",
                "campaign_id", campaign, "responsible_user_id", user));
        add(body("name", "eve", "deal_value", 0, "source", "google_maps"));
        add(body("name", "bob", "company", "Acme", "deal_value", 10, "email", "BOB@ACME.com"));
    }

    private void add(Map<String, Object> body) {
        byName.put((String) body.get("name"), tenant.create(body));
    }

    private JsonNode list(String query) {
        return tenant.api().get(PATH + "?" + query).expectStatus(200).data();
    }

    private List<String> names(String query) {
        List<String> names = new ArrayList<>();
        list(query + "&limit=100").get("opportunities").forEach(o -> names.add(o.get("name").asText()));
        return names;
    }

    @Test
    void items_carry_ids_of_campaign_and_user_instead_of_nested_objects() {
        JsonNode page = list("search=dave");
        assertThat(page.get("opportunities")).hasSize(1);
        JsonNode dave = byName.get("Dave");
        ObjectNode expected = dave.deepCopy();
        expected.remove("campaign");
        expected.remove("responsible_user");
        expected.put("campaign_id", campaign);
        expected.put("responsible_user_id", user);
        assertThat(page.get("opportunities").get(0)).isEqualTo(expected);
        assertThat(list("search=eve").at("/opportunities/0/campaign_id").isNull()).isTrue();
        assertThat(list("search=eve").at("/opportunities/0/responsible_user_id").isNull()).isTrue();
    }

    @Test
    void pagination_counts_pages_and_defaults_to_page_1_of_20() {
        JsonNode all = tenant.api().get(PATH).expectStatus(200).data();
        assertThat(all.get("opportunities")).hasSize(6);
        assertThat(all.get("pagination"))
                .hasToString("{\"page\":1,\"limit\":20,\"total\":6,\"total_pages\":1,\"next_cursor\":null}");
        assertThat(list("limit=4&page=2").get("opportunities")).hasSize(2);
        assertThat(list("limit=4&page=2").get("pagination"))
                .hasToString("{\"page\":2,\"limit\":4,\"total\":6,\"total_pages\":2,\"next_cursor\":null}");
        JsonNode beyond = list("limit=4&page=3");
        assertThat(beyond.get("opportunities")).isEmpty();
        assertThat(beyond.at("/pagination/total").asInt()).isEqualTo(6);
        assertThat(list("status=proposal").get("pagination"))
                .hasToString("{\"page\":1,\"limit\":20,\"total\":0,\"total_pages\":0,\"next_cursor\":null}");
    }

    @Test
    void search_matches_name_email_or_company_case_insensitively() {
        assertThat(names("search=ACME")).containsExactlyInAnyOrder("carol", "bob");
        assertThat(names("search=Widgets.IO")).containsExactly("alice");
        assertThat(names("search=AlI")).containsExactly("alice");
        assertThat(names("search=nobody")).isEmpty();
        assertThat(names("search=" + enc("%"))).isEmpty();
        add(body("name", "Promo 100%_off! \\o/"));
        for (String literal : List.of("%", "_", "!", "\\", "0%_O")) {
            assertThat(names("search=" + enc(literal))).as(literal).containsExactly("Promo 100%_off! \\o/");
        }
        assertThat(names("search=" + enc("'"))).isEmpty();
    }

    @Test
    void filters_by_status_source_campaign_and_user_alone_and_together() {
        assertThat(names("status=qualified")).containsExactlyInAnyOrder("Bob", "Dave");
        assertThat(names("status=new")).containsExactlyInAnyOrder("carol", "eve", "bob");
        assertThat(names("source=linkedin")).containsExactlyInAnyOrder("alice", "carol", "Dave");
        assertThat(names("source=other")).containsExactly("bob");
        assertThat(names("campaign_id=" + campaign)).containsExactlyInAnyOrder("alice", "Dave");
        assertThat(names("responsible_user_id=" + user)).containsExactlyInAnyOrder("Bob", "Dave");
        assertThat(names("status=qualified&source=linkedin&campaign_id=" + campaign)).containsExactly("Dave");
        assertThat(names("campaign_id=camp_zzzzzzzzzzzz")).isEmpty();
    }

    @Test
    void default_order_is_newest_first() {
        JsonNode items = list("limit=100").get("opportunities");
        assertThat(items).isEqualTo(list("limit=100&sort_by=created_at&sort_order=desc").get("opportunities"));
        assertOrdered(items, o -> o.get("created_at").asText(), false);
    }

    @Test
    void sorts_by_every_column_both_ways_with_nulls_last_and_ties_by_id() {
        Map<String, Function<JsonNode, Comparable>> keys = Map.of(
                "created_at", o -> o.get("created_at").asText(),
                "updated_at", o -> o.get("updated_at").asText(),
                "name", o -> o.get("name").asText().toLowerCase(),
                "company", o -> o.get("company").isNull() ? null : o.get("company").asText().toLowerCase(),
                "deal_value", o -> o.get("deal_value").isNull() ? null : o.get("deal_value").decimalValue());
        keys.forEach((column, key) -> {
            for (boolean ascending : new boolean[] {true, false}) {
                String query = "sort_by=" + column + "&sort_order=" + (ascending ? "asc" : "desc");
                JsonNode items = list(query + "&limit=100").get("opportunities");
                assertThat(items).as(query).hasSize(6);
                assertOrdered(items, key, ascending);
                List<String> paged = new ArrayList<>();
                for (int page = 1; page <= 3; page++) {
                    list(query + "&limit=2&page=" + page).get("opportunities").forEach(o -> paged.add(id(o)));
                }
                List<String> whole = new ArrayList<>();
                items.forEach(o -> whole.add(id(o)));
                assertThat(paged).as(query).isEqualTo(whole);
            }
        });
        assertThat(names("sort_by=name&sort_order=asc").subList(0, 1)).containsExactly("alice");
        assertThat(names("sort_by=deal_value&sort_order=desc"))
                .startsWith("alice").endsWith("Bob");
        assertThat(names("sort_by=deal_value&sort_order=asc")).startsWith("eve", "carol").endsWith("Bob");
    }

    @Test
    void an_updated_opportunity_comes_first_by_updated_at() {
        tenant.api().put(PATH + "/" + id(byName.get("carol")), Map.of("notes", "touched")).expectStatus(200);
        assertThat(names("sort_by=updated_at").get(0)).isEqualTo("carol");
        assertThat(names("sort_by=updated_at&sort_order=asc").get(5)).isEqualTo("carol");
    }

    @Test
    void invalid_parameters_are_INVALID_PARAMETER_naming_the_parameter() {
        Map<String, String> bad = Map.ofEntries(Map.entry("status", "closed"), Map.entry("source", "website"),
                Map.entry("sort_by", "email"), Map.entry("sort_order", "up"), Map.entry("page", "0"),
                Map.entry("limit", "0"), Map.entry("limit ", "101"), Map.entry("page ", "abc"),
                Map.entry(" limit", "1.5"), Map.entry(" page", "-1"));
        bad.forEach((name, value) -> {
            String parameter = name.strip();
            Http.Response response = tenant.api().get(PATH + "?" + parameter + "=" + enc(value)).expectStatus(400);
            assertThat(response.errorCode()).as(parameter + "=" + value).isEqualTo("INVALID_PARAMETER");
            assertThat(response.json().get("error").toString()).as(parameter).contains(parameter);
        });
    }

    /** Non-null keys in order, then nulls; equal keys ordered by id (ascending when the sort is). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void assertOrdered(JsonNode items, Function<JsonNode, Comparable> key, boolean ascending) {
        Comparator<Comparable> values = Comparator.naturalOrder();
        Comparator<Comparable> direction = ascending ? values : values.reversed();
        Comparator<Comparable> nullsLast = Comparator.nullsLast(direction);
        Integer tieDirection = ascending ? Integer.valueOf(-1) : null;
        for (int i = 1; i < items.size(); i++) {
            Comparable a = key.apply(items.get(i - 1));
            Comparable b = key.apply(items.get(i));
            int order = nullsLast.compare(a, b);
            assertThat(order).as("%s before %s", a, b).isLessThanOrEqualTo(0);
            if (order == 0) {
                int ids = Integer.signum(id(items.get(i - 1)).compareTo(id(items.get(i))));
                if (tieDirection == null) {
                    tieDirection = ids;
                }
                assertThat(ids).as("ties of %s ordered by id", a).isEqualTo(tieDirection);
            }
        }
    }

    private static String id(JsonNode o) {
        return o.get("id").asText();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
