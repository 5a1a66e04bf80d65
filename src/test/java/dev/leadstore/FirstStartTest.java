package dev.leadstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Cli;
import dev.leadstore.support.Http;
import dev.leadstore.support.ServerProcess;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/api.md §7.3: the first start on an empty database makes the `default` account and prints one key, once. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#databases")
class FirstStartTest {
    private static final Pattern KEY = Pattern.compile("gr_live_[A-Za-z0-9_-]{32,}");
    private static final String CONTACTS = "/external/v1/contacts";

    @Parameter
    String kind;

    private static List<String> printedKeys(ServerProcess server) {
        return server.output().stream()
                .flatMap(line -> KEY.matcher(line).results().map(m -> m.group()))
                .distinct().toList();
    }

    private static Http admin(ServerProcess server) {
        return server.operator().http();
    }

    @Test
    void the_first_start_prints_one_full_key_of_a_new_default_account_and_the_second_prints_none() {
        TestDatabase database = TestDatabase.of(kind);
        String key;
        try (ServerProcess first = ServerProcess.start(database.environment())) {
            List<String> keys = printedKeys(first);
            assertThat(keys).as(String.join("\n", first.output())).hasSize(1);
            key = keys.get(0);

            Http api = first.http().withHeader("X-API-Key", key);
            String id = TestApp.createContact(api, Map.of("name", "First Contact")).get("id").asText();
            assertThat(api.get(CONTACTS + "/" + id).status()).isEqualTo(200);
            assertThat(api.delete(CONTACTS + "/" + id).status()).isEqualTo(200);
            assertThat(api.get(CONTACTS).data().at("/pagination/total").asLong()).isZero();

            JsonNode accounts = admin(first).get("/admin/v1/accounts").expectStatus(200).data().get("accounts");
            assertThat(accounts).hasSize(1);
            assertThat(accounts.get(0).get("name").asText()).isEqualTo("default");
            JsonNode keyList = admin(first).get("/admin/v1/accounts/" + accounts.get(0).get("id").asText()
                    + "/api-keys").data().get("api_keys");
            assertThat(keyList).hasSize(1);
            assertThat(keyList.get(0).get("permissions")).hasToString("[\"*\"]");
            assertThat(key).startsWith(keyList.get(0).get("prefix").asText());
        }

        String hint;
        String defaultAccount;
        try (ServerProcess second = ServerProcess.start(database.environment())) {
            assertThat(printedKeys(second)).as(String.join("\n", second.output())).isEmpty();
            assertThat(second.output()).noneMatch(line -> line.contains("gr_live_"));
            assertThat(second.http().withHeader("X-API-Key", key).get(CONTACTS).status()).isEqualTo(200);
            JsonNode accounts = admin(second).get("/admin/v1/accounts").data().get("accounts");
            assertThat(accounts).hasSize(1);
            defaultAccount = accounts.get(0).get("id").asText();
            hint = second.output().stream().filter(line -> line.strip().startsWith("./leadstore keys create"))
                    .findFirst().orElseThrow(() -> new AssertionError("no hint on how to get a key in:\n"
                            + String.join("\n", second.output())));
        }
        // The hint is a command that works as printed, for the default account.
        Matcher command = Pattern.compile("\\./leadstore (keys create --account (\\S+) --name (\\S+) --permissions '\\*')")
                .matcher(hint);
        assertThat(command.find()).as(hint).isTrue();
        assertThat(command.group(2)).isEqualTo(defaultAccount);
        Cli.Result made = Cli.run(database.environment(), "keys", "create", "--account", command.group(2),
                "--name", command.group(3), "--permissions", "*");
        assertThat(made.exitCode()).as(made.toString()).isZero();
        List<String> newKeys = KEY.matcher(made.out()).results().map(java.util.regex.MatchResult::group).toList();
        assertThat(newKeys).hasSize(1);
        try (ServerProcess third = ServerProcess.start(database.environment())) {
            assertThat(third.http().withHeader("X-API-Key", newKeys.get(0)).get(CONTACTS).status()).isEqualTo(200);
        }
    }

    @Test
    void a_database_that_already_has_an_account_gets_no_default_account_and_no_key() {
        TestDatabase database = TestDatabase.of(kind);
        try (TestApp prepared = TestApp.start(database, Clock.systemUTC(), null)) {
            prepared.admin().post("/admin/v1/accounts", Map.of("name", "made by the operator")).expectStatus(201);
        }
        try (ServerProcess server = ServerProcess.start(database.environment())) {
            assertThat(printedKeys(server)).as(String.join("\n", server.output())).isEmpty();
            JsonNode accounts = admin(server).get("/admin/v1/accounts").expectStatus(200).data().get("accounts");
            assertThat(accounts).hasSize(1);
            assertThat(accounts.get(0).get("name").asText()).isEqualTo("made by the operator");
        }
    }

    @Test
    void the_listening_line_names_the_port_that_answers() {
        try (ServerProcess server = ServerProcess.start(TestDatabase.of(kind).environment())) {
            String last = server.output().get(server.output().size() - 1);
            Matcher port = Pattern.compile("listening on port (\\d+)").matcher(last);
            assertThat(port.find()).isTrue();
            assertThat(Integer.parseInt(port.group(1))).isEqualTo(server.port()).isPositive();
            assertThat(server.http().get("/health").json().toString()).isEqualTo("{\"status\":\"ok\"}");
        }
    }
}
