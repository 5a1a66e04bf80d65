package dev.leadstore;

import dev.leadstore.account.AccountInput;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `leadstore accounts create|list|update`. */
@Command(name = "accounts", mixinStandardHelpOptions = true, description = "Create, list and update accounts.",
        subcommands = {AccountCommands.Create.class, AccountCommands.List.class, AccountCommands.Update.class})
final class AccountCommands {
    private AccountCommands() {
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an account.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--name", required = true) String name;
        @Option(names = "--plan", description = "free, pro, business or enterprise (default pro)") String plan;
        @Option(names = "--rate-limit", description = "requests per hour for the account's keys") String limit;

        @Override
        public Integer call() {
            AccountInput input = AccountInput.parse(new CommandBody().text("name", name).text("plan", plan)
                    .number("rate_limit_per_hour", limit).json(), true);
            try (Operator operator = Operator.open()) {
                Main.print(operator.stores().accounts().create(input, Instant.now()));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts.")
    static final class List implements Callable<Integer> {
        @Override
        public Integer call() {
            try (Operator operator = Operator.open()) {
                Main.print(Map.of("accounts", operator.stores().accounts().list()));
            }
            return 0;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Change an account's name, plan or hourly limit; only the options given change.")
    static final class Update implements Callable<Integer> {
        @Parameters(paramLabel = "ACCOUNT_ID") String account;
        @Option(names = "--name") String name;
        @Option(names = "--plan", description = "free, pro, business or enterprise") String plan;
        @Option(names = "--rate-limit", description = "requests per hour, or 'default' for the plan's") String limit;

        @Override
        public Integer call() {
            CommandBody body = new CommandBody().text("name", name).text("plan", plan);
            if ("default".equals(limit)) {
                body.json().putNull("rate_limit_per_hour");
            } else {
                body.number("rate_limit_per_hour", limit);
            }
            AccountInput input = AccountInput.parse(body.json(), false);
            try (Operator operator = Operator.open()) {
                Main.print(operator.stores().accounts().update(account, input)
                        .orElseThrow(() -> dev.leadstore.base.ApiException.notFound("Account")));
            }
            return 0;
        }
    }
}
