package dev.leadstore.account;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** An account's plan and the hourly request limit its keys get unless told otherwise. */
public enum Plan {
    FREE(100), PRO(1000), BUSINESS(5000), ENTERPRISE(10_000);

    private final int defaultLimit;

    Plan(int defaultLimit) {
        this.defaultLimit = defaultLimit;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The account's own limit where set, else the plan's. */
    public int limit(Integer accountLimit) {
        return accountLimit != null ? accountLimit : defaultLimit;
    }

    public static Optional<Plan> from(String wire) {
        return Arrays.stream(values()).filter(p -> p.wire().equals(wire)).findFirst();
    }
}
