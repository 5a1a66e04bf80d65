package dev.leadstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** GET /bench/ping exists only for the benchmark, behind LEADSTORE_BENCH_ENDPOINT=true. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class BenchEndpointTest {
    @Parameter
    TestApp app;

    @Test
    void bench_ping_is_an_unknown_route_when_the_flag_is_off() {
        Http.Response response = app.http().get("/bench/ping");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("NOT_FOUND");
    }
}
