package dev.leadstore;

import dev.leadstore.account.Account;
import dev.leadstore.account.ApiKey;
import dev.leadstore.account.KeyInput;
import dev.leadstore.account.Plan;
import dev.leadstore.http.Json;
import dev.leadstore.validation.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command line: `serve` (the default) and the operator subcommands. */
@Command(name = "leadstore", mixinStandardHelpOptions = true,
        description = "Leadstore: a self-hosted contacts API server.",
        subcommands = {Main.Serve.class, Main.Accounts.class, Main.Keys.class, Main.Users.class, Main.Campaigns.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        String[] effective = args.length == 0 ? new String[] {"serve"} : args;
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("leadstore: " + explain(e));
            return 1;
        });
        System.exit(commandLine.execute(effective));
    }

    /** One line a person can act on, instead of a stack trace. */
    static String explain(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("already in use")) {
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

    static Leadstore open() {
        return Leadstore.create(Config.fromEnvironment());
    }

    static void print(Object value) {
        System.out.println(Json.string(value));
    }

    @Command(name = "serve", description = "Start the API server.")
    static final class Serve implements Callable<Integer> {
        @Override
        public Integer call() throws InterruptedException {
            Config config = Config.fromEnvironment();
            Leadstore leadstore = Leadstore.create(config);
            leadstore.start();
            Runtime.getRuntime().addShutdownHook(new Thread(leadstore::close, "leadstore-shutdown"));
            Bootstrap.firstStart(leadstore, Clock.systemUTC(), System.out);
            // The listening line comes last: whoever waits for it has everything startup prints.
            System.out.println("Leadstore listening on port " + leadstore.port() + " ("
                    + (config.embedded() ? "embedded H2 in " + config.dataDir().toAbsolutePath().normalize() : "PostgreSQL")
                    + (config.redisUrl() == null ? "" : ", shared rate limits in Redis") + ")");
            System.out.flush();
            new CountDownLatch(1).await();
            return 0;
        }
    }

    @Command(name = "accounts", description = "Create and list accounts.",
            subcommands = {AccountCreate.class, AccountList.class})
    static final class Accounts {
    }

    @Command(name = "create", description = "Create an account.")
    static final class AccountCreate implements Callable<Integer> {
        @Option(names = "--name", required = true) String name;
        @Option(names = "--plan", defaultValue = "pro", description = "free, pro, business or enterprise") String plan;
        @Option(names = "--rate-limit", description = "requests per hour for the account's keys") Integer limit;

        @Override
        public Integer call() {
            Plan parsed = Plan.from(plan).orElseThrow(() -> new CommandLine.ParameterException(
                    new CommandLine(this), "--plan must be free, pro, business or enterprise"));
            try (Leadstore leadstore = open()) {
                print(leadstore.accounts().create(name, parsed, limit, Instant.now()));
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List accounts.")
    static final class AccountList implements Callable<Integer> {
        @Override
        public Integer call() {
            try (Leadstore leadstore = open()) {
                print(Map.of("accounts", leadstore.accounts().list()));
            }
            return 0;
        }
    }

    @Command(name = "keys", description = "Create, list and revoke API keys.",
            subcommands = {KeyCreate.class, KeyList.class, KeyRevoke.class})
    static final class Keys {
    }

    @Command(name = "create", description = "Create an API key; the key is printed once.")
    static final class KeyCreate implements Callable<Integer> {
        @Option(names = "--account", required = true) String account;
        @Option(names = "--name", required = true) String name;
        @Option(names = "--permissions", defaultValue = "*", split = ",",
                description = "comma-separated, e.g. contacts:read,contacts:write (default *)") List<String> permissions;
        @Option(names = "--rate-limit") Integer limit;
        @Option(names = "--expires-at", description = "ISO-8601 date-time or date") String expiresAt;

        @Override
        public Integer call() {
            Instant expires = expiresAt == null ? null : Timestamps.parse(expiresAt);
            if (expiresAt != null && expires == null) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--expires-at must be ISO-8601");
            }
            if (!permissions.stream().allMatch(dev.leadstore.auth.Permission::isGrant)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "unknown permission in "
                        + permissions);
            }
            try (Leadstore leadstore = open()) {
                Account owner = owner(leadstore, account, this);
                ApiKey key = leadstore.keys().create(owner.id(), new KeyInput(name, permissions, limit, expires),
                        Instant.now());
                print(key);
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List an account's keys (never their secrets).")
    static final class KeyList implements Callable<Integer> {
        @Option(names = "--account", required = true) String account;

        @Override
        public Integer call() {
            try (Leadstore leadstore = open()) {
                print(Map.of("api_keys", leadstore.keys().list(owner(leadstore, account, this).id())));
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a key at once.")
    static final class KeyRevoke implements Callable<Integer> {
        @Parameters(paramLabel = "KEY_ID") String keyId;

        @Override
        public Integer call() {
            try (Leadstore leadstore = open()) {
                if (!leadstore.keys().revoke(keyId, Instant.now())) {
                    System.err.println("No active key " + keyId);
                    return 1;
                }
                System.out.println("Revoked " + keyId);
            }
            return 0;
        }
    }


    @Command(name = "users", description = "Create and list an account's users.",
            subcommands = {UserCreate.class, UserList.class})
    static final class Users {
    }

    @Command(name = "create", description = "Create a user who can be responsible for opportunities.")
    static final class UserCreate implements Callable<Integer> {
        @Option(names = "--account", required = true) String account;
        @Option(names = "--name", required = true) String name;
        @Option(names = "--email", required = true) String email;

        @Override
        public Integer call() {
            try (Leadstore leadstore = open()) {
                Account owner = owner(leadstore, account, this);
                print(leadstore.team().createUser(owner.id(), name, email, Instant.now()));
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List an account's users.")
    static final class UserList implements Callable<Integer> {
        @Option(names = "--account", required = true) String account;

        @Override
        public Integer call() {
            try (Leadstore leadstore = open()) {
                print(Map.of("users", leadstore.team().users(owner(leadstore, account, this).id())));
            }
            return 0;
        }
    }

    @Command(name = "campaigns", description = "Create and list an account's campaigns.",
            subcommands = {CampaignCreate.class, CampaignList.class})
    static final class Campaigns {
    }

    @Command(name = "create", description = "Create a campaign.")
    static final class CampaignCreate implements Callable<Integer> {
        @Option(names = "--account", required = true) String account;
        @Option(names = "--name", required = true) String name;

        @Override
        public Integer call() {
            try (Leadstore leadstore = open()) {
                print(leadstore.team().createCampaign(owner(leadstore, account, this).id(), name, Instant.now()));
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List an account's campaigns.")
    static final class CampaignList implements Callable<Integer> {
        @Option(names = "--account", required = true) String account;

        @Override
        public Integer call() {
            try (Leadstore leadstore = open()) {
                print(Map.of("campaigns", leadstore.team().campaigns(owner(leadstore, account, this).id())));
            }
            return 0;
        }
    }

    static Account owner(Leadstore leadstore, String accountId, Object command) {
        return leadstore.accounts().find(accountId).orElseThrow(() ->
                new CommandLine.ParameterException(new CommandLine(command), "no account " + accountId));
    }
}
