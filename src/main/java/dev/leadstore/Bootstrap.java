package dev.leadstore;

import dev.leadstore.account.Account;
import dev.leadstore.account.AccountInput;
import dev.leadstore.account.Plan;
import dev.leadstore.auth.ApiKey;
import dev.leadstore.auth.KeyInput;
import dev.leadstore.base.Patch;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * On the first start against an empty database: the `default` account and one full key, printed
 * once; on later starts, how to get a key.
 */
final class Bootstrap {
    private Bootstrap() {
    }

    /**
     * Makes the `default` account and its key on the first start and prints them; on a later start,
     * prints how to get a key, since none can be shown again.
     */
    static void start(Stores stores, int port, boolean embedded, boolean operatorApi, Clock clock, PrintStream out) {
        if (!firstStart(stores, port, clock, out)) {
            howToGetAKey(stores, port, embedded, operatorApi, out);
        }
    }

    private static void howToGetAKey(Stores stores, int port, boolean embedded, boolean operatorApi, PrintStream out) {
        List<Account> accounts = stores.accounts().list();
        String account = accounts.stream().filter(a -> a.name().equals("default")).findFirst()
                .or(() -> accounts.size() == 1 ? Optional.of(accounts.get(0)) : Optional.empty())
                .map(Account::id).orElse("ACCOUNT_ID");
        out.println("API keys are shown only when made (they are stored as hashes). To make one for account "
                + (account.equals("ACCOUNT_ID") ? "ACCOUNT_ID (see ./leadstore accounts list)" : account) + ":");
        out.println("  ./leadstore keys create --account " + account + " --name my-key --permissions '*'"
                + (embedded ? "   (with this server stopped: the embedded database belongs to one process)" : ""));
        if (operatorApi) {
            out.println("  or: curl -X POST http://localhost:" + port + "/admin/v1/accounts/" + account + "/api-keys"
                    + " -H \"Authorization: Bearer $LEADSTORE_ADMIN_TOKEN\" -H \"Content-Type: application/json\""
                    + " -d '{\"name\": \"my-key\", \"permissions\": [\"*\"]}'");
        } else {
            out.println("  or, with LEADSTORE_ADMIN_TOKEN set, while it runs: POST /admin/v1/accounts/" + account
                    + "/api-keys");
        }
        out.flush();
    }

    private static boolean firstStart(Stores stores, int port, Clock clock, PrintStream out) {
        if (!stores.accounts().claimBootstrap(clock.instant())) {
            return false;
        }
        Account account = stores.accounts().create(
                new AccountInput(Patch.of("default"), Patch.of(Plan.ENTERPRISE), Patch.absent()), clock.instant());
        ApiKey key = stores.keys().create(account.id(), new KeyInput("default", List.of("*"), null, null),
                clock.instant());
        out.println("Created account 'default' (" + account.id() + ") with a full-permission API key.");
        out.println("API key (shown only this once, keep it safe): " + key.key());
        out.println("Try: curl -H \"X-API-Key: " + key.key() + "\" http://localhost:" + port + "/external/v1/contacts");
        out.flush();
        return true;
    }
}
