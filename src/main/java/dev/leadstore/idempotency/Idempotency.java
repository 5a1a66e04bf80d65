package dev.leadstore.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.auth.ApiKeys;
import dev.leadstore.auth.KeyAuth;
import dev.leadstore.auth.Principal;
import dev.leadstore.base.ApiException;
import dev.leadstore.base.EntityTags;
import dev.leadstore.base.Json;
import dev.leadstore.http.Bodies;
import dev.leadstore.http.Conditions;
import dev.leadstore.base.ErrorCode;
import dev.leadstore.http.ErrorWriter;
import dev.leadstore.http.Responses;
import dev.leadstore.idempotency.IdempotencyStore.Entry;
import dev.leadstore.idempotency.IdempotencyStore.Id;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Safe retries: a POST or PUT with an Idempotency-Key runs once per API key and key; a repeat with
 * the same request (method, path, body and If-Match) replays the first answer, with the ETag it
 * carried; a repeat with another request is 409 CONFLICT.
 */
public final class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    static final long RETENTION_MILLIS = 24 * 3_600_000L;
    /** A claim this old with no answer belongs to a request that died (a crash): it may be taken over. */
    static final long ABANDONED_MILLIS = 60_000L;
    private static final long WAIT_MILLIS = 5_000L;

    private final IdempotencyStore store;
    private final Clock clock;
    private final AtomicLong lastPurge = new AtomicLong();

    public Idempotency(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Handler wrap(Handler handler) {
        return ctx -> {
            String key = ctx.header(HEADER);
            if (key == null) {
                handler.handle(ctx);
                return;
            }
            validate(key);
            Principal principal = KeyAuth.principal(ctx);
            Id id = new Id(principal.accountId(), principal.keyId(), key);
            String fingerprint = ApiKeys.hash(ifMatch(ctx) + ctx.method() + " " + ctx.path() + "\n"
                    + new String(Bodies.raw(ctx), StandardCharsets.ISO_8859_1));
            Optional<Entry> previous = claim(id, fingerprint);
            if (previous.isPresent()) {
                replay(ctx, previous.get());
                return;
            }
            run(ctx, handler, id);
            purgeNowAndThen();
        };
    }

    private void run(Context ctx, Handler handler, Id id) throws Exception {
        try {
            handler.handle(ctx);
        } catch (ApiException e) {
            ErrorWriter.write(ctx, e);
        } catch (Exception | Error e) {
            store.release(id);
            throw e;
        }
        byte[] body = Responses.written(ctx);
        if (ctx.statusCode() >= 500 || body == null) {
            store.release(id);
        } else {
            store.complete(id, ctx.statusCode(), body);
        }
    }

    /** Empty when this request now owns the key; else the finished entry to replay. */
    private Optional<Entry> claim(Id id, String fingerprint) throws InterruptedException {
        long deadline = clock.millis() + WAIT_MILLIS;
        while (true) {
            long now = clock.millis();
            if (store.claim(id, fingerprint, now)) {
                return Optional.empty();
            }
            Entry entry = store.find(id).orElse(null);
            if (entry == null) {
                continue;
            }
            boolean expired = entry.createdAt() < now - RETENTION_MILLIS;
            boolean abandoned = entry.status() == null && entry.createdAt() < now - ABANDONED_MILLIS;
            if (expired || abandoned) {
                if (store.replace(id, entry, fingerprint, now)) {
                    return Optional.empty();
                }
                continue;
            }
            if (!entry.fingerprint().equals(fingerprint)) {
                throw new ApiException(ErrorCode.CONFLICT,
                        "This Idempotency-Key was already used with a different request");
            }
            if (entry.status() != null) {
                return Optional.of(entry);
            }
            if (now > deadline) {
                throw new ApiException(ErrorCode.CONFLICT,
                        "A request with this Idempotency-Key is still in progress; retry later");
            }
            Thread.sleep(25);
        }
    }

    private static void replay(Context ctx, Entry entry) {
        ctx.status(entry.status());
        ctx.header("Idempotent-Replayed", "true");
        String tag = replayedTag(ctx.method().name(), entry);
        if (tag != null) {
            ctx.header(Conditions.ETAG, tag);
        }
        Responses.bytes(ctx, entry.response());
    }

    /**
     * The ETag the first answer carried: a 200 to PUT or PATCH holds the object it left, and the tag of
     * that version is its id and updated_at. Other answers carried none.
     */
    private static String replayedTag(String method, Entry entry) {
        if (entry.status() != 200 || !(method.equals("PUT") || method.equals("PATCH"))) {
            return null;
        }
        JsonNode data = Json.parse(new String(entry.response(), StandardCharsets.UTF_8)).path("data");
        JsonNode id = data.path("id");
        JsonNode updatedAt = data.path("updated_at");
        if (!id.isTextual() || !updatedAt.isTextual()) {
            return null;
        }
        return EntityTags.of(id.asText(), Instant.parse(updatedAt.asText()));
    }

    /** A conditional write is another request than the same write with another condition, or none. */
    private static String ifMatch(Context ctx) {
        String value = Conditions.ifMatch(ctx).value();
        return value == null ? "" : "If-Match: " + value + "\n";
    }

    private static void validate(String key) {
        boolean printable = !key.isEmpty() && key.length() <= 255 && key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
        if (!printable) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR,
                    "Idempotency-Key must be 1 to 255 printable ASCII characters",
                    Map.of("fields", Map.of(HEADER, "must be 1 to 255 printable ASCII characters")));
        }
    }

    /** Drops answers older than 24 hours, at most once every ten minutes. */
    private void purgeNowAndThen() {
        long now = clock.millis();
        long last = lastPurge.get();
        if (now - last > 600_000 && lastPurge.compareAndSet(last, now)) {
            store.purge(now - RETENTION_MILLIS);
        }
    }
}
