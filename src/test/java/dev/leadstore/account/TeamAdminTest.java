package dev.leadstore.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class TeamAdminTest {
    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    private static final String UNKNOWN_ACCOUNT = "acc_zzzzzzzzzzzz";

    @Parameter
    TestApp app;

    private String users(String account) {
        return "/admin/v1/accounts/" + account + "/users";
    }

    private String campaigns(String account) {
        return "/admin/v1/accounts/" + account + "/campaigns";
    }

    @Test
    void creates_a_user_and_lists_it_under_data_users() {
        String account = app.newAccount("pro");
        JsonNode user = app.admin().post(users(account), Map.of("name", "Ana Lima", "email", "ana@team.example"))
                .expectStatus(201).data();
        assertThat(user.properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("id", "name", "email", "created_at");
        assertThat(user.get("id").asText()).matches("usr_[a-z0-9]{12}");
        assertThat(user.get("name").asText()).isEqualTo("Ana Lima");
        assertThat(user.get("email").asText()).isEqualTo("ana@team.example");
        assertThat(user.get("created_at").asText()).matches(TIMESTAMP);
        JsonNode second = app.admin().post(users(account), Map.of("name", "Rui", "email", "rui@team.example"))
                .expectStatus(201).data();

        JsonNode list = app.admin().get(users(account)).expectStatus(200).json();
        assertThat(list.get("success").asBoolean()).isTrue();
        assertThat(list.at("/data/users")).containsExactlyInAnyOrder(user, second);
    }

    @Test
    void creates_a_campaign_and_lists_it_under_data_campaigns() {
        String account = app.newAccount("pro");
        JsonNode campaign = app.admin().post(campaigns(account), Map.of("name", "Spring Push")).expectStatus(201).data();
        assertThat(campaign.properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("id", "name", "created_at");
        assertThat(campaign.get("id").asText()).matches("camp_[a-z0-9]{12}");
        assertThat(campaign.get("name").asText()).isEqualTo("Spring Push");
        assertThat(campaign.get("created_at").asText()).matches(TIMESTAMP);

        JsonNode list = app.admin().get(campaigns(account)).expectStatus(200).data();
        assertThat(list.get("campaigns")).containsExactly(campaign);
    }

    @Test
    void each_account_lists_only_its_own_users_and_campaigns() {
        String mine = app.newAccount("pro");
        String theirs = app.newAccount("pro");
        app.admin().post(users(theirs), Map.of("name", "Other", "email", "other@team.example")).expectStatus(201);
        app.admin().post(campaigns(theirs), Map.of("name", "Other")).expectStatus(201);
        assertThat(app.admin().get(users(mine)).expectStatus(200).data().get("users")).isEmpty();
        assertThat(app.admin().get(campaigns(mine)).expectStatus(200).data().get("campaigns")).isEmpty();
    }

    @Test
    void invalid_user_bodies_are_400_naming_the_field_and_create_nothing() {
        String account = app.newAccount("pro");
        Map<String, String> nullName = new HashMap<>(Map.of("email", "a@team.example"));
        nullName.put("name", null);
        List<Map.Entry<Object, String>> cases = List.of(
                Map.entry(Map.of("email", "a@team.example"), "name"),
                Map.entry(Map.of("name", "Ana"), "email"),
                Map.entry(nullName, "name"),
                Map.entry(Map.of("name", "  ", "email", "a@team.example"), "name"),
                Map.entry(Map.of("name", 7, "email", "a@team.example"), "name"),
                Map.entry(Map.of("name", "Ana", "email", "a@team.example", "role", "admin"), "role"),
                Map.entry(Map.of("name", "Ana", "email", "a@team.example", "id", "usr_aaaaaaaaaaaa"), "id"));
        for (var c : cases) {
            Http.Response response = app.admin().post(users(account), c.getKey()).expectStatus(400);
            assertThat(response.errorCode()).as(c.getValue()).isEqualTo("VALIDATION_ERROR");
            assertThat(response.json().at("/error/details/fields").has(c.getValue())).as(c.getValue()).isTrue();
        }
        // The contract does not say which code a bad address gets here; it must name the field.
        Http.Response badEmail = app.admin().post(users(account), Map.of("name", "Ana", "email", "nope"))
                .expectStatus(400);
        assertThat(badEmail.errorCode()).isIn("VALIDATION_ERROR", "INVALID_EMAIL");
        assertThat(badEmail.json().at("/error/details/fields").has("email")).isTrue();
        assertThat(app.admin().get(users(account)).expectStatus(200).data().get("users")).isEmpty();
    }

    @Test
    void invalid_campaign_bodies_are_400_naming_the_field_and_create_nothing() {
        String account = app.newAccount("pro");
        List<Map.Entry<Object, String>> cases = List.of(
                Map.entry(Map.of(), "name"),
                Map.entry(Map.of("name", ""), "name"),
                Map.entry(Map.of("name", List.of("x")), "name"),
                Map.entry(Map.of("name", "x".repeat(256)), "name"),
                Map.entry(Map.of("name", "Fair", "email", "a@team.example"), "email"),
                Map.entry(Map.of("name", "Fair", "created_at", "2024-01-01T00:00:00Z"), "created_at"));
        for (var c : cases) {
            Http.Response response = app.admin().post(campaigns(account), c.getKey()).expectStatus(400);
            assertThat(response.errorCode()).as(c.getValue()).isEqualTo("VALIDATION_ERROR");
            assertThat(response.json().at("/error/details/fields").has(c.getValue())).as(c.getValue()).isTrue();
        }
        Http.Response notJson = app.admin().send("POST", campaigns(account), "application/json", "{\"name\":");
        assertThat(notJson.expectStatus(400).errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(app.admin().get(campaigns(account)).expectStatus(200).data().get("campaigns")).isEmpty();
    }

    @Test
    void an_unknown_account_is_404() {
        assertNotFound(app.admin().post(users(UNKNOWN_ACCOUNT), Map.of("name", "Ana", "email", "ana@team.example")));
        assertNotFound(app.admin().get(users(UNKNOWN_ACCOUNT)));
        assertNotFound(app.admin().post(campaigns(UNKNOWN_ACCOUNT), Map.of("name", "Fair")));
        assertNotFound(app.admin().get(campaigns(UNKNOWN_ACCOUNT)));
    }

    @Test
    void without_the_operator_token_every_route_is_401() {
        String account = app.newAccount("pro");
        String apiKey = app.newKey(account, "*");
        List<Http> outsiders = List.of(app.http(),
                app.http().withHeader("Authorization", "Bearer wrong-token"),
                app.http().withHeader("Authorization", "Bearer " + apiKey),
                app.as(apiKey));
        for (Http outsider : outsiders) {
            for (Http.Response response : List.of(
                    outsider.post(users(account), Map.of("name", "Ana", "email", "ana@team.example")),
                    outsider.get(users(account)),
                    outsider.post(campaigns(account), Map.of("name", "Fair")),
                    outsider.get(campaigns(account)))) {
                assertThat(response.expectStatus(401).errorCode()).isEqualTo("UNAUTHORIZED");
            }
        }
        assertThat(app.admin().get(users(account)).expectStatus(200).data().get("users")).isEmpty();
        assertThat(app.admin().get(campaigns(account)).expectStatus(200).data().get("campaigns")).isEmpty();
    }

    private static void assertNotFound(Http.Response response) {
        assertThat(response.expectStatus(404).errorCode()).isEqualTo("NOT_FOUND");
    }
}
