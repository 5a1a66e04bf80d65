package dev.leadstore.opportunity;

import static dev.leadstore.opportunity.Fixtures.PATH;
import static dev.leadstore.opportunity.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.leadstore.opportunity.Fixtures.Tenant;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class OpportunityCreateTest {
    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @Parameter
    TestApp app;

    @Test
    void returns_every_field_with_nulls_and_defaults_for_what_was_not_given() {
        Http.Response response = Tenant.of(app).api().post(PATH, Map.of("name", "Jane")).expectStatus(201);
        JsonNode o = response.data();
        assertThat(o.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("id", "name", "email",
                "phone", "company", "position", "linkedin_url", "status", "source", "deal_value", "deal_currency",
                "notes", "campaign", "responsible_user", "won_at", "lost_at", "created_at", "updated_at");
        assertThat(o.get("id").asText()).matches("opp_[a-z0-9]{12}");
        assertThat(o.get("name").asText()).isEqualTo("Jane");
        assertThat(o.get("status").asText()).isEqualTo("new");
        assertThat(o.get("source").asText()).isEqualTo("other");
        assertThat(o.get("deal_currency").asText()).isEqualTo("BRL");
        for (String field : List.of("email", "phone", "company", "position", "linkedin_url", "deal_value", "notes",
                "campaign", "responsible_user", "won_at", "lost_at")) {
            assertThat(o.get(field).isNull()).as(field).isTrue();
        }
        assertThat(o.get("created_at").asText()).matches(TIMESTAMP);
        assertThat(o.get("updated_at").asText()).isEqualTo(o.get("created_at").asText());
        assertThat(response.header("Content-Type").orElse("")).startsWith("application/json");
    }

    @Test
    void accepts_every_status_and_source_of_the_contract() {
        Tenant tenant = Tenant.of(app);
        for (String status : List.of("new", "contacted", "qualified", "proposal", "negotiation", "won", "lost")) {
            assertThat(tenant.create(Map.of("name", "S", "status", status)).get("status").asText()).isEqualTo(status);
        }
        for (String source : List.of("linkedin", "google_maps", "list", "paid_traffic", "other")) {
            assertThat(tenant.create(Map.of("name", "S", "source", source)).get("source").asText()).isEqualTo(source);
        }
    }

    @Test
    void an_unknown_status_alone_is_INVALID_STATUS_and_with_other_problems_a_VALIDATION_ERROR_naming_all() {
        Http api = Tenant.of(app).api();
        Http.Response alone = api.post(PATH, Map.of("name", "Jane", "status", "closed")).expectStatus(400);
        assertThat(alone.errorCode()).isEqualTo("INVALID_STATUS");
        assertThat(alone.json().at("/error/details/fields").has("status")).isTrue();

        Http.Response many = api.post(PATH, Map.of("status", "closed", "deal_value", -1)).expectStatus(400);
        assertThat(many.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(fields(many)).containsExactlyInAnyOrder("status", "deal_value", "name");
        assertThat(total(api)).isZero();
    }

    @Test
    void an_unknown_source_alone_is_INVALID_SOURCE_and_with_other_problems_a_VALIDATION_ERROR_naming_all() {
        Http api = Tenant.of(app).api();
        Http.Response alone = api.post(PATH, Map.of("name", "Jane", "source", "website")).expectStatus(400);
        assertThat(alone.errorCode()).isEqualTo("INVALID_SOURCE");
        assertThat(fields(alone)).containsExactly("source");

        Http.Response many = api.post(PATH, Map.of("name", "Jane", "source", "website", "email", "nope"))
                .expectStatus(400);
        assertThat(many.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(fields(many)).containsExactlyInAnyOrder("source", "email");
        assertThat(total(api)).isZero();
    }

    @Test
    void deal_value_comes_back_as_the_exact_number_that_was_sent() {
        Tenant tenant = Tenant.of(app);
        for (String value : List.of("1500.5", "0", "10.25", "0.1", "19.99", "1234567.89", "7.00")) {
            Http.Response created = tenant.api().send("POST", PATH, "application/json",
                    "{\"name\": \"Deal\", \"deal_value\": " + value + "}").expectStatus(201);
            JsonNode returned = Fixtures.exact(created).at("/data/deal_value");
            assertThat(returned.isNumber()).as(value).isTrue();
            assertThat(returned.decimalValue()).as(value).isEqualByComparingTo(new BigDecimal(value));
            String id = created.data().get("id").asText();
            JsonNode read = Fixtures.exact(tenant.api().get(PATH + "/" + id)).at("/data/deal_value");
            assertThat(read.decimalValue()).as(value).isEqualByComparingTo(new BigDecimal(value));
        }
        assertThat(tenant.create(body("name", "No deal", "deal_value", null)).get("deal_value").isNull()).isTrue();
    }

    @Test
    void deal_value_must_be_a_non_negative_number_with_at_most_two_decimals() {
        Http api = Tenant.of(app).api();
        for (String value : List.of("-1", "1.234", "\"12\"", "-0.01", "true")) {
            Http.Response response = api.send("POST", PATH, "application/json",
                    "{\"name\": \"Deal\", \"deal_value\": " + value + "}").expectStatus(400);
            assertThat(response.errorCode()).as(value).isEqualTo("VALIDATION_ERROR");
            assertThat(fields(response)).as(value).containsExactly("deal_value");
        }
        assertThat(total(api)).isZero();
    }

    @Test
    void deal_currency_must_be_an_iso_4217_code() {
        Tenant tenant = Tenant.of(app);
        assertThat(tenant.create(Map.of("name", "D", "deal_currency", "USD")).get("deal_currency").asText())
                .isEqualTo("USD");
        for (Object value : List.of("XXZ", "US", "USDD", "", 840)) {
            Http.Response response = tenant.api().post(PATH, Map.of("name", "D", "deal_currency", value))
                    .expectStatus(400);
            assertThat(response.errorCode()).as("%s", value).isEqualTo("VALIDATION_ERROR");
            assertThat(fields(response)).as("%s", value).containsExactly("deal_currency");
        }
    }

    @Test
    void notes_allow_tab_and_newline_and_up_to_ten_thousand_code_points() {
        Tenant tenant = Tenant.of(app);
        String notes = "line one\n\tline two";
        assertThat(tenant.create(Map.of("name", "N", "notes", notes)).get("notes").asText()).isEqualTo(notes);
        String longest = "😀".repeat(10_000);
        assertThat(tenant.create(Map.of("name", "N", "notes", longest)).get("notes").asText()).isEqualTo(longest);

        for (String bad : List.of(longest + "a", "nul\u0000inside", "bell\u0007")) {
            Http.Response response = tenant.api().post(PATH, Map.of("name", "N", "notes", bad)).expectStatus(400);
            assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
            assertThat(fields(response)).containsExactly("notes");
        }
        Http.Response tabInCompany = tenant.api().post(PATH, Map.of("name", "N", "company", "Acme\tInc"))
                .expectStatus(400);
        assertThat(fields(tabInCompany)).containsExactly("company");
    }

    @Test
    void person_fields_follow_the_contact_rules() {
        Tenant tenant = Tenant.of(app);
        JsonNode o = tenant.create(Map.of("name", "  Jane Smith  ", "email", "Jane@Company.com",
                "phone", "+55 11 98888-8888", "linkedin_url", "https://www.linkedin.com/in/jane"));
        assertThat(o.get("name").asText()).isEqualTo("Jane Smith");
        assertThat(o.get("email").asText()).isEqualTo("Jane@Company.com");
        assertThat(o.get("phone").asText()).isEqualTo("+5511988888888");
        assertThat(o.get("linkedin_url").asText()).isEqualTo("https://www.linkedin.com/in/jane");

        Http api = tenant.api();
        assertThat(api.post(PATH, Map.of("name", "J", "email", "not-an-email")).expectStatus(400).errorCode())
                .isEqualTo("INVALID_EMAIL");
        expectOnlyField(api.post(PATH, Map.of("email", "j@x.com")), "name");
        expectOnlyField(api.post(PATH, body("name", null)), "name");
        expectOnlyField(api.post(PATH, Map.of("name", "   ")), "name");
        expectOnlyField(api.post(PATH, Map.of("name", 12345)), "name");
        expectOnlyField(api.post(PATH, Map.of("name", "J", "phone", "call me")), "phone");
        expectOnlyField(api.post(PATH, Map.of("name", "J", "linkedin_url", "https://example.com/in/j")), "linkedin_url");
        expectOnlyField(api.post(PATH, Map.of("name", "J", "company", "c".repeat(256))), "company");
        assertThat(total(api)).isEqualTo(1);
    }

    @Test
    void email_is_not_unique_among_opportunities() {
        Tenant tenant = Tenant.of(app);
        String first = tenant.create(Map.of("name", "A", "email", "same@company.com")).get("id").asText();
        String second = tenant.create(Map.of("name", "B", "email", "SAME@company.com")).get("id").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(total(tenant.api())).isEqualTo(2);
    }

    @Test
    void creating_as_won_sets_won_at_and_as_lost_sets_lost_at() {
        Tenant tenant = Tenant.of(app);
        JsonNode won = tenant.create(Map.of("name", "W", "status", "won"));
        assertThat(won.get("won_at").asText()).matches(TIMESTAMP);
        assertThat(won.get("lost_at").isNull()).isTrue();
        JsonNode lost = tenant.create(Map.of("name", "L", "status", "lost"));
        assertThat(lost.get("lost_at").asText()).matches(TIMESTAMP);
        assertThat(lost.get("won_at").isNull()).isTrue();
    }

    @Test
    void campaign_and_responsible_user_are_returned_nested_as_id_and_name() {
        Tenant tenant = Tenant.of(app);
        String campaign = tenant.campaign("Spring Push");
        String user = tenant.user("Ana Lima");
        JsonNode o = tenant.create(Map.of("name", "N", "campaign_id", campaign, "responsible_user_id", user));
        assertThat(o.get("campaign")).isEqualTo(ref(campaign, "Spring Push"));
        assertThat(o.get("responsible_user")).isEqualTo(ref(user, "Ana Lima"));
        assertThat(tenant.get(o.get("id").asText())).isEqualTo(o);
    }

    @Test
    void a_missing_reference_and_another_accounts_reference_are_refused_exactly_alike() {
        Tenant tenant = Tenant.of(app);
        Tenant other = Tenant.of(app);
        Map<String, String> foreign = Map.of("campaign_id", other.campaign("Theirs"),
                "responsible_user_id", other.user("Their User"));
        Map<String, String> missing = Map.of("campaign_id", "camp_zzzzzzzzzzzz",
                "responsible_user_id", "usr_zzzzzzzzzzzz");
        for (String field : List.of("campaign_id", "responsible_user_id")) {
            Http.Response a = tenant.api().post(PATH, Map.of("name", "N", field, missing.get(field)));
            Http.Response b = tenant.api().post(PATH, Map.of("name", "N", field, foreign.get(field)));
            a.expectStatus(400);
            b.expectStatus(400);
            assertThat(a.errorCode()).isEqualTo("VALIDATION_ERROR");
            assertThat(fields(a)).containsExactly(field);
            assertThat(b.json().get("error")).isEqualTo(a.json().get("error"));
        }
        assertThat(total(tenant.api())).isZero();
    }

    @Test
    void unknown_and_read_only_fields_are_refused_by_name() {
        Http api = Tenant.of(app).api();
        for (String field : List.of("id", "created_at", "updated_at", "won_at", "lost_at", "stage", "tags")) {
            Http.Response response = api.post(PATH, Map.of("name", "N", field, "2024-01-25T09:00:00.000Z"));
            expectOnlyField(response, field);
        }
        assertThat(total(api)).isZero();
    }

    private static JsonNode ref(String id, String name) {
        return JsonNodeFactory.instance.objectNode().put("id", id).put("name", name);
    }

    private static void expectOnlyField(Http.Response response, String field) {
        response.expectStatus(400);
        assertThat(response.errorCode()).as(field).isEqualTo("VALIDATION_ERROR");
        assertThat(fields(response)).as(field).containsExactly(field);
    }

    static List<String> fields(Http.Response response) {
        JsonNode fields = response.json().at("/error/details/fields");
        assertThat(fields.isObject()).as("details.fields in %s", response.body()).isTrue();
        return fields.properties().stream().map(Map.Entry::getKey).toList();
    }

    private static long total(Http api) {
        return api.get(PATH).expectStatus(200).data().at("/pagination/total").asLong();
    }
}
