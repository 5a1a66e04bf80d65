package dev.leadstore.http;

import static dev.leadstore.http.ErrorEnvelopeTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.Http;
import dev.leadstore.support.RawHttp;
import dev.leadstore.support.TestApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/api.md §1, hostile and sloppy input: a query that could be read two ways is refused with
 * 400 INVALID_PARAMETER naming the parameter, never guessed at and never a 500.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class HostileQueryTest {
    private static final List<String> LISTS = List.of("/external/v1/contacts", "/external/v1/opportunities");

    @Parameter
    TestApp app;

    private static void assertRefused(Http.Response response, String parameter) {
        assertError(response, 400, "INVALID_PARAMETER");
        assertThat(response.json().at("/error/details/parameter").asText()).as(response.body()).isEqualTo(parameter);
    }

    @Test
    void a_parameter_given_twice_is_refused_in_either_order() {
        Http api = app.newTenant();
        for (String list : LISTS) {
            assertRefused(api.get(list + "?limit=1&limit=1000"), "limit");
            assertRefused(api.get(list + "?limit=1000&limit=1"), "limit");
            assertRefused(api.get(list + "?search=a&page=1&search=b"), "search");
        }
        assertRefused(app.admin().get("/admin/v1/accounts?x=1&x=2"), "x");
    }

    @Test
    void numbers_in_other_scripts_are_not_numbers() {
        Http api = app.newTenant();
        for (String list : LISTS) {
            assertRefused(api.get(list + "?page=%D9%A3"), "page");
            assertRefused(api.get(list + "?limit=%EF%BC%95"), "limit");
            assertRefused(api.get(list + "?limit=%E0%A5%A8%E0%A5%A6"), "limit");
        }
    }

    @Test
    void values_that_are_not_percent_encoded_utf8_are_refused() {
        String key = app.newKey(app.newAccount("enterprise"), "*");
        for (String list : LISTS) {
            for (String search : List.of("%ff", "%", "%z1", "abc%2", "%C3%28", "%ED%A0%80", "%C0%AF")) {
                // Sent as raw bytes: a well-behaved client library would refuse to send such a URL at all.
                assertRefused(RawHttp.send(app.baseUrl(), "GET", list + "?search=" + search, new byte[0], false,
                        "X-API-Key", key), "search");
            }
        }
        assertThat(app.as(key).get(LISTS.get(0) + "?search=%C3%A9+x").status()).isEqualTo(200);
    }

    @Test
    void date_times_outside_years_0001_to_9999_are_refused_on_both_lists() {
        Http api = app.newTenant();
        for (String list : LISTS) {
            for (String parameter : List.of("created_after", "created_before", "updated_after", "updated_before")) {
                for (String value : List.of("-999999999-01-01T00:00:00Z", "%2B999999999-12-31T23:59:59Z",
                        "0000-12-31T23:59:59Z", "%2B10000-01-01T00:00:00Z", "-0001-01-01")) {
                    assertRefused(api.get(list + "?" + parameter + "=" + value), parameter);
                }
                assertThat(api.get(list + "?" + parameter + "=0001-01-01T00:00:00Z").status()).isEqualTo(200);
                assertThat(api.get(list + "?" + parameter + "=9999-12-31T23:59:59.999Z").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void the_opportunities_list_filters_by_creation_and_update_time_like_contacts() throws InterruptedException {
        Http api = app.newTenant();
        api.post("/external/v1/opportunities", Map.of("name", "Earlier")).expectStatus(201);
        Thread.sleep(5);
        String later = api.post("/external/v1/opportunities", Map.of("name", "Later")).expectStatus(201).data()
                .get("created_at").asText();
        assertThat(api.get("/external/v1/opportunities?created_before=" + later).expectStatus(200).data()
                .at("/opportunities/0/name").asText()).isEqualTo("Earlier");
        assertThat(api.get("/external/v1/opportunities?created_after=" + later).expectStatus(200).data()
                .at("/pagination/total").asInt()).isZero();
        assertThat(api.get("/external/v1/opportunities?updated_after=2000-01-01").expectStatus(200).data()
                .at("/pagination/total").asInt()).isEqualTo(2);
    }
}
