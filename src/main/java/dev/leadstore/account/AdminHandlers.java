package dev.leadstore.account;

import dev.leadstore.auth.ApiKeys;
import dev.leadstore.auth.FailedAttempts;
import dev.leadstore.http.ApiException;
import dev.leadstore.http.Bodies;
import dev.leadstore.http.ErrorCode;
import dev.leadstore.http.Responses;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;

/** The operator API (accounts, keys, users, campaigns); enabled only when an admin token is configured. */
public final class AdminHandlers {
    private final AccountStore accounts;
    private final KeyStore keys;
    private final TeamStore team;
    private final Clock clock;
    private final String token;
    private final FailedAttempts failures;

    public AdminHandlers(AccountStore accounts, KeyStore keys, TeamStore team, Clock clock, String token,
                         FailedAttempts failures) {
        this.failures = failures;
        this.accounts = accounts;
        this.keys = keys;
        this.team = team;
        this.clock = clock;
        this.token = token;
    }

    /** Before every admin route: the bearer token must match, compared in constant time. */
    public void authorize(Context ctx) {
        String header = ctx.header("Authorization");
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        long now = clock.millis();
        failures.check(ctx.ip(), now);
        if (!ApiKeys.constantTimeEquals(given, token)) {
            failures.failed(ctx.ip(), now);
            throw new ApiException(ErrorCode.UNAUTHORIZED, "A valid operator token is required (Authorization: Bearer <token>)");
        }
    }

    public void createAccount(Context ctx) {
        AccountInput input = AccountInput.parse(Bodies.object(ctx), true);
        Responses.created(ctx, accounts.create(input.name(), input.plan(), input.rateLimitPerHour(), clock.instant()));
    }

    public void listAccounts(Context ctx) {
        Responses.ok(ctx, Map.of("accounts", accounts.list()));
    }

    public void getAccount(Context ctx) {
        Responses.ok(ctx, account(ctx.pathParam("id")));
    }

    public void updateAccount(Context ctx) {
        String id = ctx.pathParam("id");
        AccountInput input = AccountInput.parse(Bodies.object(ctx), false);
        Responses.ok(ctx, accounts.update(id, input).orElseThrow(() -> ApiException.notFound("Account")));
    }

    public void createKey(Context ctx) {
        KeyInput input = KeyInput.parse(Bodies.object(ctx));
        Account account = account(ctx.pathParam("id"));
        Responses.created(ctx, keys.create(account.id(), input, clock.instant()));
    }

    public void listKeys(Context ctx) {
        Account account = account(ctx.pathParam("id"));
        Responses.ok(ctx, Map.of("api_keys", keys.list(account.id())));
    }

    public void revokeKey(Context ctx) {
        if (!keys.revoke(ctx.pathParam("id"), clock.instant())) {
            throw ApiException.notFound("API key");
        }
        Responses.message(ctx, "API key revoked");
    }

    public void createUser(Context ctx) {
        TeamInput input = TeamInput.user(Bodies.object(ctx));
        Account account = account(ctx.pathParam("id"));
        Responses.created(ctx, team.createUser(account.id(), input.name(), input.email(), clock.instant()));
    }

    public void listUsers(Context ctx) {
        Responses.ok(ctx, Map.of("users", team.users(account(ctx.pathParam("id")).id())));
    }

    public void createCampaign(Context ctx) {
        TeamInput input = TeamInput.campaign(Bodies.object(ctx));
        Account account = account(ctx.pathParam("id"));
        Responses.created(ctx, team.createCampaign(account.id(), input.name(), clock.instant()));
    }

    public void listCampaigns(Context ctx) {
        Responses.ok(ctx, Map.of("campaigns", team.campaigns(account(ctx.pathParam("id")).id())));
    }

    private Account account(String id) {
        return accounts.find(id).orElseThrow(() -> ApiException.notFound("Account"));
    }
}
