package dev.leadstore.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract every test's answers are held to catches each kind of drift, and only drift. */
class ApiContractTest {
    private static final String ERROR_404 = "{\"success\":false,\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"No such\"}}";

    private final ApiContract contract = ApiContract.served();

    @Test
    void a_documented_answer_fits() {
        assertThat(problems("GET", "/health", answer(200, "{\"status\":\"ok\"}"))).isEmpty();
        assertThat(problems("GET", "/admin/v1/accounts/acc_000000000000?x=1", answer(404, ERROR_404))).isEmpty();
        assertThat(problems("GET", "http://localhost:1/nope/", answer(404, ERROR_404))).isEmpty();
    }

    @Test
    void an_undocumented_status_is_named_with_its_operation() {
        assertThatThrownBy(() -> contract.verify("GET", "/health", answer(201, "{\"status\":\"ok\"}")))
                .hasMessageContaining("GET /health (getHealth), status 201")
                .hasMessageContaining("status 201 is not documented");
        assertThat(problems("GET", "/nope", answer(201, "{\"status\":\"ok\"}")))
                .singleElement().asString().contains("status 201 is not documented");
    }

    @Test
    void a_body_that_does_not_fit_its_schema_is_a_drift() {
        assertThat(problems("GET", "/health", answer(200, "{\"status\":\"fine\"}")))
                .singleElement().asString().startsWith("the body: ").contains("status");
        assertThat(problems("GET", "/external/v1/contacts/cnt_000000000000",
                answer(404, ERROR_404.replace("NOT_FOUND", "GONE")))).anySatisfy(problem ->
                assertThat(problem).startsWith("the body: ").contains("/error/code"));
        assertThat(problems("GET", "/health", answer(200, "{\"status\":"))).singleElement().asString()
                .contains("not one JSON value");
    }

    @Test
    void required_headers_must_be_present_and_fit_their_schema() {
        Map<String, List<String>> headers = headers();
        headers.remove("X-Request-Id");
        headers.put("Cache-Control", List.of("public"));
        List<String> problems = problems("GET", "/health",
                new Http.Response(200, HttpHeaders.of(headers, (name, value) -> true), "{\"status\":\"ok\"}"));

        assertThat(problems).hasSize(2);
        assertThat(String.join("\n", problems)).contains("required header X-Request-Id is missing")
                .contains("Cache-Control: public");
    }

    @Test
    void head_and_empty_answers_are_held_to_status_and_headers_only() {
        assertThat(problems("HEAD", "/health", answer(200, ""))).isEmpty();
        assertThat(problems("HEAD", "/health", answer(201, ""))).isNotEmpty();
    }

    @Test
    void a_method_of_no_operation_gets_the_unrouted_answers() {
        String notAllowed = "{\"success\":false,\"error\":{\"code\":\"METHOD_NOT_ALLOWED\",\"message\":\"No\"}}";
        assertThat(problems("POST", "/health", answer(405, notAllowed))).isEmpty();
        assertThat(problems("OPTIONS", "/health", answer(200, ""))).isEmpty();
        assertThat(problems("POST", "/health", answer(200, "{\"status\":\"ok\"}"))).singleElement().asString()
                .contains("a body, where the document describes none");
    }

    private List<String> problems(String method, String target, Http.Response response) {
        return contract.problems(method, target, response);
    }

    private static Http.Response answer(int status, String body) {
        return new Http.Response(status, HttpHeaders.of(headers(), (name, value) -> true), body);
    }

    private static Map<String, List<String>> headers() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("Cache-Control", List.of("no-store"));
        headers.put("X-Content-Type-Options", List.of("nosniff"));
        headers.put("X-Request-Id", List.of("req_0123456789abcdef"));
        return headers;
    }
}
