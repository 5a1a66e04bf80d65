package dev.leadstore.account;

import dev.leadstore.base.ApiException;
import dev.leadstore.http.Bodies;
import dev.leadstore.http.Responses;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;

/** The operator routes of accounts, users and campaigns. */
public final class AccountHandlers {
    private final AccountStore accounts;
    private final TeamStore team;
    private final Clock clock;

    public AccountHandlers(AccountStore accounts, TeamStore team, Clock clock) {
        this.accounts = accounts;
        this.team = team;
        this.clock = clock;
    }

    public void createAccount(Context ctx) {
        AccountInput input = AccountInput.parse(Bodies.object(ctx), true);
        Responses.created(ctx, accounts.create(input, clock.instant()));
    }

    public void listAccounts(Context ctx) {
        Responses.ok(ctx, Map.of("accounts", accounts.list()));
    }

    public void getAccount(Context ctx) {
        Responses.ok(ctx, accounts.require(ctx.pathParam("id")));
    }

    public void updateAccount(Context ctx) {
        String id = ctx.pathParam("id");
        AccountInput input = AccountInput.parse(Bodies.object(ctx), false);
        Responses.ok(ctx, accounts.update(id, input).orElseThrow(() -> ApiException.notFound("Account")));
    }

    public void createUser(Context ctx) {
        TeamInput input = TeamInput.user(Bodies.object(ctx));
        Account account = accounts.require(ctx.pathParam("id"));
        Responses.created(ctx, team.createUser(account.id(), input, clock.instant()));
    }

    public void listUsers(Context ctx) {
        Responses.ok(ctx, Map.of("users", team.users(accounts.require(ctx.pathParam("id")).id())));
    }

    public void createCampaign(Context ctx) {
        TeamInput input = TeamInput.campaign(Bodies.object(ctx));
        Account account = accounts.require(ctx.pathParam("id"));
        Responses.created(ctx, team.createCampaign(account.id(), input, clock.instant()));
    }

    public void listCampaigns(Context ctx) {
        Responses.ok(ctx, Map.of("campaigns", team.campaigns(accounts.require(ctx.pathParam("id")).id())));
    }
}
