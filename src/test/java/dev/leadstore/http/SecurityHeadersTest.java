package dev.leadstore.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Every answer, success or error, forbids content sniffing and caching. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class SecurityHeadersTest {
    @Parameter
    TestApp app;

    @Test
    void every_kind_of_answer_carries_nosniff_and_no_store() {
        Http api = app.newTenant();
        List<Http.Response> responses = List.of(
                api.post("/external/v1/contacts", Map.of("name", "Headers")),
                api.get("/external/v1/contacts"),
                api.get("/external/v1/contacts/cnt_000000000000"),
                app.http().get("/external/v1/contacts"),
                app.http().get("/no/such/route"),
                app.http().delete("/external/v1/contacts"),
                app.http().get("/health"));
        assertThat(responses).allSatisfy(r -> {
            assertThat(r.header("X-Content-Type-Options")).as(r.body()).contains("nosniff");
            assertThat(r.header("Cache-Control")).as(r.body()).contains("no-store");
            assertThat(r.header("X-Request-Id")).as(r.body()).isPresent();
        });
    }
}
