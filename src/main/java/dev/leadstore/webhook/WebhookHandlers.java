package dev.leadstore.webhook;

import dev.leadstore.auth.KeyAuth;
import dev.leadstore.auth.Permission;
import dev.leadstore.auth.Principal;
import dev.leadstore.base.ApiException;
import dev.leadstore.base.BodyReader;
import dev.leadstore.base.ErrorCode;
import dev.leadstore.base.FieldErrors;
import dev.leadstore.base.Json;
import dev.leadstore.db.Ids;
import dev.leadstore.event.EventLog;
import dev.leadstore.event.EventTypes;
import dev.leadstore.event.Position;
import dev.leadstore.http.Bodies;
import dev.leadstore.http.Query;
import dev.leadstore.http.Responses;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The webhook routes (docs/api.md §10.4): endpoints, their secrets, pings, deliveries and replays. */
public final class WebhookHandlers {
    private final WebhookStore store;
    private final EventLog log;
    private final UrlGuard guard;
    private final Clock clock;

    public WebhookHandlers(WebhookStore store, EventLog log, WebhookSettings settings, Clock clock) {
        this.store = store;
        this.log = log;
        this.guard = new UrlGuard(settings.allowPrivate());
        this.clock = clock;
    }

    public void create(Context ctx) {
        Principal principal = KeyAuth.principal(ctx);
        WebhookInput input = WebhookInput.parse(Bodies.object(ctx), true);
        checkUrl(input.url().value());
        mayRead(principal, input.events().value());
        WebhookStore.New webhook = new WebhookStore.New(input.url().value(), input.events().value(),
                input.description().value(), input.enabled().or(true));
        Webhook created = store.create(principal.accountId(), webhook, Signature.newSecret(), now())
                .orElseThrow(() -> new ApiException(ErrorCode.CONFLICT, "An account may have at most "
                        + WebhookStore.MAX_PER_ACCOUNT + " webhooks; delete one first"));
        Responses.created(ctx, created);
    }

    public void list(Context ctx) {
        Responses.ok(ctx, Map.of("webhooks", store.list(account(ctx))));
    }

    public void get(Context ctx) {
        Responses.ok(ctx, found(ctx));
    }

    public void update(Context ctx) {
        Principal principal = KeyAuth.principal(ctx);
        found(ctx);
        WebhookInput input = WebhookInput.parse(Bodies.object(ctx), false);
        if (input.url().given()) {
            checkUrl(input.url().value());
        }
        if (input.events().given()) {
            mayRead(principal, input.events().value());
        }
        Responses.ok(ctx, store.update(principal.accountId(), id(ctx), input, now())
                .orElseThrow(WebhookHandlers::notFound));
    }

    public void delete(Context ctx) {
        if (!Ids.looksLike("whk", id(ctx)) || !store.delete(account(ctx), id(ctx))) {
            throw notFound();
        }
        Responses.message(ctx, "Webhook deleted successfully");
    }

    public void rotateSecret(Context ctx) {
        found(ctx);
        Responses.ok(ctx, store.rotate(account(ctx), id(ctx), Signature.newSecret(), now())
                .orElseThrow(WebhookHandlers::notFound));
    }

    /** Queues a `ping` for the webhook: it shows in its deliveries, never in the feed. */
    public void test(Context ctx) {
        Webhook webhook = enabled(found(ctx));
        Instant now = now();
        String eventId = Ids.next("evt");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("webhook_id", webhook.id());
        data.put("message", "A test event sent by POST /webhooks/" + webhook.id() + "/test");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", eventId);
        event.put("type", "ping");
        event.put("created_at", now);
        event.put("object_id", webhook.id());
        event.put("data", data);
        Responses.accepted(ctx, store.ping(account(ctx), webhook.id(), eventId, Json.string(event), now));
    }

    public void deliveries(Context ctx) {
        Webhook webhook = found(ctx);
        int limit = new Query(ctx).integer("limit", 100, 1, 1000);
        Responses.ok(ctx, Map.of("deliveries", store.deliveries(account(ctx), webhook.id(), limit)));
    }

    /** Queues every event matching the webhook after the given one again, each with its original id. */
    public void replay(Context ctx) {
        Principal principal = KeyAuth.principal(ctx);
        Webhook webhook = enabled(found(ctx));
        BodyReader body = new BodyReader(Bodies.object(ctx), Set.of("after"), Set.of(), new FieldErrors());
        body.require("after");
        String after = body.string("after", 64, true, false);
        if (after != null && !Ids.looksLike("evt", after)) {
            body.errors().add("after", "must be the id of an event (evt_…)");
        }
        body.errors().throwIfAny();
        mayRead(principal, webhook.events());
        Position from = log.position(principal.accountId(), after).orElseThrow(() -> new ApiException(
                ErrorCode.CURSOR_EXPIRED, "No event " + after + " is kept any more (events are kept for a limited time)",
                Map.of("parameter", "after", "fields", Map.of("after", "names no event kept any more"))));
        int queued = store.replay(log, principal.accountId(), webhook, from, now());
        Responses.accepted(ctx, Map.of("replayed", queued));
    }

    /** A webhook that would carry events the key may not read is refused: it would be a way around permissions. */
    private static void mayRead(Principal principal, List<String> patterns) {
        List<String> types = WebhookStore.types(patterns);
        if (types.stream().anyMatch(EventTypes.CONTACT::contains)) {
            KeyAuth.require(principal, Permission.CONTACTS_READ);
        }
        if (types.stream().anyMatch(EventTypes.OPPORTUNITY::contains)) {
            KeyAuth.require(principal, Permission.OPPORTUNITIES_READ);
        }
    }

    private void checkUrl(String url) {
        try {
            guard.check(url);
        } catch (UrlGuard.Refused e) {
            throw FieldErrors.single("url", e.getMessage());
        }
    }

    private static Webhook enabled(Webhook webhook) {
        if (!webhook.enabled()) {
            throw new ApiException(ErrorCode.CONFLICT, "The webhook is disabled; enable it (PATCH enabled: true) first");
        }
        return webhook;
    }

    private Webhook found(Context ctx) {
        String id = id(ctx);
        if (!Ids.looksLike("whk", id)) {
            throw notFound();
        }
        return store.find(account(ctx), id).orElseThrow(WebhookHandlers::notFound);
    }

    private static ApiException notFound() {
        return ApiException.notFound("Webhook");
    }

    private static String id(Context ctx) {
        return ctx.pathParam("id");
    }

    private static String account(Context ctx) {
        return KeyAuth.principal(ctx).accountId();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
