package dev.leadstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.ServerProcess;
import dev.leadstore.support.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** What the API acknowledged survives a SIGKILL of the server, exactly as acknowledged. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#databases")
class ContactDurabilityTest {
    private static final Pattern KEY = Pattern.compile("gr_live_[A-Za-z0-9_-]{32,}");
    private static final String CONTACTS = "/external/v1/contacts";
    private static final int WRITERS = 4;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 60;

    @Parameter
    String kind;

    @Test
    void every_acknowledged_write_survives_a_kill_with_exactly_the_acknowledged_content() throws Exception {
        TestDatabase database = TestDatabase.of(kind);
        Map<String, JsonNode> acknowledged = new ConcurrentHashMap<>();
        String key;
        String updatedId;
        String deletedId;
        ServerProcess server = ServerProcess.start(database.environment());
        try {
            key = server.output().stream().flatMap(line -> KEY.matcher(line).results()).findFirst()
                    .orElseThrow().group();
            Http api = server.http().withHeader("X-API-Key", key);
            JsonNode updated = api.put(CONTACTS + "/" + create(api, "to update", 0).get("id").asText(),
                    Map.of("company", "Changed Corp", "tags", List.of("after"), "custom_fields", Map.of("k", 2)))
                    .expectStatus(200).data();
            updatedId = updated.get("id").asText();
            acknowledged.put(updatedId, updated);
            deletedId = create(api, "to delete", 1).get("id").asText();
            api.delete(CONTACTS + "/" + deletedId).expectStatus(200);

            writeUntilKilled(server, api, acknowledged);
        } finally {
            server.kill();
        }

        try (ServerProcess restarted = ServerProcess.start(database.environment())) {
            Http api = restarted.http().withHeader("X-API-Key", key);
            for (Map.Entry<String, JsonNode> entry : acknowledged.entrySet()) {
                Http.Response response = api.get(CONTACTS + "/" + entry.getKey());
                assertThat(response.status()).as(entry.getValue().toString()).isEqualTo(200);
                assertThat(response.data()).isEqualTo(entry.getValue());
            }
            assertThat(acknowledged).containsKey(updatedId).hasSizeGreaterThan(ACKNOWLEDGED_BEFORE_KILL);
            assertThat(api.get(CONTACTS + "/" + deletedId).status()).isEqualTo(404);
            assertThat(api.get(CONTACTS + "?limit=1").data().at("/pagination/total").asLong())
                    .isGreaterThanOrEqualTo(acknowledged.size());
        }
    }

    /** Several clients create contacts; the process is killed while they still are. */
    private static void writeUntilKilled(ServerProcess server, Http api, Map<String, JsonNode> acknowledged)
            throws InterruptedException {
        CountDownLatch enough = new CountDownLatch(ACKNOWLEDGED_BEFORE_KILL);
        AtomicBoolean killing = new AtomicBoolean();
        List<Throwable> unexpected = new CopyOnWriteArrayList<>();
        AtomicInteger sequence = new AtomicInteger(10);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            writers.submit(() -> {
                try {
                    while (true) {
                        JsonNode contact = create(api, "writer", sequence.incrementAndGet());
                        acknowledged.put(contact.get("id").asText(), contact);
                        enough.countDown();
                    }
                } catch (RuntimeException | AssertionError e) {
                    if (!killing.get()) {
                        unexpected.add(e);
                        while (enough.getCount() > 0) {
                            enough.countDown();
                        }
                    }
                    // Otherwise the server is gone and this request was never acknowledged.
                }
            });
        }
        enough.await();
        killing.set(true);
        server.kill();
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(unexpected).isEmpty();
    }

    private static JsonNode create(Http api, String role, int n) {
        Http.Response response = api.post(CONTACTS, Map.of("name", "Durable " + role + " " + n,
                "email", "durable" + n + "@example.com", "phone", "+55 11 98888-8888",
                "tags", List.of("t" + n % 7, "durable"), "custom_fields", Map.of("n", n, "ok", true)));
        if (response.status() != 201) {
            throw new AssertionError("HTTP " + response.status() + ": " + response.body());
        }
        return response.data();
    }
}
