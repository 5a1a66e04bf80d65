package dev.leadstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Cli;
import dev.leadstore.support.TestApp;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** `leadstore users create|list` and `leadstore campaigns create|list`, refused and done as the API does. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class TeamCommandsTest {
    @Parameter
    TestApp app;

    private CommandLineChecks cli;

    @BeforeEach
    void commandLine() {
        cli = CommandLineChecks.on(app);
    }

    @Test
    void users_create_refuses_an_empty_name_and_a_bad_email_together_naming_both_fields() {
        Cli.Result result = cli.refused(cli.operatorApi().post("/admin/v1/accounts/" + cli.apiAccount() + "/users",
                        Map.of("name", "", "email", "not-an-email")),
                "users", "create", "--account", cli.account(), "--name", "", "--email", "not-an-email");
        assertThat(result.refusal()).hasSize(3)
                .anySatisfy(line -> assertThat(line).startsWith("  name: "))
                .anySatisfy(line -> assertThat(line).startsWith("  email: "));
    }

    @Test
    void users_create_and_list_show_the_user_as_the_api_would() {
        String account = cli.printed("accounts", "create", "--name", "Team").get("id").asText();
        JsonNode user = cli.printed("users", "create", "--account", account, "--name", "Ana", "--email", "ana@acme.com");
        assertThat(user.get("id").asText()).startsWith("usr_");
        assertThat(user.get("name").asText()).isEqualTo("Ana");
        assertThat(user.get("email").asText()).isEqualTo("ana@acme.com");
        assertThat(cli.printed("users", "list", "--account", account).get("users")).containsExactly(user);
    }

    @Test
    void campaigns_create_refuses_a_name_with_a_control_character_as_the_api_does() {
        cli.refused(cli.operatorApi().post("/admin/v1/accounts/" + cli.apiAccount() + "/campaigns",
                        Map.of("name", "Q4\u0001Outbound")),
                "campaigns", "create", "--account", cli.account(), "--name", "Q4\u0001Outbound");
    }

    @Test
    void campaigns_create_and_list_show_the_campaign_as_the_api_would() {
        String account = cli.printed("accounts", "create", "--name", "Campaigns").get("id").asText();
        JsonNode campaign = cli.printed("campaigns", "create", "--account", account, "--name", "Q4 Outbound");
        assertThat(campaign.get("id").asText()).startsWith("camp_");
        assertThat(campaign.get("name").asText()).isEqualTo("Q4 Outbound");
        assertThat(cli.printed("campaigns", "list", "--account", account).get("campaigns")).containsExactly(campaign);
    }
}
