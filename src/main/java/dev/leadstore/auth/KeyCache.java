package dev.leadstore.auth;

import dev.leadstore.auth.KeyStore;
import dev.leadstore.auth.KeyStore.StoredKey;
import dev.leadstore.db.Invalidation;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Known keys by hash, so that a request need not read the keys table. Exact: every change of a key
 * or an account moves the invalidation generation, and an entry serves only the generation it was
 * read in.
 */
public final class KeyCache {
    private static final int MAX_ENTRIES = 100_000;

    private record Entry(StoredKey key, long generation) {
    }

    private final KeyStore keys;
    private final Invalidation invalidation;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    public KeyCache(KeyStore keys, Invalidation invalidation) {
        this.keys = keys;
        this.invalidation = invalidation;
    }

    Optional<StoredKey> find(String hash) {
        long generation = invalidation.generation();
        Entry cached = entries.get(hash);
        if (cached != null && cached.generation() == generation && invalidation.reliable()) {
            return Optional.of(cached.key());
        }
        Optional<StoredKey> stored = keys.findByHash(hash);
        if (stored.isPresent() && invalidation.reliable()) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(hash, new Entry(stored.get(), generation));
        }
        return stored;
    }
}
