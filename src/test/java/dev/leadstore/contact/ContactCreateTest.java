package dev.leadstore.contact;

import static dev.leadstore.contact.ContactChecks.CONTACTS;
import static dev.leadstore.contact.ContactChecks.assertRefused;
import static dev.leadstore.contact.ContactChecks.body;
import static dev.leadstore.contact.ContactChecks.contact;
import static dev.leadstore.contact.ContactChecks.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /contacts: the rules of the person fields, source, and of the body as a whole (docs/api.md §1.6, §4.1, §4.2). */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ContactCreateTest {
    @Parameter
    TestApp app;

    private Http api;

    @BeforeEach
    void tenant() {
        api = app.newTenant();
    }

    private JsonNode create(Map<String, Object> body) {
        return api.post(CONTACTS, body).expectStatus(201).data();
    }

    @Test
    void name_is_required_and_never_null() {
        assertRefused(api.post(CONTACTS, Map.of()), "VALIDATION_ERROR", "name");
        assertRefused(api.post(CONTACTS, Map.of("email", "ann@example.com")), "VALIDATION_ERROR", "name");
        assertRefused(api.post(CONTACTS, body("name", null)), "VALIDATION_ERROR", "name");
    }

    @Test
    void name_is_trimmed() {
        assertThat(create(contact("name", "   Ann Lee  ")).get("name").asText()).isEqualTo("Ann Lee");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "     "})
    void name_empty_after_trimming_is_refused(String name) {
        assertRefused(api.post(CONTACTS, contact("name", name)), "VALIDATION_ERROR", "name");
    }

    @Test
    void name_company_and_position_accept_255_characters_and_refuse_256() {
        String max = "n".repeat(255);
        JsonNode created = create(contact("name", max, "company", max, "position", max));
        assertThat(List.of(created.get("name").asText(), created.get("company").asText(),
                created.get("position").asText())).containsOnly(max);
        String over = max + "n";
        assertRefused(api.post(CONTACTS, contact("name", over, "company", over, "position", over)),
                "VALIDATION_ERROR", "name", "company", "position");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane@company.com", "Jane.Doe@Company.COM", "first.last+tag@sub.example.co.uk",
            "o'brien_x-y@example.ie", "user@bücher.de", "user@xn--bcher-kva.de", "user@例え.jp", "user@münchen.рф"})
    void valid_emails_including_international_domains_are_accepted_and_stored_as_given(String email) {
        assertThat(create(contact("email", email)).get("email").asText()).isEqualTo(email);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plainaddress", "@example.com", "user@", "user@example", "user@@example.com",
            "user name@example.com", "user@exa mple.com", "user@example..com", ".user@example.com",
            "user.@example.com", "user@-example.com", "user@.example.com", "user@example.com@example.com",
            "user@example.c_m"})
    void an_invalid_email_alone_is_INVALID_EMAIL(String email) {
        assertRefused(api.post(CONTACTS, contact("email", email)), "INVALID_EMAIL", "email");
    }

    @Test
    void an_email_of_254_characters_is_accepted_and_255_is_INVALID_EMAIL() {
        String domain = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(57) + ".com";
        String email = "l".repeat(64) + "@" + domain;
        assertThat(email).hasSize(254);
        assertThat(create(contact("email", email)).get("email").asText()).isEqualTo(email);
        String tooLong = "l".repeat(64) + "@d" + domain;
        assertRefused(api.post(CONTACTS, contact("email", tooLong)), "INVALID_EMAIL", "email");
    }

    @Test
    void an_invalid_email_with_other_problems_is_VALIDATION_ERROR_naming_them_all() {
        assertRefused(api.post(CONTACTS, body("name", "", "email", "nope")), "VALIDATION_ERROR", "name", "email");
        assertRefused(api.post(CONTACTS, contact("email", "nope", "phone", "call me")),
                "VALIDATION_ERROR", "email", "phone");
    }

    @Test
    void a_duplicate_email_in_any_case_is_409_with_the_existing_id() {
        JsonNode first = create(contact("email", "Jane@Company.com"));
        assertThat(first.get("email").asText()).isEqualTo("Jane@Company.com");
        for (String again : List.of("Jane@Company.com", "jane@company.com", "JANE@COMPANY.COM")) {
            Http.Response response = api.post(CONTACTS, body("name", "Other", "email", again));
            assertThat(response.status()).isEqualTo(409);
            assertThat(response.errorCode()).isEqualTo("ALREADY_EXISTS");
            assertThat(response.json().at("/error/details/existing_id").asText()).isEqualTo(id(first));
        }
        assertThat(api.get(CONTACTS + "?email=jane@company.com").data().at("/pagination/total").asInt()).isEqualTo(1);
    }

    @Test
    void the_same_email_may_exist_once_in_each_account() {
        create(contact("email", "shared@example.com"));
        Http other = app.newTenant();
        assertThat(other.post(CONTACTS, contact("email", "shared@example.com")).status()).isEqualTo(201);
    }

    @Test
    void many_contacts_may_have_no_email() {
        create(contact());
        create(contact("email", null));
        create(contact());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+55 11 98888-8888|+5511988888888", "+5511988888888|+5511988888888",
            "+55 (11) 98888 8888|+5511988888888", "+1 (415) 555-2671|+14155552671",
            "+1.415.555.2671|+14155552671", "+44 20 7946 0958|+442079460958", "+49 30 1234567|+49301234567"})
    void phones_in_common_formats_are_stored_in_E164(String given, String stored) {
        assertThat(create(contact("phone", given)).get("phone").asText()).isEqualTo(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"call me", "abc", "+", "+55", "98888-8888", "+999 1234 5678"})
    void unparseable_phones_are_refused(String phone) {
        assertRefused(api.post(CONTACTS, contact("phone", phone)), "VALIDATION_ERROR", "phone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://linkedin.com/in/jane", "https://www.linkedin.com/in/jane-doe-123/",
            "http://br.linkedin.com/in/jane", "https://linkedin.com/company/acme?trk=x#about"})
    void linkedin_urls_on_linkedin_com_or_a_subdomain_are_accepted_as_given(String url) {
        assertThat(create(contact("linkedin_url", url)).get("linkedin_url").asText()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://linkedin.com.evil.com/in/jane", "ftp://linkedin.com/x", "linkedin.com/in/jane",
            "https://evil.com/linkedin.com", "https://notlinkedin.com/in/jane", "https://linkedin.com@evil.com/in/x",
            "javascript:alert(1)", "https://evil.com/?u=https://linkedin.com", "//linkedin.com/in/jane", "https://"})
    void other_urls_are_refused_as_linkedin_url(String url) {
        assertRefused(api.post(CONTACTS, contact("linkedin_url", url)), "VALIDATION_ERROR", "linkedin_url");
    }

    @Test
    void a_linkedin_url_of_2048_characters_is_accepted_and_2049_refused() {
        String prefix = "https://www.linkedin.com/in/";
        String url = prefix + "a".repeat(2048 - prefix.length());
        assertThat(create(contact("linkedin_url", url)).get("linkedin_url").asText()).isEqualTo(url);
        assertRefused(api.post(CONTACTS, contact("linkedin_url", url + "a")), "VALIDATION_ERROR", "linkedin_url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"linkedin", "google_maps", "list", "paid_traffic", "website", "referral", "other",
            "x", "web2", "a_b_c", "2024"})
    void sources_of_lowercase_letters_digits_and_underscores_are_accepted(String source) {
        assertThat(create(contact("source", source)).get("source").asText()).isEqualTo(source);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "LinkedIn", "google maps", "google-maps", "café", " other"})
    void other_sources_are_refused(String source) {
        assertRefused(api.post(CONTACTS, contact("source", source)), "VALIDATION_ERROR", "source");
    }

    @Test
    void a_source_of_50_characters_is_accepted_and_51_refused() {
        assertThat(create(contact("source", "s".repeat(50))).get("source").asText()).isEqualTo("s".repeat(50));
        assertRefused(api.post(CONTACTS, contact("source", "s".repeat(51))), "VALIDATION_ERROR", "source");
    }

    @Test
    void source_defaults_to_other_when_absent_or_null() {
        assertThat(create(contact()).get("source").asText()).isEqualTo("other");
        assertThat(create(contact("source", null)).get("source").asText()).isEqualTo("other");
    }

    @Test
    void null_means_not_given_for_every_optional_field() {
        JsonNode created = create(contact("email", null, "phone", null, "company", null, "position", null,
                "linkedin_url", null, "source", null, "tags", null, "custom_fields", null));
        for (String field : List.of("email", "phone", "company", "position", "linkedin_url")) {
            assertThat(created.get(field).isNull()).as(field).isTrue();
        }
        assertThat(created.get("source").asText()).isEqualTo("other");
        assertThat(created.get("tags")).hasToString("[]");
        assertThat(created.get("custom_fields")).hasToString("{}");
        assertThat(ContactChecks.get(api, id(created))).isEqualTo(created);
    }

    @Test
    void unknown_and_read_only_fields_are_refused_each_by_name() {
        assertRefused(api.post(CONTACTS, contact("id", "cnt_abcdefabcdef", "created_at", "2024-01-25T09:00:00.000Z",
                "updated_at", "2024-01-25T09:00:00.000Z", "nickname", "Annie", "Name", "Ann")),
                "VALIDATION_ERROR", "id", "created_at", "updated_at", "nickname", "Name");
    }

    @Test
    void every_bad_field_is_named_at_once() {
        assertRefused(api.post(CONTACTS, body("name", 12345, "email", "nope", "phone", "call me",
                "company", "c".repeat(256), "position", List.of("CTO"), "linkedin_url", "ftp://linkedin.com/x",
                "source", "Web Site", "tags", "hot-lead", "custom_fields", List.of(), "extra", true)),
                "VALIDATION_ERROR", "name", "email", "phone", "company", "position", "linkedin_url", "source",
                "tags", "custom_fields", "extra");
    }

    @Test
    void types_are_never_coerced() {
        for (Object name : List.of(12345, true, 1.5, List.of("Ann"), Map.of("first", "Ann"))) {
            assertRefused(api.post(CONTACTS, body("name", name)), "VALIDATION_ERROR", "name");
        }
        assertRefused(api.post(CONTACTS, contact("phone", 5511988888888L)), "VALIDATION_ERROR", "phone");
        assertRefused(api.post(CONTACTS, contact("company", 42)), "VALIDATION_ERROR", "company");
        assertRefused(api.post(CONTACTS, contact("source", false)), "VALIDATION_ERROR", "source");
        assertRefused(api.post(CONTACTS, contact("tags", "12")), "VALIDATION_ERROR", "tags");
        assertRefused(api.post(CONTACTS, contact("custom_fields", "12")), "VALIDATION_ERROR", "custom_fields");
    }

    @Test
    void a_refused_create_stores_nothing() {
        assertRefused(api.post(CONTACTS, contact("email", "kept@example.com", "phone", "nope")),
                "VALIDATION_ERROR", "phone");
        assertThat(api.get(CONTACTS).data().at("/pagination/total").asInt()).isZero();
        assertThat(api.post(CONTACTS, contact("email", "kept@example.com")).status()).isEqualTo(201);
    }
}
