package dev.leadstore.http;

import static dev.leadstore.http.ErrorEnvelopeTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/api.md §1: a URL over 8 KiB is 414 and headers over 16 KiB are 431, in our envelope. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class OversizedRequestTest {
    private static final String CONTACTS = "/external/v1/contacts";

    @Parameter
    TestApp app;

    /** A list URL of exactly `bytes` bytes. */
    private static String url(int bytes) {
        String prefix = CONTACTS + "?search=";
        return prefix + "a".repeat(bytes - prefix.length());
    }

    @Test
    void a_url_over_8_kib_is_414_and_one_of_8_kib_is_served() {
        Http api = app.newTenant();
        assertThat(api.get(url(8192)).status()).as("read, then refused for its over-long search").isEqualTo(400);
        assertError(api.get(url(8193)), 414, "URI_TOO_LONG");
        assertError(api.get(url(64 * 1024)), 414, "URI_TOO_LONG");
        assertError(app.http().get(url(9000)), 414, "URI_TOO_LONG");
        assertThat(api.get(CONTACTS + "?search=" + "a".repeat(900) + "&x=" + "b".repeat(7000)).status()).isEqualTo(200);
    }

    @Test
    void headers_over_16_kib_are_431_in_our_envelope() {
        Http api = app.newTenant();
        assertError(api.withHeader("X-Padding", "p".repeat(17 * 1024)).get(CONTACTS), 431, "HEADERS_TOO_LARGE");
        assertError(api.withHeader("X-Padding", "p".repeat(64 * 1024)).get(CONTACTS), 431, "HEADERS_TOO_LARGE");
        assertThat(api.withHeader("X-Padding", "p".repeat(15 * 1024)).get(CONTACTS).status()).isEqualTo(200);
    }
}
