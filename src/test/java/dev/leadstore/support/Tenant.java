package dev.leadstore.support;

/** An account and the secret of one of its keys. */
public record Tenant(String accountId, String key) {
}
