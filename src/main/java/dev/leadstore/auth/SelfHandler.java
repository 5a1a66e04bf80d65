package dev.leadstore.auth;

import dev.leadstore.account.Account;
import dev.leadstore.account.AccountStore;
import dev.leadstore.http.Responses;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/** `GET /external/v1/self`: the calling key as its owner may see it, and its account. */
public final class SelfHandler {
    private final AccountStore accounts;

    /** The key, without secret or usage; the account, without its limits. */
    record Self(String id, String name, String prefix, List<String> permissions, int rateLimitPerHour,
                Instant expiresAt, AccountSummary account) {
    }

    record AccountSummary(String id, String name, String plan) {
    }

    public SelfHandler(AccountStore accounts) {
        this.accounts = accounts;
    }

    public void get(Context ctx) {
        ApiKey key = KeyAuth.principal(ctx).key();
        Account account = accounts.require(key.accountId());
        Responses.ok(ctx, new Self(key.id(), key.name(), key.prefix(), key.permissions(), key.rateLimitPerHour(),
                key.expiresAt(), new AccountSummary(account.id(), account.name(), account.plan())));
    }
}
