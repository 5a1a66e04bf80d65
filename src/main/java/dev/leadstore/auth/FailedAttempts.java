package dev.leadstore.auth;

import com.github.benmanes.caffeine.cache.Cache;
import dev.leadstore.base.ApiException;
import dev.leadstore.base.Metrics;
import java.time.Clock;
import java.time.Duration;

/**
 * Slows key guessing: a client address that presents too many invalid keys (or operator tokens)
 * within a clock minute gets 429 for every further invalid one until the minute ends. Valid
 * credentials are never refused here: behind a proxy or NAT, one guesser must not lock out the
 * tenants who share its address. At most {@link #MAX_ADDRESSES} addresses are remembered, each
 * for two minutes after its last failure.
 */
public final class FailedAttempts {
    private static final long MINUTE_MILLIS = 60_000L;
    public static final int MAX_ADDRESSES = 100_000;

    private record Window(long start, int failures) {
    }

    private final int limitPerMinute;
    private final Cache<String, Window> windows;
    private final Metrics metrics;

    /** @param limitPerMinute failures allowed per address and minute; 0 turns the guard off */
    public FailedAttempts(int limitPerMinute, Clock clock, Metrics metrics) {
        this(limitPerMinute, clock, MAX_ADDRESSES, metrics);
    }

    FailedAttempts(int limitPerMinute, Clock clock, int maxAddresses, Metrics metrics) {
        this.limitPerMinute = limitPerMinute;
        this.metrics = metrics;
        this.windows = Caches.bounded(maxAddresses, Duration.ofMillis(2 * MINUTE_MILLIS), clock);
    }

    /**
     * An invalid attempt: refused with 429 when the address already failed too often this minute
     * (and then not counted again), else counted, leaving the caller to answer 401.
     */
    public void failed(String address, long nowMillis) {
        if (limitPerMinute <= 0) {
            return;
        }
        long start = Math.floorDiv(nowMillis, MINUTE_MILLIS) * MINUTE_MILLIS;
        Window window = windows.getIfPresent(address);
        if (window != null && window.start() == start && window.failures() >= limitPerMinute) {
            long retry = Math.max(1, (start + MINUTE_MILLIS - nowMillis + 999) / 1000);
            metrics.refused(Metrics.Refusal.AUTH_FAILURES);
            throw ApiException.tooManyFailures(retry);
        }
        windows.asMap().compute(address, (a, w) -> w == null || w.start() != start ? new Window(start, 1)
                : new Window(start, w.failures() + 1));
    }

    /** How many addresses are remembered now (after pending evictions), for tests of the bound. */
    long size() {
        windows.cleanUp();
        return windows.estimatedSize();
    }
}
