package dev.leadstore.opportunity;

import static dev.leadstore.opportunity.Fixtures.PATH;
import static dev.leadstore.opportunity.Fixtures.body;
import static dev.leadstore.opportunity.Fixtures.instant;
import static dev.leadstore.opportunity.OpportunityCreateTest.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.opportunity.Fixtures.Tenant;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class OpportunityUpdateTest {
    @Parameter
    TestApp app;

    private Tenant tenant;
    private String campaign;
    private String user;

    private JsonNode full() {
        tenant = Tenant.of(app);
        campaign = tenant.campaign("Autumn");
        user = tenant.user("Rui Costa");
        return tenant.create(Map.ofEntries(Map.entry("name", "Jane Smith"), Map.entry("email", "jane@company.com"),
                Map.entry("phone", "+5511988888888"), Map.entry("company", "Tech Corp"), Map.entry("position", "CTO"),
                Map.entry("linkedin_url", "https://linkedin.com/in/jane"), Map.entry("status", "qualified"),
                Map.entry("source", "linkedin"), Map.entry("deal_value", 2500.75), Map.entry("deal_currency", "USD"),
                Map.entry("notes", "First call went well"), Map.entry("campaign_id", campaign),
                Map.entry("responsible_user_id", user)));
    }

    private String url(JsonNode o) {
        return PATH + "/" + o.get("id").asText();
    }

    @Test
    void only_the_fields_present_change() {
        JsonNode before = full();
        JsonNode after = tenant.api().put(url(before), Map.of("position", "VP of Sales")).expectStatus(200).data();
        ObjectNode expected = before.deepCopy();
        expected.put("position", "VP of Sales");
        expected.set("updated_at", after.get("updated_at"));
        assertThat(after).isEqualTo(expected);
        assertThat(tenant.get(before.get("id").asText())).isEqualTo(after);
    }

    @Test
    void null_clears_every_optional_field() {
        JsonNode before = full();
        List<String> optional = List.of("email", "phone", "company", "position", "linkedin_url", "deal_value",
                "notes", "campaign_id", "responsible_user_id");
        Map<String, Object> nulls = body();
        optional.forEach(field -> nulls.put(field, null));
        JsonNode after = tenant.api().put(url(before), nulls).expectStatus(200).data();
        for (String field : List.of("email", "phone", "company", "position", "linkedin_url", "deal_value", "notes",
                "campaign", "responsible_user")) {
            assertThat(after.get(field).isNull()).as(field).isTrue();
        }
        assertThat(after.get("name").asText()).isEqualTo("Jane Smith");
        assertThat(after.get("source").asText()).isEqualTo("linkedin");
        assertThat(after.get("deal_currency").asText()).isEqualTo("USD");
        assertThat(tenant.get(before.get("id").asText())).isEqualTo(after);
    }

    @Test
    void name_source_and_deal_currency_cannot_be_null() {
        JsonNode before = full();
        for (String field : List.of("name", "source", "deal_currency")) {
            Http.Response response = tenant.api().put(url(before), body(field, null)).expectStatus(400);
            assertThat(response.errorCode()).as(field).isEqualTo("VALIDATION_ERROR");
            assertThat(fields(response)).as(field).containsExactly(field);
        }
        assertThat(tenant.get(before.get("id").asText())).isEqualTo(before);
    }

    @Test
    void status_is_refused_with_a_message_that_points_to_the_stage_endpoint() {
        JsonNode before = full();
        for (Http.Response response : List.of(tenant.api().put(url(before), Map.of("status", "won")),
                tenant.api().patch(url(before), Map.of("status", "won", "position", "CEO")))) {
            response.expectStatus(400);
            assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
            assertThat(fields(response)).containsExactly("status");
            assertThat(response.json().at("/error/message").asText()).contains("/stage");
        }
        assertThat(tenant.get(before.get("id").asText())).isEqualTo(before);
    }

    @Test
    void patch_is_an_alias_of_put() {
        JsonNode before = full();
        JsonNode after = tenant.api().patch(url(before), Map.of("company", "Other Corp", "deal_value", 10))
                .expectStatus(200).data();
        assertThat(after.get("company").asText()).isEqualTo("Other Corp");
        assertThat(after.get("deal_value").decimalValue()).isEqualByComparingTo("10");
        assertThat(after.get("position").asText()).isEqualTo("CTO");
        assertThat(tenant.get(before.get("id").asText())).isEqualTo(after);
        assertThat(tenant.api().patch(PATH + "/opp_zzzzzzzzzzzz", Map.of("company", "X")).expectStatus(404)
                .errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void an_empty_body_or_the_same_values_change_nothing_and_leave_updated_at() {
        JsonNode before = full();
        assertThat(tenant.api().put(url(before), Map.of()).expectStatus(200).data()).isEqualTo(before);
        JsonNode same = tenant.api().put(url(before), Map.of("name", "Jane Smith", "company", "Tech Corp",
                "campaign_id", campaign, "deal_value", 2500.75)).expectStatus(200).data();
        assertThat(same).isEqualTo(before);
        assertThat(tenant.get(before.get("id").asText())).isEqualTo(before);
    }

    @Test
    void a_real_change_moves_updated_at_forward_and_keeps_created_at() {
        JsonNode before = full();
        JsonNode after = tenant.api().put(url(before), Map.of("notes", "Second call")).expectStatus(200).data();
        assertThat(instant(after.get("updated_at"))).isAfter(instant(before.get("updated_at")));
        assertThat(after.get("created_at")).isEqualTo(before.get("created_at"));
        JsonNode again = tenant.api().put(url(after), Map.of("notes", "Third call")).expectStatus(200).data();
        assertThat(instant(again.get("updated_at"))).isAfter(instant(after.get("updated_at")));
    }

    @Test
    void a_failed_update_changes_nothing() {
        JsonNode before = full();
        Tenant other = Tenant.of(app);
        List<Map<String, Object>> bodies = List.of(
                Map.of("company", "New Corp", "email", "broken"),
                Map.of("company", "New Corp", "deal_value", 1.234),
                Map.of("company", "New Corp", "source", "website"),
                Map.of("company", "New Corp", "campaign_id", other.campaign("Theirs")),
                Map.of("company", "New Corp", "responsible_user_id", "usr_zzzzzzzzzzzz"),
                Map.of("company", "New Corp", "created_at", "2024-01-01T00:00:00Z"));
        List<String> codes = bodies.stream().map(b -> tenant.api().put(url(before), b).expectStatus(400).errorCode())
                .toList();
        assertThat(codes).containsExactly("INVALID_EMAIL", "VALIDATION_ERROR", "INVALID_SOURCE",
                "VALIDATION_ERROR", "VALIDATION_ERROR", "VALIDATION_ERROR");
        assertThat(tenant.get(before.get("id").asText())).isEqualTo(before);
    }

    @Test
    void references_can_be_changed_and_are_returned_nested() {
        JsonNode before = full();
        String newCampaign = tenant.campaign("Winter");
        String newUser = tenant.user("Bea Dias");
        JsonNode after = tenant.api().put(url(before), Map.of("campaign_id", newCampaign,
                "responsible_user_id", newUser)).expectStatus(200).data();
        assertThat(after.at("/campaign/id").asText()).isEqualTo(newCampaign);
        assertThat(after.at("/campaign/name").asText()).isEqualTo("Winter");
        assertThat(after.at("/responsible_user/id").asText()).isEqualTo(newUser);
        assertThat(after.at("/responsible_user/name").asText()).isEqualTo("Bea Dias");
    }

    @Test
    void an_unknown_id_is_404_but_an_invalid_body_is_400_first() {
        Http api = Tenant.of(app).api();
        assertThat(api.put(PATH + "/opp_zzzzzzzzzzzz", Map.of("company", "X")).expectStatus(404).errorCode())
                .isEqualTo("NOT_FOUND");
        assertThat(api.put(PATH + "/not-an-id", Map.of("company", "X")).expectStatus(404).errorCode())
                .isEqualTo("NOT_FOUND");
        assertThat(api.put(PATH + "/opp_zzzzzzzzzzzz", Map.of("bogus", 1)).expectStatus(400).errorCode())
                .isEqualTo("VALIDATION_ERROR");
    }
}
