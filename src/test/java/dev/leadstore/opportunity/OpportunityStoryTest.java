package dev.leadstore.opportunity;

import static dev.leadstore.opportunity.Fixtures.PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
class OpportunityStoryTest {
    @Parameter
    TestApp app;

    @Test
    void an_opportunity_is_created_read_updated_moved_deleted_and_then_gone() {
        Tenant tenant = Tenant.of(app);
        Http api = tenant.api();
        JsonNode created = tenant.create(Map.of("name", "Jane Smith", "email", "jane@company.com",
                "company", "Tech Corp", "deal_value", 1500.5, "source", "linkedin"));
        String id = created.get("id").asText();
        assertThat(id).matches("opp_[a-z0-9]{12}");
        assertThat(created.get("status").asText()).isEqualTo("new");
        assertThat(created.get("won_at").isNull()).isTrue();

        assertThat(tenant.get(id)).isEqualTo(created);

        JsonNode updated = api.put(PATH + "/" + id, Map.of("position", "CTO", "notes", "Met at the fair"))
                .expectStatus(200).data();
        assertThat(updated.get("position").asText()).isEqualTo("CTO");
        assertThat(updated.get("notes").asText()).isEqualTo("Met at the fair");
        assertThat(updated.get("company").asText()).isEqualTo("Tech Corp");
        assertThat(tenant.get(id)).isEqualTo(updated);

        JsonNode won = api.patch(PATH + "/" + id + "/stage", Map.of("status", "won")).expectStatus(200).data();
        assertThat(won.get("status").asText()).isEqualTo("won");
        assertThat(won.get("won_at").isTextual()).isTrue();
        assertThat(tenant.get(id)).isEqualTo(won);

        Http.Response deleted = api.delete(PATH + "/" + id).expectStatus(200);
        assertThat(deleted.json().get("success").asBoolean()).isTrue();
        assertThat(deleted.json().get("message").asText()).isEqualTo("Opportunity deleted successfully");
        assertThat(api.get(PATH + "/" + id).expectStatus(404).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(api.delete(PATH + "/" + id).expectStatus(404).errorCode()).isEqualTo("NOT_FOUND");
    }
}
