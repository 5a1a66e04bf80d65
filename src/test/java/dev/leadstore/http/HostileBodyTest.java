package dev.leadstore.http;

import static dev.leadstore.http.ErrorEnvelopeTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/api.md §1, hostile and sloppy input: bodies that are not plain UTF-8 JSON, and values that
 * would be silently changed if accepted, are refused with their 4xx and leave nothing stored.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class HostileBodyTest {
    private static final String CONTACTS = "/external/v1/contacts";
    private static final String JSON = "{\"name\":\"Encoded\",\"email\":\"enc@example.com\"}";

    @Parameter
    TestApp app;

    private static long total(Http api) {
        return api.get(CONTACTS).expectStatus(200).data().at("/pagination/total").asLong();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = new byte[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void bodies_in_other_encodings_than_utf8_are_400_and_store_nothing() {
        Http api = app.newTenant();
        List<byte[]> bodies = List.of(
                JSON.getBytes(StandardCharsets.UTF_16LE),
                JSON.getBytes(StandardCharsets.UTF_16BE),
                JSON.getBytes(StandardCharsets.UTF_16),
                concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, JSON.getBytes(StandardCharsets.UTF_16LE)),
                JSON.getBytes(Charset.forName("UTF-32LE")),
                JSON.getBytes(Charset.forName("UTF-32BE")),
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, JSON.getBytes(StandardCharsets.UTF_8)),
                "{\"name\":\"\u00c1\"}".getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] body : bodies) {
            assertError(api.sendBytes("POST", CONTACTS, "application/json", body), 400, "VALIDATION_ERROR");
        }
        assertThat(total(api)).isZero();
    }

    @Test
    void overlong_forms_and_encoded_surrogates_are_not_read_as_characters() {
        Http api = app.newTenant();
        for (byte[] sneaky : List.of(new byte[] {(byte) 0xC1, (byte) 0xA1}, new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80})) {
            byte[] body = concat(concat("{\"name\":\"x".getBytes(StandardCharsets.UTF_8), sneaky),
                    "\"}".getBytes(StandardCharsets.UTF_8));
            assertError(api.sendBytes("POST", CONTACTS, "application/json", body), 400, "VALIDATION_ERROR");
        }
        assertThat(total(api)).isZero();
    }

    @Test
    void a_content_encoding_other_than_identity_is_415() {
        Http api = app.newTenant();
        for (String encoding : List.of("br", "gzip", "deflate", "compress, identity")) {
            assertError(api.withHeader("Content-Encoding", encoding).post(CONTACTS, JSON), 415, "UNSUPPORTED_MEDIA_TYPE");
        }
        assertThat(total(api)).isZero();
        api.withHeader("Content-Encoding", "identity").post(CONTACTS, JSON).expectStatus(201);
    }

    @Test
    void a_charset_other_than_utf8_is_415_and_utf8_in_any_spelling_is_accepted() {
        Http api = app.newTenant();
        for (String type : List.of("application/json; charset=utf-16", "application/json;charset=ISO-8859-1",
                "application/json; charset=\"utf-32\"")) {
            assertError(api.send("POST", CONTACTS, type, JSON), 415, "UNSUPPORTED_MEDIA_TYPE");
        }
        assertThat(total(api)).isZero();
        int n = 0;
        for (String type : List.of("application/json; charset=UTF-8", "application/json;charset=\"utf-8\"",
                "application/json; charset=utf8")) {
            api.send("POST", CONTACTS, type, "{\"name\":\"Charset " + n++ + "\"}").expectStatus(201);
        }
    }

    @Test
    void custom_field_numbers_must_be_finite_doubles() {
        Http api = app.newTenant();
        for (String number : List.of("1e999999999", "-1e400", "1e309", "1" + "0".repeat(400))) {
            Http.Response refused = api.post(CONTACTS, "{\"name\":\"n\",\"custom_fields\":{\"x\":" + number + "}}");
            assertError(refused, 400, "VALIDATION_ERROR");
            assertThat(refused.json().at("/error/details/fields/custom_fields").asText()).contains("finite");
        }
        assertThat(total(api)).isZero();
        api.post(CONTACTS, "{\"name\":\"n\",\"custom_fields\":{\"x\":1.7976931348623157e308,\"y\":-4.9e-324}}")
                .expectStatus(201);
    }

    @Test
    void a_phone_with_an_extension_is_400_not_silently_shortened() {
        Http api = app.newTenant();
        for (String phone : List.of("+1 (555) 123-4567 ext. 89", "+1 555 123 4567 x89", "+15551234567;ext=89",
                "+44 20 7946 0958 extension 12")) {
            Http.Response refused = api.post(CONTACTS, Map.of("name", "Ext", "phone", phone));
            assertError(refused, 400, "VALIDATION_ERROR");
            assertThat(refused.json().at("/error/details/fields/phone").asText()).contains("extension");
        }
        assertThat(total(api)).isZero();
        assertThat(api.post(CONTACTS, Map.of("name", "Plain", "phone", "+1 (555) 123-4567")).expectStatus(201)
                .data().get("phone").asText()).isEqualTo("+15551234567");
    }

    @Test
    void one_address_in_three_spellings_of_its_domain_is_one_contact() {
        Http api = app.newTenant();
        String id = TestApp.createContact(api, Map.of("name", "Munich", "email", "x@münchen.de")).get("id").asText();
        for (String spelling : List.of("x@xn--mnchen-3ya.de", "x@mu\u0308nchen.de", "X@MÜNCHEN.DE", "x@XN--MNCHEN-3YA.de")) {
            Http.Response duplicate = api.post(CONTACTS, Map.of("name", "Again", "email", spelling));
            assertError(duplicate, 409, "ALREADY_EXISTS");
            assertThat(duplicate.json().at("/error/details/existing_id").asText()).isEqualTo(id);
        }
        assertThat(api.get(CONTACTS + "/" + id).expectStatus(200).data().get("email").asText())
                .as("stored as given").isEqualTo("x@münchen.de");
        assertThat(api.get(CONTACTS + "?email=x@xn--mnchen-3ya.de").expectStatus(200).data()
                .at("/contacts/0/id").asText()).isEqualTo(id);
        assertThat(total(api)).isEqualTo(1);
    }

    @Test
    void null_on_create_means_not_given_for_an_accounts_plan_and_a_stage_of_any_other_type_is_invalid_status() {
        Http.Response account = app.admin().post("/admin/v1/accounts", "{\"name\":\"Null plan\",\"plan\":null}");
        assertThat(account.expectStatus(201).data().get("plan").asText()).isEqualTo("pro");
        Http api = app.newTenant();
        for (String status : List.of("123", "true", "[\"won\"]", "{}")) {
            assertError(api.post("/external/v1/opportunities", "{\"name\":\"Deal\",\"status\":" + status + "}"), 400,
                    "INVALID_STATUS");
            assertError(api.post("/external/v1/opportunities", "{\"name\":\"Deal\",\"source\":" + status + "}"), 400,
                    "INVALID_SOURCE");
        }
    }

    @Test
    void key_expiry_dates_outside_years_0001_to_9999_or_in_the_past_are_400() {
        String account = app.newAccount("pro");
        for (String expires : List.of("-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "10000-01-01",
                "2001-01-01T00:00:00Z", "0001-01-01", "9999-12-31T23:59:59-01:00")) {
            Http.Response refused = app.admin().post("/admin/v1/accounts/" + account + "/api-keys",
                    Map.of("name", "k", "permissions", List.of("*"), "expires_at", expires));
            assertError(refused, 400, "VALIDATION_ERROR");
            assertThat(refused.json().at("/error/details/fields/expires_at").isTextual()).as(expires).isTrue();
        }
        assertThat(app.admin().get("/admin/v1/accounts/" + account + "/api-keys").expectStatus(200).data()
                .get("api_keys")).isEmpty();
        app.admin().post("/admin/v1/accounts/" + account + "/api-keys",
                Map.of("name", "k", "permissions", List.of("*"), "expires_at", "9999-12-31T23:59:59Z")).expectStatus(201);
    }
}
