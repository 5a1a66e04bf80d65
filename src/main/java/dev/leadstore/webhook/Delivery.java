package dev.leadstore.webhook;

import java.time.Instant;

/**
 * One event (or ping) to send to one webhook: `pending` until a 2xx answer (`delivered`) or the
 * last attempt of the schedule (`failed`). `next_attempt_at` is null once settled.
 */
public record Delivery(String id, String eventId, String eventType, String status, int attempts,
                      Integer lastStatusCode, String lastError, Instant createdAt, Instant nextAttemptAt,
                      Instant deliveredAt) {
    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
}
