package dev.leadstore.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** An account with a full-permission key, made through the operator API, and reading it back. */
final class Tenant {
    static final String CONTACTS = "/external/v1/contacts";

    private final Client client;

    private Tenant(Client client) {
        this.client = client;
    }

    /** A fresh enterprise account whose key may send a billion requests an hour. */
    static Tenant seed(ServerProcess server, Duration timeout) {
        Client operator = Client.to(server.baseUrl(), timeout).asOperator(ServerProcess.ADMIN_TOKEN);
        ObjectNode account = Client.JSON.createObjectNode()
                .put("name", "harness").put("plan", "enterprise").put("rate_limit_per_hour", 1_000_000_000);
        String accountId = operator.expectData("POST", "/admin/v1/accounts", account).get("id").asText();
        ObjectNode key = Client.JSON.createObjectNode().put("name", "harness");
        key.putArray("permissions").add("*");
        String secret = operator.expectData("POST", "/admin/v1/accounts/" + accountId + "/api-keys", key)
                .get("key").asText();
        return new Tenant(Client.to(server.baseUrl(), timeout).withApiKey(secret));
    }

    Client client() {
        return client;
    }

    /** Every contact of the account by id, read page by page (oldest first, ties by id). */
    Map<String, JsonNode> readAll() {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        long total = -1;
        for (int page = 1; total < 0 || all.size() < total; page++) {
            JsonNode data = client.expectData("GET", CONTACTS + "?limit=100&sort_by=created_at&sort_order=asc&page="
                    + page, null);
            total = data.at("/pagination/total").asLong();
            JsonNode contacts = data.get("contacts");
            if (contacts.isEmpty()) {
                break;
            }
            contacts.forEach(c -> all.put(c.get("id").asText(), c));
        }
        if (all.size() != total) {
            throw new IllegalStateException("paging read " + all.size() + " contacts of a total of " + total);
        }
        return all;
    }
}
