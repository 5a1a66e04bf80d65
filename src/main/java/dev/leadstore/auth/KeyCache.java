package dev.leadstore.auth;

import com.github.benmanes.caffeine.cache.Cache;
import dev.leadstore.auth.KeyStore.StoredKey;
import dev.leadstore.db.Invalidation;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Known keys by hash, so that a request need not read the keys table. Exact: every change of a key
 * or an account moves the invalidation generation, and an entry serves only the generation it was
 * read in. Bounded (the least useful entries go first) and each entry read again after
 * {@link #TIME_TO_LIVE} at the latest, whatever the generation says.
 */
public final class KeyCache {
    /** The most keys held. */
    public static final int MAX_ENTRIES = 100_000;
    /** How long an entry is served at most before the keys table is read again. */
    public static final Duration TIME_TO_LIVE = Duration.ofMinutes(10);

    private record Entry(StoredKey key, long generation) {
    }

    private final KeyStore keys;
    private final Invalidation invalidation;
    private final Cache<String, Entry> entries;

    public KeyCache(KeyStore keys, Invalidation invalidation, Clock clock) {
        this(keys, invalidation, clock, MAX_ENTRIES);
    }

    KeyCache(KeyStore keys, Invalidation invalidation, Clock clock, int maxEntries) {
        this.keys = keys;
        this.invalidation = invalidation;
        this.entries = Caches.bounded(maxEntries, TIME_TO_LIVE, clock);
    }

    Optional<StoredKey> find(String hash) {
        long generation = invalidation.generation();
        Entry cached = entries.getIfPresent(hash);
        if (cached != null && cached.generation() == generation && invalidation.reliable()) {
            return Optional.of(cached.key());
        }
        Optional<StoredKey> stored = keys.findByHash(hash);
        if (stored.isPresent() && invalidation.reliable()) {
            entries.put(hash, new Entry(stored.get(), generation));
        }
        return stored;
    }

    /** How many keys are held now (after pending evictions), for tests of the bound. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
