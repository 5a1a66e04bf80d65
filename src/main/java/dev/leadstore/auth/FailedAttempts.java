package dev.leadstore.auth;

import dev.leadstore.base.ApiException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows key guessing: a client address that presents too many invalid keys (or operator tokens)
 * within a clock minute gets 429 for every further invalid one until the minute ends. Valid
 * credentials are never refused here: behind a proxy or NAT, one guesser must not lock out the
 * tenants who share its address.
 */
public final class FailedAttempts {
    private static final long MINUTE_MILLIS = 60_000L;
    private static final int MAX_ADDRESSES = 100_000;

    private record Window(long start, int failures) {
    }

    private final int limitPerMinute;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /** @param limitPerMinute failures allowed per address and minute; 0 turns the guard off */
    public FailedAttempts(int limitPerMinute) {
        this.limitPerMinute = limitPerMinute;
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
        Window window = windows.get(address);
        if (window != null && window.start() == start && window.failures() >= limitPerMinute) {
            long retry = Math.max(1, (start + MINUTE_MILLIS - nowMillis + 999) / 1000);
            throw ApiException.tooManyFailures(retry);
        }
        if (windows.size() > MAX_ADDRESSES) {
            windows.clear();
        }
        windows.compute(address, (a, w) -> w == null || w.start() != start ? new Window(start, 1)
                : new Window(start, w.failures() + 1));
    }
}
