package dev.leadstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.base.Json;
import dev.leadstore.support.Cli;
import dev.leadstore.support.TestApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** `leadstore accounts create|update|list`: the operator API's rules and messages, on the command line. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class AccountCommandsTest {
    private static final String ACCOUNTS = "/admin/v1/accounts";

    @Parameter
    TestApp app;

    private CommandLineChecks cli;

    @BeforeEach
    void commandLine() {
        cli = CommandLineChecks.on(app);
    }

    @Test
    void create_refuses_a_blank_name_an_unknown_plan_and_a_zero_limit_naming_each_field_as_the_api_does() {
        cli.refused(cli.operatorApi().post(ACCOUNTS, Map.of("name", "   ", "plan", "gold", "rate_limit_per_hour", 0)),
                "accounts", "create", "--name", "   ", "--plan", "gold", "--rate-limit", "0");
    }

    @Test
    void create_refuses_a_limit_that_is_not_a_number_as_the_api_refuses_it_as_text() {
        cli.refused(cli.operatorApi().post(ACCOUNTS, Map.of("name", "Acme", "rate_limit_per_hour", "abc")),
                "accounts", "create", "--name", "Acme", "--rate-limit", "abc");
    }

    @Test
    void create_prints_the_new_account_with_its_plan_and_the_plan_s_limit() {
        JsonNode account = cli.printed("accounts", "create", "--name", "Acme", "--plan", "business");
        assertThat(account.get("id").asText()).matches("acc_[a-z0-9]{12}");
        assertThat(account.get("name").asText()).isEqualTo("Acme");
        assertThat(account.get("plan").asText()).isEqualTo("business");
        assertThat(account.get("rate_limit_per_hour").asInt()).isEqualTo(5000);
    }

    @Test
    void update_refuses_an_unknown_account_as_the_api_does() {
        cli.refused(cli.operatorApi().put(ACCOUNTS + "/acc_000000000000", Map.of("plan", "pro")),
                "accounts", "update", "acc_000000000000", "--plan", "pro");
    }

    @Test
    void update_refuses_an_unknown_plan_and_changes_nothing() {
        cli.refused(cli.operatorApi().put(ACCOUNTS + "/" + cli.apiAccount(), Map.of("plan", "gold")),
                "accounts", "update", cli.account(), "--plan", "gold");
    }

    @Test
    void update_changes_only_the_options_given_and_default_returns_the_limit_to_the_plan_s() {
        String id = cli.printed("accounts", "create", "--name", "Before", "--plan", "free").get("id").asText();

        JsonNode limited = cli.printed("accounts", "update", id, "--plan", "pro", "--rate-limit", "250");
        assertThat(limited.get("name").asText()).isEqualTo("Before");
        assertThat(limited.get("plan").asText()).isEqualTo("pro");
        assertThat(limited.get("rate_limit_per_hour").asInt()).isEqualTo(250);

        JsonNode back = cli.printed("accounts", "update", id, "--rate-limit", "default");
        assertThat(back.get("plan").asText()).isEqualTo("pro");
        assertThat(back.get("rate_limit_per_hour").asInt()).isEqualTo(1000);
    }

    @Test
    void list_prints_every_account() {
        String fixture = cli.account();
        JsonNode listed = cli.printed("accounts", "create", "--name", "Listed", "--plan", "enterprise");
        JsonNode accounts = cli.printed("accounts", "list").get("accounts");
        assertThat(accounts).contains(listed);
        assertThat(accounts).anySatisfy(account -> assertThat(account.get("id").asText()).isEqualTo(fixture));
    }

    @Test
    void a_missing_required_option_is_a_usage_error_with_exit_code_2_and_stores_nothing() {
        cli.account();
        List<String> before = cli.stored();
        Cli.Result result = cli.run("accounts", "create", "--plan", "pro");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required option: '--name=<name>'");
        assertThat(cli.stored()).isEqualTo(before);
    }

    @Test
    void a_name_the_locale_cannot_read_is_refused_rather_than_stored_garbled() {
        cli.account();
        List<String> before = cli.stored();
        Cli.Result result = cli.runInLocale("C", "accounts", "create", "--name", "São Paulo");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("LC_ALL=C.UTF-8");
        assertThat(cli.stored()).isEqualTo(before);
    }

    @Test
    void names_are_printed_as_utf_8_json_whatever_the_locale() {
        String id = cli.printed("accounts", "create", "--name", "São Paulo").get("id").asText();
        Cli.Result listed = cli.runInLocale("C", "accounts", "list");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(Json.parse(listed.out()).get("accounts")).anySatisfy(account -> {
            assertThat(account.get("id").asText()).isEqualTo(id);
            assertThat(account.get("name").asText()).isEqualTo("São Paulo");
        });
    }
}
