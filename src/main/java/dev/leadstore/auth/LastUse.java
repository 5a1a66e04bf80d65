package dev.leadstore.auth;

import com.github.benmanes.caffeine.cache.Cache;
import java.time.Clock;
import java.time.Duration;

/**
 * When each key's last use was last written, so that `last_used_at` is written at most once per
 * {@link #EVERY} and key: reads stay reads. Bounded; an entry is dropped once it is that old.
 */
final class LastUse {
    static final Duration EVERY = Duration.ofMinutes(1);
    static final int MAX_KEYS = 100_000;

    private final Cache<String, Boolean> written;

    LastUse(Clock clock) {
        this(clock, MAX_KEYS);
    }

    LastUse(Clock clock, int maxKeys) {
        this.written = Caches.bounded(maxKeys, EVERY, clock);
    }

    /** True when the key's last use should be written now (and then not again for a minute). */
    boolean due(String keyId) {
        return written.asMap().putIfAbsent(keyId, Boolean.TRUE) == null;
    }

    long size() {
        written.cleanUp();
        return written.estimatedSize();
    }
}
