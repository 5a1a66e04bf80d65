package dev.leadstore;

import dev.leadstore.account.TeamInput;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `leadstore users create|list` and `leadstore campaigns create|list`: what opportunities refer to. */
final class TeamCommands {
    private TeamCommands() {
    }

    @Command(name = "users", mixinStandardHelpOptions = true, description = "Create and list an account's users.",
            subcommands = {UserCreate.class, UserList.class})
    static final class Users {
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a user who can be responsible for opportunities.")
    static final class UserCreate implements Callable<Integer> {
        @Option(names = "--account", required = true) String account;
        @Option(names = "--name", required = true) String name;
        @Option(names = "--email", required = true) String email;

        @Override
        public Integer call() {
            TeamInput input = TeamInput.user(new CommandBody().text("name", name).text("email", email).json());
            try (Operator operator = Operator.open()) {
                String owner = operator.stores().accounts().require(account).id();
                Main.print(operator.stores().team().createUser(owner, input, Instant.now()));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List an account's users.")
    static final class UserList implements Callable<Integer> {
        @Option(names = "--account", required = true) String account;

        @Override
        public Integer call() {
            try (Operator operator = Operator.open()) {
                String owner = operator.stores().accounts().require(account).id();
                Main.print(Map.of("users", operator.stores().team().users(owner)));
            }
            return 0;
        }
    }

    @Command(name = "campaigns", mixinStandardHelpOptions = true,
            description = "Create and list an account's campaigns.",
            subcommands = {CampaignCreate.class, CampaignList.class})
    static final class Campaigns {
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a campaign.")
    static final class CampaignCreate implements Callable<Integer> {
        @Option(names = "--account", required = true) String account;
        @Option(names = "--name", required = true) String name;

        @Override
        public Integer call() {
            TeamInput input = TeamInput.campaign(new CommandBody().text("name", name).json());
            try (Operator operator = Operator.open()) {
                String owner = operator.stores().accounts().require(account).id();
                Main.print(operator.stores().team().createCampaign(owner, input, Instant.now()));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List an account's campaigns.")
    static final class CampaignList implements Callable<Integer> {
        @Option(names = "--account", required = true) String account;

        @Override
        public Integer call() {
            try (Operator operator = Operator.open()) {
                String owner = operator.stores().accounts().require(account).id();
                Main.print(Map.of("campaigns", operator.stores().team().campaigns(owner)));
            }
            return 0;
        }
    }
}
