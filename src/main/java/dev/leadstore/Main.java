package dev.leadstore;

import dev.leadstore.base.ApiException;
import dev.leadstore.base.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: `serve` (the default) and the operator subcommands. Every subcommand inherits
 * the version, so that the --version each one lists prints it.
 */
@Command(name = "leadstore", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "Leadstore: a self-hosted contacts API server.",
        subcommands = {Serve.class, AccountCommands.class, KeyCommands.class, TeamCommands.Users.class,
                TeamCommands.Campaigns.class, TransferCommands.Import.class, TransferCommands.Export.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(run(args.length == 0 ? new String[] {"serve"} : args));
    }

    /** Runs one command line and returns its exit code: 0 done, 1 refused or failed, 2 misused. */
    static int run(String... args) {
        // Under a locale that is not UTF-8 (POSIX, as in many containers) the JVM has already put
        // U+FFFD for every byte it could not read: a name would be stored garbled.
        if (Arrays.stream(args).anyMatch(arg -> arg.indexOf('\uFFFD') >= 0)) {
            System.err.println("leadstore: an argument holds characters that this locale cannot read;"
                    + " run it under a UTF-8 locale, e.g. LC_ALL=C.UTF-8");
            return 2;
        }
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + explain(e));
            return 1;
        });
        return commandLine.execute(args);
    }

    /** What a person can act on, instead of a stack trace: the same messages and fields the API gives. */
    static String explain(Exception e) {
        if (e instanceof ApiException api) {
            StringBuilder text = new StringBuilder(api.getMessage());
            if (api.details() != null && api.details().get("fields") instanceof Map<?, ?> fields) {
                fields.forEach((field, problem) -> text.append("\n  ").append(field).append(": ").append(problem));
            }
            return text.toString();
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.BindException) {
                return "port " + System.getenv().getOrDefault("LEADSTORE_PORT", "8080").trim() + " is in use by another "
                        + "program; stop it, or set LEADSTORE_PORT to a free port";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // H2's refusal of a file another process holds ("Database may be already in use").
            if (String.valueOf(t.getMessage()).contains("Database may be already in use")) {
                return "the embedded database in LEADSTORE_DATA_DIR is in use by a running server; stop it first, "
                        + "or use the operator API (/admin/v1, enabled by LEADSTORE_ADMIN_TOKEN)";
            }
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** Prints a result as the operator API's `data` would show it: JSON, so UTF-8 whatever the locale. */
    static void print(Object value) {
        System.out.writeBytes((Json.string(value) + "\n").getBytes(StandardCharsets.UTF_8));
        System.out.flush();
    }

    /** The version Maven built, from a resource it writes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"leadstore " + properties.getProperty("version", "(unknown version)")};
        }
    }
}
