package dev.leadstore;

import dev.leadstore.auth.KeyInput;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `leadstore keys create|list|revoke`. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list and revoke API keys.",
        subcommands = {KeyCommands.Create.class, KeyCommands.List.class, KeyCommands.Revoke.class})
final class KeyCommands {
    private KeyCommands() {
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key; the key is printed once.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--account", required = true) String account;
        @Option(names = "--name", required = true) String name;
        @Option(names = "--permissions", defaultValue = "*", split = ",",
                description = "comma-separated, e.g. contacts:read,contacts:write (default *)")
        java.util.List<String> permissions;
        @Option(names = "--rate-limit", description = "requests per hour (default: the account's)") String limit;
        @Option(names = "--expires-at", description = "ISO-8601 date-time or date") String expiresAt;

        @Override
        public Integer call() {
            KeyInput input = KeyInput.parse(new CommandBody().text("name", name).list("permissions", permissions)
                    .number("rate_limit_per_hour", limit).text("expires_at", expiresAt).json(), Instant.now());
            try (Operator operator = Operator.open()) {
                String owner = operator.stores().accounts().require(account).id();
                Main.print(operator.stores().keys().create(owner, input, Instant.now()));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List an account's keys (never their secrets).")
    static final class List implements Callable<Integer> {
        @Option(names = "--account", required = true) String account;

        @Override
        public Integer call() {
            try (Operator operator = Operator.open()) {
                String owner = operator.stores().accounts().require(account).id();
                Main.print(Map.of("api_keys", operator.stores().keys().list(owner)));
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key at once.")
    static final class Revoke implements Callable<Integer> {
        @Parameters(paramLabel = "KEY_ID") String keyId;

        @Override
        public Integer call() {
            try (Operator operator = Operator.open()) {
                if (!operator.stores().keys().revoke(keyId, Instant.now())) {
                    throw dev.leadstore.base.ApiException.notFound("Active API key " + keyId);
                }
                System.out.println("Revoked " + keyId);
            }
            return 0;
        }
    }
}
