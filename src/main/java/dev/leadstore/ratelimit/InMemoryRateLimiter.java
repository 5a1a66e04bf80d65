package dev.leadstore.ratelimit;

import java.util.concurrent.ConcurrentHashMap;

/** Exact per-process counters, for a single node. */
public final class InMemoryRateLimiter implements RateLimiter {
    private record Window(long start, long used) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    @Override
    public Decision acquire(String keyId, int limit, long nowMillis) {
        long start = Windows.start(nowMillis);
        boolean[] allowed = new boolean[1];
        Window window = windows.compute(keyId, (key, current) -> {
            Window fresh = current == null || current.start() != start ? new Window(start, 0) : current;
            allowed[0] = fresh.used() < limit;
            return allowed[0] ? new Window(start, fresh.used() + 1) : fresh;
        });
        return Decision.of(window.used(), allowed[0], limit, nowMillis);
    }

    @Override
    public Decision peek(String keyId, int limit, long nowMillis) {
        Window window = windows.get(keyId);
        long used = window == null || window.start() != Windows.start(nowMillis) ? 0 : window.used();
        return Decision.of(used, used < limit, limit, nowMillis);
    }
}
