package dev.leadstore.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples of the two normative pages (docs/seeds/create-contact.txt, docs/seeds/update-contact.txt),
 * sent byte for byte as each documented client (curl, axios, Python requests) sends them.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class SeedExamplesTest {
    static final String ID = "cnt_[a-z0-9]{12}";
    static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    static final List<String> CONTACT_FIELDS = List.of("id", "name", "email", "phone", "company", "position",
            "source", "linkedin_url", "tags", "custom_fields", "created_at", "updated_at");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CONTACTS = "/external/v1/contacts";

    private static final String CREATE_CURL = """
            {
            "name": "Jane Smith",
            "email": "jane@company.com",
            "phone": "+5511988888888",
            "company": "Tech Corp",
            "position": "CTO",
            "tags": ["hot-lead", "tech"]
            }""";
    private static final String CREATE_AXIOS = "{\"name\":\"Jane Smith\",\"email\":\"jane@company.com\","
            + "\"phone\":\"+5511988888888\",\"company\":\"Tech Corp\",\"position\":\"CTO\",\"tags\":[\"hot-lead\",\"tech\"]}";
    private static final String CREATE_PYTHON = "{\"name\": \"Jane Smith\", \"email\": \"jane@company.com\", "
            + "\"phone\": \"+5511988888888\", \"company\": \"Tech Corp\", \"position\": \"CTO\", "
            + "\"tags\": [\"hot-lead\", \"tech\"]}";
    private static final String CREATE_RESPONSE = """
            {
            "success": true,
            "data": {
            "id": "cnt_xyz789abc123",
            "name": "Jane Smith",
            "email": "jane@company.com",
            "phone": "+5511988888888",
            "company": "Tech Corp",
            "position": "CTO",
            "source": "other",
            "tags": ["hot-lead", "tech"],
            "custom_fields": {},
            "created_at": "2024-01-25T09:00:00Z",
            "updated_at": "2024-01-25T09:00:00Z"
            }
            }""";

    private static final String UPDATE_CURL = "{\n    \"position\": \"VP of Engineering\",\n"
            + "    \"tags\": [\"hot-lead\", \"enterprise\"]\n  }";
    private static final String UPDATE_AXIOS = "{\"position\":\"VP of Engineering\",\"tags\":[\"hot-lead\",\"enterprise\"]}";
    private static final String UPDATE_PYTHON = "{\"position\": \"VP of Engineering\", \"tags\": [\"hot-lead\", \"enterprise\"]}";
    private static final String UPDATE_RESPONSE = """
            {
              "success": true,
              "data": {
                "id": "cnt_abc123def456",
                "name": "John Doe",
                "email": "john@example.com",
                "phone": "+5511999999999",
                "company": "Acme Inc",
                "position": "VP of Engineering",
                "source": "linkedin",
                "linkedin_url": "https://linkedin.com/in/johndoe",
                "tags": ["hot-lead", "enterprise"],
                "custom_fields": {},
                "created_at": "2024-01-15T10:30:00Z",
                "updated_at": "2024-01-25T10:00:00Z"
              }
            }""";

    @Parameter
    TestApp app;

    @Test
    void the_curl_create_example_answers_201_with_the_documented_contact() {
        createAndCheck(app.as(writeKey()), CONTACTS, CREATE_CURL);
    }

    @Test
    void the_javascript_create_example_answers_201_with_the_documented_contact() {
        createAndCheck(app.as(writeKey()), CONTACTS, CREATE_AXIOS);
    }

    @Test
    void the_python_create_example_answers_201_with_the_documented_contact() {
        createAndCheck(app.as(writeKey()), CONTACTS, CREATE_PYTHON);
    }

    @Test
    void the_create_example_works_with_the_key_as_a_bearer_token() {
        createAndCheck(app.http().withHeader("Authorization", "Bearer " + writeKey()), CONTACTS, CREATE_CURL);
    }

    @Test
    void the_create_example_works_with_the_key_as_a_query_parameter() {
        createAndCheck(app.http(), CONTACTS + "?api_key=" + writeKey(), CREATE_CURL);
    }

    @Test
    void the_created_contact_reads_back_exactly_as_created() {
        String account = app.newAccount("enterprise");
        JsonNode created = createAndCheck(app.as(app.newKey(account, "contacts:write")), CONTACTS, CREATE_CURL);
        Http reader = app.as(app.newKey(account, "contacts:read"));
        assertThat(reader.get(CONTACTS + "/" + created.get("id").asText()).expectStatus(200).data()).isEqualTo(created);
    }

    @Test
    void the_curl_update_example_answers_200_with_the_documented_contact() {
        updateAndCheck("PUT", UPDATE_CURL);
    }

    @Test
    void the_javascript_update_example_answers_200_with_the_documented_contact() {
        updateAndCheck("PUT", UPDATE_AXIOS);
    }

    @Test
    void the_python_update_example_answers_200_with_the_documented_contact() {
        updateAndCheck("PUT", UPDATE_PYTHON);
    }

    @Test
    void patch_is_an_alias_of_put_for_the_update_example() {
        updateAndCheck("PATCH", UPDATE_CURL);
    }

    @Test
    void the_documented_id_of_the_update_example_is_not_found_in_a_fresh_account() {
        Http.Response response = app.newTenant().send("PUT", CONTACTS + "/cnt_abc123def456", "application/json", UPDATE_CURL);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("NOT_FOUND");
    }

    private String writeKey() {
        return app.newKey(app.newAccount("enterprise"), "contacts:write");
    }

    /** Sends the body verbatim and checks the answer against the documented response; returns `data`. */
    private JsonNode createAndCheck(Http client, String path, String body) {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Http.Response response = client.send("POST", path, "application/json", body).expectStatus(201);
        Instant after = Instant.now();
        JsonNode data = assertDocumented(response, CREATE_RESPONSE);
        Instant created = Instant.parse(data.get("created_at").asText());
        assertThat(created).isBetween(before, after);
        assertThat(data.get("updated_at")).isEqualTo(data.get("created_at"));
        return data;
    }

    private void updateAndCheck(String method, String body) {
        Http api = app.as(app.newKey(app.newAccount("enterprise"), "contacts:write"));
        JsonNode john = TestApp.createContact(api, Map.of("name", "John Doe", "email", "john@example.com",
                "phone", "+5511999999999", "company", "Acme Inc", "source", "linkedin",
                "linkedin_url", "https://linkedin.com/in/johndoe"));
        String id = john.get("id").asText();

        Http.Response response = api.send(method, CONTACTS + "/" + id, "application/json", body).expectStatus(200);

        JsonNode data = assertDocumented(response, UPDATE_RESPONSE);
        assertThat(data.get("id").asText()).isEqualTo(id);
        assertThat(data.get("created_at")).isEqualTo(john.get("created_at"));
        assertThat(Instant.parse(data.get("updated_at").asText())).isAfter(Instant.parse(john.get("updated_at").asText()));
    }

    /**
     * The response must be the documented one field for field, except the id and the timestamps,
     * which must only have the documented form; a field the page leaves out must still be present.
     */
    private static JsonNode assertDocumented(Http.Response response, String documented) {
        assertThat(response.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode json = response.json();
        assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("success", "data");
        assertThat(json.get("success").isBoolean() && json.get("success").booleanValue()).isTrue();
        JsonNode data = json.get("data");
        assertThat(data.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(CONTACT_FIELDS);
        assertThat(data.get("id").asText()).matches(ID);
        assertThat(data.get("created_at").asText()).matches(TIMESTAMP);
        assertThat(data.get("updated_at").asText()).matches(TIMESTAMP);

        ObjectNode expected = (ObjectNode) parse(documented).get("data");
        if (!expected.has("linkedin_url")) {
            expected.putNull("linkedin_url");
        }
        expected.set("id", data.get("id"));
        expected.set("created_at", data.get("created_at"));
        expected.set("updated_at", data.get("updated_at"));
        assertThat(data).isEqualTo(expected);
        return data;
    }

    private static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
