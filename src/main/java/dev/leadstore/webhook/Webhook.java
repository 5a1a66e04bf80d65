package dev.leadstore.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** A webhook as the API shows it; `secret` only in the answers of create and rotate-secret. */
public record Webhook(String id, String url, List<String> events, String description, boolean enabled,
                      Instant createdAt, Instant updatedAt,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {
    public Webhook {
        events = List.copyOf(events);
    }

    Webhook withSecret(String value) {
        return new Webhook(id, url, events, description, enabled, createdAt, updatedAt, value);
    }
}
