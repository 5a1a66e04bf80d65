package dev.leadstore.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;

/** The bounded, expiring maps of this package, timed by the server's clock (a test's clock in tests). */
final class Caches {
    private Caches() {
    }

    /** At most `maxEntries`, each forgotten `timeToLive` after it was written. */
    static <K, V> Cache<K, V> bounded(int maxEntries, Duration timeToLive, Clock clock) {
        return Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(timeToLive)
                // The system clock may step back; the system ticker never does.
                .ticker(clock.equals(Clock.systemUTC()) ? Ticker.systemTicker() : () -> clock.millis() * 1_000_000L)
                .build();
    }
}
