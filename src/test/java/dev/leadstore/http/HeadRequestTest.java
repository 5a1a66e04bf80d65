package dev.leadstore.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/api.md §1: HEAD on a GET route answers as GET would, without a body; never a 500. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class HeadRequestTest {
    @Parameter
    TestApp app;

    @Test
    void head_answers_every_api_read_route_as_get_without_a_body() {
        Http api = app.newTenant();
        String contact = TestApp.createContact(api, Map.of("name", "Head")).get("id").asText();
        String opportunity = api.post("/external/v1/opportunities", Map.of("name", "Deal")).expectStatus(201).data()
                .get("id").asText();
        for (String path : List.of("/external/v1/contacts", "/external/v1/contacts/" + contact,
                "/external/v1/opportunities", "/external/v1/opportunities/" + opportunity, "/health")) {
            Http.Response get = api.get(path);
            Http.Response head = api.send("HEAD", path, null, null);
            assertThat(head.status()).as(path).isEqualTo(get.status()).isEqualTo(200);
            assertThat(head.body()).as(path).isEmpty();
            assertThat(head.header("Content-Type")).as(path).contains("application/json");
        }
        assertThat(api.send("HEAD", "/external/v1/contacts/cnt_000000000000", null, null).status()).isEqualTo(404);
    }

    @Test
    void head_without_a_key_or_permission_is_refused_as_get_is() {
        for (String path : List.of("/external/v1/contacts", "/external/v1/contacts/cnt_000000000000",
                "/external/v1/opportunities", "/external/v1/opportunities/opp_000000000000")) {
            assertThat(app.http().send("HEAD", path, null, null).status()).as(path).isEqualTo(401);
        }
        Http writer = app.as(app.newKey(app.newAccount("pro"), "contacts:write"));
        assertThat(writer.send("HEAD", "/external/v1/contacts", null, null).status()).isEqualTo(403);
    }

    @Test
    void head_on_operator_routes_answers_as_get() {
        assertThat(app.admin().send("HEAD", "/admin/v1/accounts", null, null).status()).isEqualTo(200);
        assertThat(app.http().send("HEAD", "/admin/v1/accounts", null, null).status()).isEqualTo(401);
    }
}
