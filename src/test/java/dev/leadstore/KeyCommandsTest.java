package dev.leadstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Cli;
import dev.leadstore.support.TestApp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** `leadstore keys create|list|revoke`: the operator API's rules and messages, on the command line. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class KeyCommandsTest {
    private static final String CONTACTS = "/external/v1/contacts";

    @Parameter
    TestApp app;

    private CommandLineChecks cli;

    @BeforeEach
    void commandLine() {
        cli = CommandLineChecks.on(app);
    }

    private String apiKeys(String account) {
        return "/admin/v1/accounts/" + account + "/api-keys";
    }

    @Test
    void create_refuses_an_unknown_permission_as_the_api_does() {
        cli.refused(cli.operatorApi().post(apiKeys(cli.apiAccount()),
                        Map.of("name", "zapier", "permissions", List.of("contacts:read", "contacts:fly"))),
                "keys", "create", "--account", cli.account(), "--name", "zapier",
                "--permissions", "contacts:read,contacts:fly");
    }

    @Test
    void create_refuses_an_expiry_that_is_not_a_date_as_the_api_does() {
        cli.refused(cli.operatorApi().post(apiKeys(cli.apiAccount()),
                        Map.of("name", "zapier", "permissions", List.of("*"), "expires_at", "next tuesday")),
                "keys", "create", "--account", cli.account(), "--name", "zapier", "--expires-at", "next tuesday");
    }

    @Test
    void create_refuses_an_unknown_account_as_the_api_does() {
        cli.refused(cli.operatorApi().post(apiKeys("acc_000000000000"),
                        Map.of("name", "zapier", "permissions", List.of("*"))),
                "keys", "create", "--account", "acc_000000000000", "--name", "zapier");
    }

    @Test
    void a_key_made_on_the_command_line_opens_the_api_until_it_is_revoked_on_the_command_line() {
        JsonNode created = cli.printed("keys", "create", "--account", cli.account(), "--name", "zapier",
                "--permissions", "contacts:read,contacts:write", "--rate-limit", "500",
                "--expires-at", "2999-01-01T00:00:00Z");
        assertThat(created.get("key").asText()).startsWith(created.get("prefix").asText()).startsWith("gr_live_");
        assertThat(created.get("permissions")).hasToString("[\"contacts:read\",\"contacts:write\"]");
        assertThat(created.get("rate_limit_per_hour").asInt()).isEqualTo(500);
        assertThat(created.get("expires_at").asText()).isEqualTo("2999-01-01T00:00:00.000Z");
        String key = created.get("key").asText();
        try (TestApp server = TestApp.start(cli.database(), Clock.systemUTC(), null)) {
            server.as(key).get(CONTACTS).expectStatus(200);
            assertThat(server.as(key).delete(CONTACTS + "/cnt_000000000000").errorCode())
                    .isEqualTo("INSUFFICIENT_PERMISSIONS");
        }

        String id = created.get("id").asText();
        Cli.Result revoked = cli.run("keys", "revoke", id);
        assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
        assertThat(revoked.out()).isEqualTo("Revoked " + id + "\n");
        try (TestApp server = TestApp.start(cli.database(), Clock.systemUTC(), null)) {
            assertThat(server.as(key).get(CONTACTS).status()).isEqualTo(401);
        }
    }

    @Test
    void list_shows_every_key_of_the_account_but_never_a_secret() {
        String account = cli.printed("accounts", "create", "--name", "Keys listed").get("id").asText();
        JsonNode first = cli.printed("keys", "create", "--account", account, "--name", "first");
        JsonNode second = cli.printed("keys", "create", "--account", account, "--name", "second",
                "--permissions", "opportunities:*");

        Cli.Result result = cli.run("keys", "list", "--account", account);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).doesNotContain(first.get("key").asText()).doesNotContain(second.get("key").asText());
        JsonNode keys = cli.printed("keys", "list", "--account", account).get("api_keys");
        assertThat(keys).hasSize(2);
        for (JsonNode key : keys) {
            assertThat(key.has("key")).isFalse();
            JsonNode made = key.get("id").equals(first.get("id")) ? first : second;
            assertThat(key.get("prefix")).isEqualTo(made.get("prefix"));
            assertThat(key.get("permissions")).isEqualTo(made.get("permissions"));
        }
    }

    @Test
    void revoke_refuses_an_unknown_key_naming_it_and_revokes_nothing() {
        assertThat(cli.operatorApi().delete("/admin/v1/api-keys/key_000000000000").errorCode())
                .isEqualTo("NOT_FOUND");
        String account = cli.account();
        cli.printed("keys", "create", "--account", account, "--name", "kept");
        List<String> before = cli.stored();

        Cli.Result result = cli.run("keys", "revoke", "key_000000000000");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.refusal()).containsExactly("leadstore keys revoke: Active API key key_000000000000 not found");
        assertThat(cli.stored()).isEqualTo(before);
    }
}
