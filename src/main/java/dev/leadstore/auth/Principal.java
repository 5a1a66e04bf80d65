package dev.leadstore.auth;

import java.util.Set;

/** The authenticated key of a request: whose data it may see, what it may do, how often. */
public record Principal(ApiKey key, Set<String> grants) {
    static Principal of(ApiKey key) {
        return new Principal(key, Set.copyOf(key.permissions()));
    }

    public String keyId() {
        return key.id();
    }

    public String accountId() {
        return key.accountId();
    }

    public int limitPerHour() {
        return key.rateLimitPerHour();
    }
}
