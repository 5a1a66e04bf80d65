package dev.leadstore.auth;

import java.util.Set;

/** The authenticated key of a request: whose data it may see, what it may do, how often. */
public record Principal(String keyId, String accountId, Set<String> grants, int limitPerHour) {
}
