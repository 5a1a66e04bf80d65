package dev.leadstore.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The operator API (/admin/v1) of a running server, for making accounts and keys. */
public final class OperatorClient {
    /** The operator token of every server the toolkit starts. */
    public static final String TOKEN = "test-admin-token";

    private final Http http;

    public OperatorClient(String baseUrl) {
        this.http = new Http(baseUrl).withHeader("Authorization", "Bearer " + TOKEN);
    }

    /** Requests as the operator. */
    public Http http() {
        return http;
    }

    /** A new account; returns its id. */
    public String createAccount(Map<String, ?> body) {
        return http.post("/admin/v1/accounts", body).expectStatus(201).data().get("id").asText();
    }

    /** A new key of the account; returns the secret, which is shown only this once. */
    public String createKey(String accountId, Map<String, ?> body) {
        return http.post("/admin/v1/accounts/" + accountId + "/api-keys", body).expectStatus(201).data()
                .get("key").asText();
    }

    /**
     * An enterprise account with one full-permission key, both named `name`; with `perHour`, the
     * account and the key allow that many requests an hour instead of the plan's.
     */
    public Tenant tenant(String name, Integer perHour) {
        Map<String, Object> account = new HashMap<>(Map.of("name", name, "plan", "enterprise"));
        Map<String, Object> key = new HashMap<>(Map.of("name", name, "permissions", List.of("*")));
        if (perHour != null) {
            account.put("rate_limit_per_hour", perHour);
            key.put("rate_limit_per_hour", perHour);
        }
        String accountId = createAccount(account);
        return new Tenant(accountId, createKey(accountId, key));
    }
}
