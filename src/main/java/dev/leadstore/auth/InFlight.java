package dev.leadstore.auth;

import dev.leadstore.base.ApiException;
import dev.leadstore.base.ErrorCode;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests a key has in progress. A key may hold at most {@link #MAX_PER_KEY} at once, so that one
 * tenant's stalled or runaway clients cannot occupy the threads every tenant shares.
 */
public final class InFlight {
    static final int MAX_PER_KEY = 64;

    private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    /** Takes a place for the key, or refuses with 429 (retry after a second) when all are taken. */
    AtomicInteger enter(String keyId) {
        AtomicInteger count = counts.computeIfAbsent(keyId, k -> new AtomicInteger());
        if (count.incrementAndGet() > MAX_PER_KEY) {
            count.decrementAndGet();
            throw new ApiException(ErrorCode.RATE_LIMIT_EXCEEDED, "This API key already has " + MAX_PER_KEY
                    + " requests in progress; retry after 1 second", null, 1L);
        }
        return count;
    }
}
