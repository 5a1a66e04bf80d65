package dev.leadstore.auth;

import dev.leadstore.account.AccountStore;
import dev.leadstore.base.ApiException;
import dev.leadstore.http.Bodies;
import dev.leadstore.http.Responses;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;

/** The operator routes of API keys: create (the secret is shown once), list, revoke. */
public final class KeyHandlers {
    private final AccountStore accounts;
    private final KeyStore keys;
    private final Clock clock;

    public KeyHandlers(AccountStore accounts, KeyStore keys, Clock clock) {
        this.accounts = accounts;
        this.keys = keys;
        this.clock = clock;
    }

    public void createKey(Context ctx) {
        KeyInput input = KeyInput.parse(Bodies.object(ctx), clock.instant());
        String accountId = accounts.require(ctx.pathParam("id")).id();
        Responses.created(ctx, keys.create(accountId, input, clock.instant()));
    }

    public void listKeys(Context ctx) {
        Responses.ok(ctx, Map.of("api_keys", keys.list(accounts.require(ctx.pathParam("id")).id())));
    }

    public void revokeKey(Context ctx) {
        if (!keys.revoke(ctx.pathParam("id"), clock.instant())) {
            throw ApiException.notFound("API key");
        }
        Responses.message(ctx, "API key revoked");
    }
}
