package dev.leadstore;

import dev.leadstore.account.Account;
import dev.leadstore.account.ApiKey;
import dev.leadstore.account.KeyInput;
import dev.leadstore.account.Plan;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/** On the first start against an empty database: the `default` account and one full key, printed once. */
final class Bootstrap {
    private Bootstrap() {
    }

    static void firstStart(Leadstore leadstore, Clock clock, PrintStream out) {
        int port = leadstore.port();
        if (!leadstore.accounts().claimBootstrap(clock.instant())) {
            return;
        }
        Account account = leadstore.accounts().create("default", Plan.ENTERPRISE, null, clock.instant());
        ApiKey key = leadstore.keys().create(account.id(),
                new KeyInput("default", List.of("*"), null, null), clock.instant());
        out.println("Created account 'default' (" + account.id() + ") with a full-permission API key.");
        out.println("API key (shown only this once, keep it safe): " + key.key());
        out.println("Try: curl -H \"X-API-Key: " + key.key() + "\" http://localhost:" + port + "/external/v1/contacts");
        out.flush();
    }
}
