package dev.leadstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.base.Json;
import dev.leadstore.support.Cli;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The command line on a fresh database of one kind, and the operator API of a server of the same
 * kind (on another database) that says what each refusal must say: the API's message after the
 * command's name, then one line per entry of the API's `details.fields`.
 */
final class CommandLineChecks {
    private static final Map<String, CommandLineChecks> BY_KIND = new ConcurrentHashMap<>();
    private static final List<String> TABLES = List.of("accounts", "api_keys", "users", "campaigns");

    private final TestApp api;
    private final TestDatabase database;
    private String account;

    private CommandLineChecks(TestApp api, TestDatabase database) {
        this.api = api;
        this.database = database;
    }

    /** One database per kind serves every command-line test. */
    static CommandLineChecks on(TestApp api) {
        return BY_KIND.computeIfAbsent(api.database().kind(),
                kind -> new CommandLineChecks(api, TestDatabase.of(kind)));
    }

    TestDatabase database() {
        return database;
    }

    Cli.Result run(String... args) {
        return Cli.run(database.environment(), args);
    }

    /** Runs a command under the given locale (LC_ALL), as in a shell or container set up so. */
    Cli.Result runInLocale(String locale, String... args) {
        Map<String, String> environment = new HashMap<>(database.environment());
        environment.put("LC_ALL", locale);
        return Cli.run(environment, args);
    }

    /** Runs a command that must succeed, and returns the JSON it printed. */
    JsonNode printed(String... args) {
        Cli.Result result = run(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return Json.parse(result.out());
    }

    /** An account made on the command line, for the commands that need one. */
    synchronized String account() {
        if (account == null) {
            account = printed("accounts", "create", "--name", "Command line fixture").get("id").asText();
        }
        return account;
    }

    /**
     * Runs a command that must be refused exactly as the operator API refused the equivalent
     * request, and must leave every account, key, user and campaign as it was.
     */
    Cli.Result refused(Http.Response apiAnswer, String... args) {
        assertThat(apiAnswer.status()).as(apiAnswer.body()).isBetween(400, 499);
        account();
        List<String> before = stored();
        Cli.Result result = run(args);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.refusal()).as(result.toString()).containsExactlyElementsOf(refusal(apiAnswer, args));
        assertThat(result.out()).isEmpty();
        assertThat(stored()).isEqualTo(before);
        return result;
    }

    /** Requests as the operator, to the server on the other database. */
    Http operatorApi() {
        return api.admin();
    }

    /** An account on the API's side, for requests that need one. */
    String apiAccount() {
        return api.newAccount("pro");
    }

    /** What the command line must print for the API's answer: "leadstore <command>: message", then the fields. */
    private static List<String> refusal(Http.Response answer, String... args) {
        List<String> lines = new ArrayList<>();
        lines.add("leadstore " + args[0] + " " + args[1] + ": " + answer.json().at("/error/message").asText());
        answer.json().at("/error/details/fields").properties()
                .forEach(field -> lines.add("  " + field.getKey() + ": " + field.getValue().asText()));
        return lines;
    }

    /** Every row of the operator's tables, as text. */
    List<String> stored() {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        StringBuilder row = new StringBuilder(table);
                        for (int column = 1; column <= columns; column++) {
                            row.append(" | ").append(result.getString(column));
                        }
                        rows.add(row.toString());
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
