package dev.leadstore.account;

import java.time.Instant;

/** A campaign of an account that opportunities can belong to. */
public record Campaign(String id, String name, Instant createdAt) {
}
