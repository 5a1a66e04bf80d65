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

/** On the first start against an empty database: the `default` account and one full key, printed once. */
final class Bootstrap {
    private Bootstrap() {
    }

    static void firstStart(Stores stores, int port, Clock clock, PrintStream out) {
        if (!stores.accounts().claimBootstrap(clock.instant())) {
            return;
        }
        Account account = stores.accounts().create(
                new AccountInput(Patch.of("default"), Patch.of(Plan.ENTERPRISE), Patch.absent()), clock.instant());
        ApiKey key = stores.keys().create(account.id(), new KeyInput("default", List.of("*"), null, null),
                clock.instant());
        out.println("Created account 'default' (" + account.id() + ") with a full-permission API key.");
        out.println("API key (shown only this once, keep it safe): " + key.key());
        out.println("Try: curl -H \"X-API-Key: " + key.key() + "\" http://localhost:" + port + "/external/v1/contacts");
        out.flush();
    }
}
