package dev.leadstore.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.account.Limits;
import dev.leadstore.base.BodyReader;
import dev.leadstore.base.FieldErrors;
import dev.leadstore.base.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The body of creating an API key, from the operator API or the command line. */
public record KeyInput(String name, List<String> permissions, Integer rateLimitPerHour, Instant expiresAt) {
    private static final Set<String> FIELDS = Set.of("name", "permissions", "rate_limit_per_hour", "expires_at");
    private static final Set<String> READ_ONLY = Set.of("id", "key", "prefix", "created_at", "last_used_at");

    /** The body's key; an `expires_at` not after `now` is refused (such a key could never be used). */
    public static KeyInput parse(ObjectNode json, Instant now) {
        BodyReader body = new BodyReader(json, FIELDS, READ_ONLY, new FieldErrors());
        body.require("name");
        body.require("permissions");
        String name = body.string("name", 255, true, false);
        if (name != null && name.isEmpty()) {
            body.errors().add("name", "must not be empty");
        }
        List<String> permissions = body.stringSet("permissions", 20, 64);
        if (permissions != null && permissions.isEmpty()) {
            body.errors().add("permissions", "must name at least one permission");
        }
        if (permissions != null && !permissions.stream().allMatch(Permission::isGrant)) {
            body.errors().add("permissions", "each must be contacts:read|write|delete, opportunities:read|write|delete, "
                    + "webhooks:read|write, contacts:*, opportunities:*, webhooks:* or *");
        }
        Integer limit = Limits.perHour(body, "rate_limit_per_hour");
        Instant expiresAt = null;
        String expires = body.string("expires_at", 64, false, false);
        if (expires != null) {
            expiresAt = Timestamps.parse(expires);
            if (expiresAt == null) {
                body.errors().add("expires_at", Timestamps.RULE);
            } else if (!expiresAt.isAfter(now)) {
                body.errors().add("expires_at", "must be in the future");
            }
        }
        body.errors().throwIfAny();
        return new KeyInput(name, permissions, limit, expiresAt);
    }
}
