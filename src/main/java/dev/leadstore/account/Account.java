package dev.leadstore.account;

import java.time.Instant;

/** An account as the operator API shows it; the limit is the effective one. */
public record Account(String id, String name, String plan, int rateLimitPerHour, Instant createdAt) {
}
