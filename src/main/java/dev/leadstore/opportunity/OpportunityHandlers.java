package dev.leadstore.opportunity;

import dev.leadstore.auth.KeyAuth;
import dev.leadstore.db.Listing;
import dev.leadstore.base.ApiException;
import dev.leadstore.base.EntityTags;
import dev.leadstore.http.Bodies;
import dev.leadstore.http.Conditions;
import dev.leadstore.http.Query;
import dev.leadstore.http.Responses;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The opportunity routes: parse, call the store, answer. */
public final class OpportunityHandlers {
    private final OpportunityStore store;
    private final Clock clock;

    public OpportunityHandlers(OpportunityStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void create(Context ctx) {
        OpportunityInput input = OpportunityInput.parse(Bodies.object(ctx), true);
        Responses.created(ctx, store.create(account(ctx), input, now()));
    }

    public void get(Context ctx) {
        OpportunityDetail found = store.find(account(ctx), ctx.pathParam("id"))
                .orElseThrow(() -> ApiException.notFound("Opportunity"));
        Conditions.read(ctx, tag(found), found);
    }

    public void update(Context ctx) {
        OpportunityInput input = OpportunityInput.parse(Bodies.object(ctx), false);
        OpportunityDetail updated = store.update(account(ctx), ctx.pathParam("id"), input, now(), Conditions.ifMatch(ctx));
        Conditions.written(ctx, tag(updated), updated);
    }

    public void changeStage(Context ctx) {
        String status = OpportunityInput.stage(Bodies.object(ctx));
        OpportunityDetail moved = store.changeStage(account(ctx), ctx.pathParam("id"), status, now(),
                Conditions.ifMatch(ctx));
        Conditions.written(ctx, tag(moved), moved);
    }

    public void delete(Context ctx) {
        if (!store.delete(account(ctx), ctx.pathParam("id"), now(), Conditions.ifMatch(ctx))) {
            throw ApiException.notFound("Opportunity");
        }
        Responses.message(ctx, "Opportunity deleted successfully");
    }

    public void list(Context ctx) {
        OpportunityFilter filter = OpportunityFilter.read(new Query(ctx));
        Listing<Opportunity> listing = store.list(account(ctx), filter);
        Responses.ok(ctx, filter.page().page("opportunities", listing));
    }

    private static String tag(OpportunityDetail detail) {
        return EntityTags.of(detail.opportunity().id(), detail.opportunity().updatedAt());
    }

    private static String account(Context ctx) {
        return KeyAuth.principal(ctx).accountId();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
