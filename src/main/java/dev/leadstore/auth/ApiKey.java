package dev.leadstore.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** A key as the operator API shows it; `key` is set only in the response that creates it. */
public record ApiKey(
        String id,
        @JsonInclude(JsonInclude.Include.NON_NULL) String key,
        String accountId,
        String prefix,
        String name,
        List<String> permissions,
        int rateLimitPerHour,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt,
        Instant createdAt) {

    ApiKey withSecret(String secret) {
        return new ApiKey(id, secret, accountId, prefix, name, permissions, rateLimitPerHour, expiresAt,
                lastUsedAt, revokedAt, createdAt);
    }
}
