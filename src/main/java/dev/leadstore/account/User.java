package dev.leadstore.account;

import java.time.Instant;

/** A person of an account who can be responsible for opportunities. */
public record User(String id, String name, String email, Instant createdAt) {
}
