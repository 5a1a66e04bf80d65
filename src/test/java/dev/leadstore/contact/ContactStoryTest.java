package dev.leadstore.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
class ContactStoryTest {
    @Parameter
    TestApp app;

    @Test
    void a_contact_is_created_read_updated_deleted_and_then_gone() {
        Http api = app.newTenant();
        JsonNode created = TestApp.createContact(api, Map.of(
                "name", "Jane Smith", "email", "jane@company.com", "phone", "+5511988888888",
                "company", "Tech Corp", "position", "CTO", "tags", List.of("hot-lead", "tech")));
        String id = created.get("id").asText();
        assertThat(id).matches("cnt_[a-z0-9]{12}");
        assertThat(created.get("source").asText()).isEqualTo("other");

        assertThat(api.get("/external/v1/contacts/" + id).expectStatus(200).data()).isEqualTo(created);

        JsonNode updated = api.put("/external/v1/contacts/" + id,
                Map.of("position", "VP of Engineering", "tags", List.of("hot-lead", "enterprise")))
                .expectStatus(200).data();
        assertThat(updated.get("position").asText()).isEqualTo("VP of Engineering");
        assertThat(updated.get("tags")).hasToString("[\"hot-lead\",\"enterprise\"]");
        assertThat(api.get("/external/v1/contacts/" + id).data()).isEqualTo(updated);

        Http.Response deleted = api.delete("/external/v1/contacts/" + id).expectStatus(200);
        assertThat(deleted.json().get("message").asText()).isEqualTo("Contact deleted successfully");
        assertThat(api.get("/external/v1/contacts/" + id).expectStatus(404).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(api.delete("/external/v1/contacts/" + id).status()).isEqualTo(404);
    }
}
