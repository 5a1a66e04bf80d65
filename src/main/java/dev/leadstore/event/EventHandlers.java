package dev.leadstore.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.auth.KeyAuth;
import dev.leadstore.auth.Principal;
import dev.leadstore.base.ApiException;
import dev.leadstore.base.ErrorCode;
import dev.leadstore.db.Ids;
import dev.leadstore.http.Query;
import dev.leadstore.http.Responses;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/** `GET /events` (the feed) and the histories of contacts and opportunities. */
public final class EventHandlers {
    private final EventLog log;
    private final Map<String, BiPredicate<String, String>> owners;

    /**
     * `owners` says, by id prefix (`cnt`, `opp`), whether an account holds an object now: one made
     * before events existed has an empty history rather than none.
     */
    public EventHandlers(EventLog log, Map<String, BiPredicate<String, String>> owners) {
        this.log = log;
        this.owners = Map.copyOf(owners);
    }

    /** The account's events after `after`, oldest first, of the types the key may read. */
    public void feed(Context ctx) {
        Principal principal = KeyAuth.principal(ctx);
        Query query = new Query(ctx);
        List<String> readable = EventTypes.readableBy(principal);
        List<String> types = EventTypes.parse(query.text("types"), readable, principal);
        answer(ctx, principal.accountId(), query, types, null);
    }

    /** The history of one object: its events, oldest first, readable after the object is deleted. */
    public Handler history(String idPrefix, String what) {
        return ctx -> {
            String id = ctx.pathParam("id");
            String account = KeyAuth.principal(ctx).accountId();
            Query query = new Query(ctx);
            if (!Ids.looksLike(idPrefix, id)
                    || !log.hasHistory(account, id) && !owners.get(idPrefix).test(account, id)) {
                throw ApiException.notFound(what);
            }
            answer(ctx, account, query, null, id);
        };
    }

    private void answer(Context ctx, String account, Query query, List<String> types, String objectId) {
        String after = query.text("after");
        int limit = query.integer("limit", 100, 1, 1000);
        Position from = Position.START;
        if (after != null) {
            if (!Ids.looksLike("evt", after)) {
                throw ApiException.invalidParameter("after", "must be the id of an event (evt_…)");
            }
            from = log.position(account, after).orElseThrow(() -> new ApiException(ErrorCode.CURSOR_EXPIRED,
                    "No event " + after + " is kept any more (events are kept for a limited time); read from the start "
                            + "or from a later event",
                    Map.of("parameter", "after", "fields", Map.of("after", "names no event kept any more"))));
        }
        List<JsonNode> events = log.read(new EventLog.Read(account, from, types, limit, objectId));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("events", events);
        data.put("next_after", events.isEmpty() ? after : events.get(events.size() - 1).get("id").asText());
        Responses.ok(ctx, data);
    }
}
