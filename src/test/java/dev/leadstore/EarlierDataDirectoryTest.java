package dev.leadstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadstore.support.Folders;
import dev.leadstore.support.Http;
import dev.leadstore.support.ServerProcess;
import dev.leadstore.support.TestApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * README "Upgrading": the `./data` folder of the release before the dependency upgrade (H2 2.4.240,
 * Flyway 11, schema v9; src/test/resources/dev/leadstore/upgrade/h2-2.4.240) is served as it is by
 * this build, with its old key, the same answers the old server gave, and room for new writes.
 */
class EarlierDataDirectoryTest {
    private static final String FIXTURE = "/dev/leadstore/upgrade/h2-2.4.240/";
    private static final String CONTACTS = "/external/v1/contacts";
    private static final String OPPORTUNITIES = "/external/v1/opportunities";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path dataDir = Folders.temporary("leadstore-upgrade-");

    @AfterEach
    void removeCopy() {
        Folders.delete(dataDir);
    }

    @Test
    void the_data_directory_of_h2_2_4_opens_and_answers_as_before_with_the_old_key() throws IOException {
        try (InputStream file = resource("leadstore.mv.db")) {
            Files.copy(file, dataDir.resolve("leadstore.mv.db"));
        }
        Properties fixture = new Properties();
        try (InputStream in = resource("fixture.properties")) {
            fixture.load(in);
        }
        Map<String, String> environment = Map.of("LEADSTORE_DATA_DIR", dataDir.toString());
        String newId;
        try (ServerProcess server = ServerProcess.start(environment)) {
            assertThat(server.output()).as("no new default account, no new key").noneMatch(l -> l.contains("gr_live_"));
            Http api = server.http().withHeader("X-API-Key", fixture.getProperty("key"));

            assertThat(api.get("/external/v1/self").expectStatus(200).data().at("/account/id").asText())
                    .isEqualTo(fixture.getProperty("account"));
            assertThat(api.get(CONTACTS + "?sort_by=name&sort_order=asc").expectStatus(200).json())
                    .isEqualTo(expected("contacts.json"));
            assertThat(api.get(OPPORTUNITIES).expectStatus(200).json()).isEqualTo(expected("opportunities.json"));

            JsonNode jane = expected("contacts.json").at("/data/contacts/1");
            assertThat(api.get(CONTACTS + "/" + jane.get("id").asText()).expectStatus(200).data()).isEqualTo(jane);
            assertThat(api.get(CONTACTS + "?tags=dach").expectStatus(200).data().at("/contacts/0/name").asText())
                    .isEqualTo("Zoë Müller");
            assertThat(api.post(CONTACTS, Map.of("name", "New", "email", "JANE@company.com")).errorCode())
                    .as("the old email index still holds").isEqualTo("ALREADY_EXISTS");

            newId = TestApp.createContact(api, Map.of("name", "Written after the upgrade", "tags", List.of("tech")))
                    .get("id").asText();
            assertThat(api.get(CONTACTS + "?tags=tech").data().at("/pagination/total").asLong()).isEqualTo(3);
        }
        try (ServerProcess again = ServerProcess.start(environment)) {
            Http api = again.http().withHeader("X-API-Key", fixture.getProperty("key"));
            assertThat(api.get(CONTACTS + "/" + newId).status()).isEqualTo(200);
            assertThat(api.get(CONTACTS).data().at("/pagination/total").asLong()).isEqualTo(4);
        }
    }

    private static JsonNode expected(String name) {
        try (InputStream in = resource(name)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = EarlierDataDirectoryTest.class.getResourceAsStream(FIXTURE + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + FIXTURE + name);
        }
        return in;
    }
}
