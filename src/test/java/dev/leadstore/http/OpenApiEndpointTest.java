package dev.leadstore.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.leadstore.support.Http;
import dev.leadstore.support.RawHttp;
import dev.leadstore.support.TestApp;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/api.md §7.4: GET /openapi.json serves src/main/resources/openapi.yaml as JSON, to anyone. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class OpenApiEndpointTest {
    @Parameter
    TestApp app;

    @Test
    void serves_the_yaml_document_as_json_without_a_key() throws IOException {
        Http.Response response = app.http().get("/openapi.json").expectStatus(200);

        assertThat(response.header("Content-Type")).contains("application/json");
        assertThat(response.header("X-RateLimit-Limit")).isEmpty();
        assertThat(response.json()).isEqualTo(yaml());
        JsonNode document = response.json();
        assertThat(document.get("openapi").isTextual()).isTrue();
        assertThat(document.at("/paths/~1openapi.json/get/operationId").asText()).isEqualTo("getOpenApiDocument");
        assertThat(document.at("/paths/~1health/get/responses").has("200")).isTrue();
    }

    @Test
    void a_plain_http_client_gets_the_same_document() throws IOException {
        Http.Response response = RawHttp.send(app.baseUrl(), "GET", "/openapi.json", new byte[0], false);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(yaml());
    }

    @Test
    void head_answers_as_get_without_a_body() {
        Http.Response head = app.http().send("HEAD", "/openapi.json", null, null);

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Type")).contains("application/json");
    }

    @Test
    void other_methods_are_405() {
        Http.Response response = app.http().post("/openapi.json", "{}");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    private static JsonNode yaml() throws IOException {
        try (InputStream in = OpenApiEndpointTest.class.getResourceAsStream("/openapi.yaml")) {
            return new YAMLMapper().readTree(in);
        }
    }
}
