package dev.leadstore.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadstore.support.Http;
import dev.leadstore.support.ServerProcess;
import dev.leadstore.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server's log, in either format, as production writes it (a child process): every request
 * has its access line with the request's fields, and no key, operator token, secret or body ever
 * appears in any line.
 */
class LogFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the server prints on standard output at start (not log lines). */
    private static final List<String> STARTUP = List.of("==== start", "Created account", "API key", "Try:",
            "Leadstore listening", "API keys are shown", "  ./leadstore", "  or");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "json"})
    void no_secret_or_body_reaches_the_log_and_every_request_has_its_access_line(String format) throws Exception {
        String token = "optoken-" + UUID.randomUUID();
        String secret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
        String distinctive = "Quillfeather Zanzibar " + UUID.randomUUID();
        Map<String, String> env = new HashMap<>(TestDatabase.h2().environment());
        env.put("LEADSTORE_LOG_FORMAT", format);
        env.put("LEADSTORE_ADMIN_TOKEN", token);
        List<String> ids = new ArrayList<>();
        String key;
        String accountId;
        java.nio.file.Path serverLog;
        try (ServerProcess server = ServerProcess.start(env)) {
            serverLog = server.log();
            Http operator = server.http().withHeader("Authorization", "Bearer " + token);
            accountId = operator.post("/admin/v1/accounts", Map.of("name", "logged", "plan", "pro"))
                    .expectStatus(201).data().get("id").asText();
            key = operator.post("/admin/v1/accounts/" + accountId + "/api-keys",
                    Map.of("name", "logged", "permissions", List.of("*"))).expectStatus(201).data().get("key").asText();
            Http api = server.http().withHeader("X-API-Key", key).withHeader("X-Webhook-Secret", secret);
            ids.add(requestId(api.post("/external/v1/contacts", Map.of("name", distinctive,
                    "custom_fields", Map.of("signing_secret", secret))).expectStatus(201)));
            ids.add(requestId(server.http().get("/external/v1/contacts?api_key=" + key).expectStatus(200)));
            ids.add(requestId(server.http().withHeader("Authorization", "Bearer " + key)
                    .get("/external/v1/contacts?search=" + distinctive.split(" ")[1]).expectStatus(200)));
            ids.add(requestId(api.send("POST", "/external/v1/contacts", "application/json",
                    "{\"name\": \"" + distinctive + "\", broken " + secret).expectStatus(400)));
            ids.add(requestId(server.http().withHeader("X-API-Key", key + "x").get("/external/v1/contacts")
                    .expectStatus(401)));
            ids.add(requestId(server.http().withHeader("Authorization", "Bearer " + token + "x").get("/metrics")
                    .expectStatus(401)));
            ids.add(requestId(operator.get("/metrics").expectStatus(200)));
            awaitInLog(server, ids.get(ids.size() - 1));
        }
        List<String> lines = Files.readAllLines(serverLog, StandardCharsets.UTF_8);
        for (String line : lines) {
            assertThat(line).doesNotContain(key, key.substring(8), token, secret, distinctive, "api_key=",
                    "Quillfeather");
        }
        List<String> logLines = lines.stream().filter(l -> STARTUP.stream().noneMatch(l::startsWith)).toList();
        assertThat(logLines).isNotEmpty();
        for (String id : ids) {
            List<String> access = logLines.stream().filter(l -> l.contains(id)).toList();
            assertThat(access).as("the access line of " + id).hasSize(1);
            if (format.equals("json")) {
                JsonNode line = JSON.readTree(access.get(0));
                assertThat(line.get("request_id").asText()).isEqualTo(id);
                assertThat(line.get("logger").asText()).isEqualTo("leadstore.access");
                assertThat(line.get("level").asText()).isEqualTo("INFO");
                assertThat(line.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
                assertThat(line.get("message").asText()).isNotEmpty();
                assertThat(line.get("method").asText()).isIn("GET", "POST");
                assertThat(line.get("route").asText()).isIn("/external/v1/contacts", "/metrics");
                assertThat(line.get("status").isInt()).isTrue();
                assertThat(line.get("duration_ms").isIntegralNumber()).isTrue();
            }
        }
        String created = logLines.stream().filter(l -> l.contains(ids.get(0))).findFirst().orElseThrow();
        if (format.equals("json")) {
            for (String line : logLines) {
                assertThat(JSON.readTree(line).has("message")).as(line).isTrue();
            }
            JsonNode line = JSON.readTree(created);
            assertThat(line.get("status").asInt()).isEqualTo(201);
            assertThat(line.get("account_id").asText()).isEqualTo(accountId);
            assertThat(line.get("key_id").asText()).startsWith("key_");
        } else {
            assertThat(created).contains("leadstore.access".substring(10), "POST /external/v1/contacts 201",
                    "account=" + accountId, "key=key_");
        }
    }

    private static void awaitInLog(ServerProcess server, String id) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && !server.tail(50).contains(id)) {
            Thread.sleep(20);
        }
    }

    private static String requestId(Http.Response response) {
        return response.header("X-Request-Id").orElseThrow();
    }
}
