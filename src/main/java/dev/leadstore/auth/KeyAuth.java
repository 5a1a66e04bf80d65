package dev.leadstore.auth;

import dev.leadstore.auth.KeyStore.StoredKey;
import dev.leadstore.base.ApiException;
import dev.leadstore.base.ErrorCode;
import dev.leadstore.base.Metrics;
import dev.leadstore.http.RequestIds;
import dev.leadstore.ratelimit.RateLimiter;
import dev.leadstore.ratelimit.RateLimiter.Decision;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Before every API route: finds the key, gives it a place among its requests in flight, counts it
 * against its hourly limit and checks its permission. After the route, the place is freed.
 */
public final class KeyAuth {
    private static final String PRINCIPAL = "leadstore.principal";
    private static final String PLACE = "leadstore.inFlight";

    private final KeyStore keys;
    private final KeyCache cache;
    private final RateLimiter limiter;
    private final FailedAttempts failures;
    private final InFlight inFlight;
    private final Clock clock;
    private final LastUse lastUse;
    private final Metrics metrics;

    public KeyAuth(KeyStore keys, KeyCache cache, RateLimiter limiter, FailedAttempts failures, InFlight inFlight,
                   Clock clock, Metrics metrics) {
        this.metrics = metrics;
        this.keys = keys;
        this.cache = cache;
        this.limiter = limiter;
        this.failures = failures;
        this.inFlight = inFlight;
        this.clock = clock;
        this.lastUse = new LastUse(clock);
    }

    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw new IllegalStateException("route without authentication");
        }
        return principal;
    }

    public void handle(Context ctx) {
        Permission required = ctx.routeRoles().stream()
                .filter(Permission.class::isInstance).map(Permission.class::cast)
                .findFirst().orElse(null);
        if (required == null && !ctx.routeRoles().contains(KeyOnly.ANY_KEY)) {
            throw new IllegalStateException("API route without a permission: " + ctx.method() + " " + ctx.path());
        }
        Instant now = clock.instant();
        StoredKey key = authenticate(ctx, now);
        Principal principal = Principal.of(key.view());
        RequestIds.identify(ctx, principal.accountId(), principal.keyId());
        AtomicInteger place;
        try {
            place = inFlight.enter(principal.keyId());
        } catch (ApiException busy) {
            metrics.refused(Metrics.Refusal.IN_FLIGHT);
            RateLimitHeaders.write(ctx, limiter.peek(principal.keyId(), principal.limitPerHour(), now.toEpochMilli()));
            throw busy;
        }
        ctx.attribute(PLACE, place);
        try {
            Decision decision = limiter.acquire(principal.keyId(), principal.limitPerHour(), now.toEpochMilli());
            RateLimitHeaders.write(ctx, decision);
            touch(principal, now);
            if (required != null) {
                require(principal, required);
            }
            if (!decision.allowed()) {
                metrics.refused(Metrics.Refusal.HOURLY);
                throw ApiException.rateLimited(decision.limit(), decision.retryAfterSeconds());
            }
        } catch (RuntimeException refused) {
            release(ctx);
            throw refused;
        }
        ctx.attribute(PRINCIPAL, principal);
    }

    /** 403 INSUFFICIENT_PERMISSIONS naming the permission, unless the key has it. */
    public static void require(Principal principal, Permission permission) {
        if (!permission.grantedBy(principal.grants())) {
            throw new ApiException(ErrorCode.INSUFFICIENT_PERMISSIONS,
                    "This API key lacks the permission " + permission.wire(),
                    Map.of("required_permission", permission.wire()));
        }
    }

    /** After every API route, whatever became of it: frees the request's place. */
    public void release(Context ctx) {
        AtomicInteger place = ctx.attribute(PLACE);
        if (place != null) {
            ctx.attribute(PLACE, null);
            place.decrementAndGet();
        }
    }

    /** The presented key, found and usable; an invalid one counts against the client's address. */
    private StoredKey authenticate(Context ctx, Instant now) {
        String presented = presentedKey(ctx);
        if (presented == null || presented.isEmpty()) {
            throw new ApiException(ErrorCode.MISSING_API_KEY,
                    "An API key is required: send it in the X-API-Key header");
        }
        String hash = ApiKeys.hash(presented);
        StoredKey key = cache.find(hash).orElse(null);
        if (key == null || key.revoked() || !ApiKeys.sameHash(key.hash(), hash)) {
            failures.failed(ctx.ip(), now.toEpochMilli());
            throw new ApiException(ErrorCode.INVALID_API_KEY, "The API key is invalid or has been revoked");
        }
        if (key.expired(now)) {
            throw new ApiException(ErrorCode.EXPIRED_API_KEY, "The API key has expired");
        }
        return key;
    }

    /** X-API-Key, then Authorization: Bearer, then ?api_key: the first one present is used. */
    private static String presentedKey(Context ctx) {
        String header = ctx.header("X-API-Key");
        if (header != null) {
            return header.trim();
        }
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return ctx.queryParam("api_key");
    }

    /** Records last use at most once a minute per key, so reads stay reads. */
    private void touch(Principal principal, Instant now) {
        if (lastUse.due(principal.keyId())) {
            keys.touch(principal.accountId(), principal.keyId(), now);
        }
    }
}
