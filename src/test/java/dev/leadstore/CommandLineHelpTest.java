package dev.leadstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.Cli;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command and subcommand explains itself and tells the version, touching no database. */
class CommandLineHelpTest {
    static List<String> commands() {
        return List.of("", "serve", "accounts", "accounts create", "accounts list", "accounts update", "keys",
                "keys create", "keys list", "keys revoke", "users", "users create", "users list", "campaigns",
                "campaigns create", "campaigns list", "import", "import contacts", "export", "export contacts");
    }

    private static Cli.Result run(String command, String flag) {
        List<String> args = new java.util.ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add(flag);
        // No database is configured: a command that opened one would make ./data here.
        return Cli.run(Map.of("LEADSTORE_DATA_DIR", "/nonexistent/leadstore-help"), args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "leadstore {0} --help")
    @MethodSource("commands")
    void help_prints_the_usage_of_the_command_and_exits_0(String command) {
        Cli.Result result = run(command, "--help");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).as(result.toString())
                .startsWith("Usage: leadstore" + (command.isEmpty() ? "" : " " + command) + " [-hV]")
                .contains("-h, --help").contains("-V, --version");
        assertThat(result.err()).isEmpty();
    }

    @ParameterizedTest(name = "leadstore {0} --version")
    @MethodSource("commands")
    void version_prints_the_version_maven_built_and_exits_0(String command) throws IOException {
        Properties built = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            built.load(in);
        }
        assertThat(built.getProperty("version")).matches("\\d+\\.\\d+\\.\\d+.*");
        Cli.Result result = run(command, "--version");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("leadstore " + built.getProperty("version") + "\n");
        assertThat(result.err()).isEmpty();
    }
}
