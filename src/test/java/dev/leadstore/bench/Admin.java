package dev.leadstore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.base.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Accounts and keys made through the operator API of a running server. */
final class Admin {
    /** High enough that no scenario ever meets it. */
    static final int RATE_LIMIT = 1_000_000_000;

    record Tenant(String accountId, String key) {
    }

    private Admin() {
    }

    /** An enterprise account and a full-permission key, both with a limit no benchmark reaches. */
    static Tenant tenant(ServerProcess server, String name) throws IOException {
        try (HttpConnection http = new HttpConnection("127.0.0.1", server.port(),
                "Authorization: Bearer " + ServerProcess.ADMIN_TOKEN)) {
            String account = post(http, "/admin/v1/accounts", "{\"name\":\"" + name
                    + "\",\"plan\":\"enterprise\",\"rate_limit_per_hour\":" + RATE_LIMIT + "}").get("id").asText();
            String key = post(http, "/admin/v1/accounts/" + account + "/api-keys", "{\"name\":\"" + name
                    + "\",\"permissions\":[\"*\"],\"rate_limit_per_hour\":" + RATE_LIMIT + "}").get("key").asText();
            return new Tenant(account, key);
        }
    }

    private static JsonNode post(HttpConnection http, String path, String body) throws IOException {
        int status = http.send("POST", path, body.getBytes(StandardCharsets.UTF_8));
        if (status != 201) {
            throw new IllegalStateException("POST " + path + " answered " + status + ": " + http.body());
        }
        return Json.parse(http.body()).get("data");
    }
}
