package dev.leadstore.auth;

import dev.leadstore.auth.KeyStore;
import dev.leadstore.auth.KeyStore.StoredKey;
import dev.leadstore.base.ApiException;
import dev.leadstore.base.ErrorCode;
import dev.leadstore.ratelimit.RateLimiter;
import dev.leadstore.ratelimit.RateLimiter.Decision;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Before every API route: finds the key, checks it, counts it against its limit, checks permission. */
public final class KeyAuth {
    private static final String PRINCIPAL = "leadstore.principal";
    private static final long TOUCH_EVERY_MILLIS = 60_000;

    private final KeyStore keys;
    private final KeyCache cache;
    private final RateLimiter limiter;
    private final FailedAttempts failures;
    private final Clock clock;
    private final Map<String, Long> lastTouched = new ConcurrentHashMap<>();

    public KeyAuth(KeyStore keys, KeyCache cache, RateLimiter limiter, FailedAttempts failures, Clock clock) {
        this.failures = failures;
        this.keys = keys;
        this.cache = cache;
        this.limiter = limiter;
        this.clock = clock;
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
                .findFirst().orElseThrow(() -> new IllegalStateException("API route without a permission"));
        Instant now = clock.instant();
        String address = ctx.ip();
        failures.check(address, now.toEpochMilli());
        StoredKey key;
        try {
            key = authenticate(presentedKey(ctx), now);
        } catch (ApiException e) {
            if (e.code() == ErrorCode.INVALID_API_KEY) {
                failures.failed(address, now.toEpochMilli());
            }
            throw e;
        }
        Principal principal = new Principal(key.view().id(), key.view().accountId(),
                Set.copyOf(key.view().permissions()), key.view().rateLimitPerHour());
        boolean permitted = required.grantedBy(principal.grants());
        Decision decision = limiter.acquire(principal.keyId(), principal.limitPerHour(), now.toEpochMilli());
        RateLimitHeaders.write(ctx, decision);
        touch(principal, now);
        if (!permitted) {
            throw new ApiException(ErrorCode.INSUFFICIENT_PERMISSIONS,
                    "This API key lacks the permission " + required.wire(),
                    Map.of("required_permission", required.wire()));
        }
        if (!decision.allowed()) {
            throw ApiException.rateLimited(decision.limit(), decision.retryAfterSeconds());
        }
        ctx.attribute(PRINCIPAL, principal);
    }

    private StoredKey authenticate(String presented, Instant now) {
        if (presented == null || presented.isEmpty()) {
            throw new ApiException(ErrorCode.MISSING_API_KEY,
                    "An API key is required: send it in the X-API-Key header");
        }
        String hash = ApiKeys.hash(presented);
        StoredKey key = cache.find(hash).orElse(null);
        if (key == null || key.revoked() || !ApiKeys.sameHash(key.hash(), hash)) {
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
        long millis = now.toEpochMilli();
        Long previous = lastTouched.get(principal.keyId());
        if (previous == null || millis - previous >= TOUCH_EVERY_MILLIS) {
            lastTouched.put(principal.keyId(), millis);
            keys.touch(principal.accountId(), principal.keyId(), now);
        }
    }
}
