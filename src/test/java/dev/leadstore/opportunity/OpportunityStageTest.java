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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class OpportunityStageTest {
    @Parameter
    TestApp app;

    private Tenant tenant;

    private JsonNode opportunity(String status) {
        tenant = Tenant.of(app);
        return tenant.create(Map.of("name", "Jane Smith", "company", "Tech Corp", "status", status,
                "deal_value", 900, "notes", "keep me"));
    }

    private JsonNode move(JsonNode o, String status) {
        return tenant.api().patch(PATH + "/" + o.get("id").asText() + "/stage", Map.of("status", status))
                .expectStatus(200).data();
    }

    @Test
    void entering_won_sets_won_at_and_moves_updated_at_and_nothing_else() {
        JsonNode before = opportunity("proposal");
        JsonNode won = move(before, "won");
        assertThat(won.get("status").asText()).isEqualTo("won");
        assertThat(won.get("won_at").isTextual()).isTrue();
        assertThat(won.get("lost_at").isNull()).isTrue();
        assertThat(instant(won.get("updated_at"))).isAfter(instant(before.get("updated_at")));
        ObjectNode expected = before.deepCopy();
        expected.put("status", "won");
        expected.set("won_at", won.get("won_at"));
        expected.set("updated_at", won.get("updated_at"));
        assertThat(won).isEqualTo(expected);
        assertThat(tenant.get(before.get("id").asText())).isEqualTo(won);
    }

    @Test
    void entering_lost_sets_lost_at() {
        JsonNode lost = move(opportunity("contacted"), "lost");
        assertThat(lost.get("status").asText()).isEqualTo("lost");
        assertThat(lost.get("lost_at").isTextual()).isTrue();
        assertThat(lost.get("won_at").isNull()).isTrue();
    }

    @Test
    void leaving_won_clears_won_at() {
        JsonNode won = move(opportunity("new"), "won");
        JsonNode back = move(won, "negotiation");
        assertThat(back.get("status").asText()).isEqualTo("negotiation");
        assertThat(back.get("won_at").isNull()).isTrue();
        assertThat(back.get("lost_at").isNull()).isTrue();
        assertThat(instant(back.get("updated_at"))).isAfter(instant(won.get("updated_at")));
        assertThat(tenant.get(won.get("id").asText())).isEqualTo(back);
    }

    @Test
    void leaving_lost_clears_lost_at() {
        JsonNode lost = opportunity("lost");
        assertThat(lost.get("lost_at").isTextual()).isTrue();
        JsonNode back = move(lost, "contacted");
        assertThat(back.get("lost_at").isNull()).isTrue();
        assertThat(back.get("won_at").isNull()).isTrue();
    }

    @Test
    void won_to_lost_and_back_swaps_the_two_timestamps() {
        JsonNode won = opportunity("won");
        JsonNode lost = move(won, "lost");
        assertThat(lost.get("won_at").isNull()).isTrue();
        assertThat(lost.get("lost_at").isTextual()).isTrue();
        JsonNode wonAgain = move(lost, "won");
        assertThat(wonAgain.get("lost_at").isNull()).isTrue();
        assertThat(instant(wonAgain.get("won_at"))).isAfterOrEqualTo(instant(lost.get("lost_at")));
    }

    @Test
    void moving_to_the_current_stage_changes_nothing() {
        JsonNode won = opportunity("won");
        assertThat(move(won, "won")).isEqualTo(won);
        assertThat(tenant.get(won.get("id").asText())).isEqualTo(won);
    }

    @Test
    void an_unknown_status_is_INVALID_STATUS_and_changes_nothing() {
        JsonNode before = opportunity("new");
        String url = PATH + "/" + before.get("id").asText() + "/stage";
        for (String status : java.util.List.of("closed", "WON", "")) {
            Http.Response response = tenant.api().patch(url, Map.of("status", status)).expectStatus(400);
            assertThat(response.errorCode()).as(status).isEqualTo("INVALID_STATUS");
        }
        assertThat(tenant.get(before.get("id").asText())).isEqualTo(before);
    }

    @Test
    void a_missing_status_or_extra_fields_are_VALIDATION_ERROR() {
        JsonNode before = opportunity("new");
        String url = PATH + "/" + before.get("id").asText() + "/stage";
        Http api = tenant.api();
        Http.Response missing = api.patch(url, Map.of()).expectStatus(400);
        assertThat(missing.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(fields(missing)).containsExactly("status");

        Http.Response isNull = api.patch(url, body("status", null)).expectStatus(400);
        assertThat(isNull.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(fields(isNull)).containsExactly("status");

        Http.Response extra = api.patch(url, Map.of("status", "won", "notes", "closing")).expectStatus(400);
        assertThat(extra.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(fields(extra)).containsExactly("notes");

        Http.Response both = api.patch(url, Map.of("status", "closed", "won_at", "2024-01-01")).expectStatus(400);
        assertThat(both.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(fields(both)).containsExactlyInAnyOrder("status", "won_at");
        assertThat(tenant.get(before.get("id").asText())).isEqualTo(before);
    }

    @Test
    void an_unknown_id_is_404_after_the_body_is_validated() {
        Http api = Tenant.of(app).api();
        assertThat(api.patch(PATH + "/opp_zzzzzzzzzzzz/stage", Map.of("status", "won")).expectStatus(404)
                .errorCode()).isEqualTo("NOT_FOUND");
        assertThat(api.patch(PATH + "/opp_zzzzzzzzzzzz/stage", Map.of("status", "closed")).expectStatus(400)
                .errorCode()).isEqualTo("INVALID_STATUS");
    }

    @Test
    void the_stage_endpoint_answers_only_patch() {
        JsonNode o = opportunity("new");
        Http.Response put = tenant.api().put(PATH + "/" + o.get("id").asText() + "/stage", Map.of("status", "won"))
                .expectStatus(405);
        assertThat(put.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(tenant.get(o.get("id").asText())).isEqualTo(o);
    }
}
