package dev.leadstore.contact;

import static dev.leadstore.contact.ContactChecks.CONTACTS;
import static dev.leadstore.contact.ContactChecks.assertRefused;
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
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Strings in contacts (docs/api.md §1.7): lengths in code points, no control characters outside notes,
 * and any other text stored and returned byte for byte by both databases.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ContactCreateTextTest {
    private static final String EMOJI = "\uD83D\uDE00";
    private static final String FAMILY = "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
    private static final String DECOMPOSED = "Jose\u0301 Zoe\u0308";
    private static final String COMPOSED = "Jos\u00e9 Zo\u00eb";
    private static final String HEBREW = "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd";
    private static final String ARABIC = "\u0645\u062f\u064a\u0631 \u0627\u0644\u0645\u0628\u064a\u0639\u0627\u062a";
    private static final String MIXED = "Ana \uD83C\uDDE7\uD83C\uDDF7 \uD835\uDD18\uD835\uDD2B\uD835\uDD26 \u65e5\u672c\u8a9e "
            + "\uD83D\uDC4D\uD83C\uDFFD " + ARABIC + " (RTL) a\u0308\u0301";

    @Parameter
    TestApp app;

    private Http api;

    @BeforeEach
    void tenant() {
        api = app.newTenant();
    }

    private JsonNode create(Map<String, Object> body) {
        JsonNode created = api.post(CONTACTS, body).expectStatus(201).data();
        assertThat(ContactChecks.get(api, id(created))).isEqualTo(created);
        return created;
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0001", "\u001f", "\u007f", "\u0085", "\u009f", "\t", "\n", "\r"})
    void control_characters_tab_and_newline_are_refused_in_every_text_field(String control) {
        String text = "Ann" + control + "Lee";
        assertRefused(api.post(CONTACTS, contact("name", text)), "VALIDATION_ERROR", "name");
        assertRefused(api.post(CONTACTS, contact("company", text)), "VALIDATION_ERROR", "company");
        assertRefused(api.post(CONTACTS, contact("position", text)), "VALIDATION_ERROR", "position");
        assertRefused(api.post(CONTACTS, contact("linkedin_url", "https://linkedin.com/in/" + text)),
                "VALIDATION_ERROR", "linkedin_url");
        assertRefused(api.post(CONTACTS, contact("source", "web" + control)), "VALIDATION_ERROR", "source");
        assertRefused(api.post(CONTACTS, contact("tags", List.of("ok", text))), "VALIDATION_ERROR", "tags");
        assertRefused(api.post(CONTACTS, contact("custom_fields", Map.of("k", text))), "VALIDATION_ERROR", "custom_fields");
        assertRefused(api.post(CONTACTS, contact("custom_fields", Map.of(text, "v"))), "VALIDATION_ERROR", "custom_fields");
        assertRefused(api.post(CONTACTS, contact("name", "Ann", "company", text, "position", text)),
                "VALIDATION_ERROR", "company", "position");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\t", "\n", "\r"})
    void control_characters_at_the_ends_of_trimmed_fields_are_refused_not_trimmed(String control) {
        assertRefused(api.post(CONTACTS, contact("name", "Ann Lee" + control)), "VALIDATION_ERROR", "name");
        assertRefused(api.post(CONTACTS, contact("name", control + "Ann Lee")), "VALIDATION_ERROR", "name");
        assertRefused(api.post(CONTACTS, contact("tags", List.of(control + "vip"))), "VALIDATION_ERROR", "tags");
    }

    @Test
    void a_control_character_in_an_email_is_refused() {
        // Both codes are defensible here (an invalid address, a forbidden character); the field must be named.
        Http.Response response = api.post(CONTACTS, contact("email", "ann\u0000@example.com"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isIn("INVALID_EMAIL", "VALIDATION_ERROR");
        assertThat(response.json().at("/error/details/fields").has("email")).isTrue();
    }

    @Test
    void lengths_count_code_points_so_255_emoji_fit_and_256_do_not() {
        String max = EMOJI.repeat(255);
        assertThat(max).hasSize(510);
        JsonNode created = create(contact("name", max, "company", max, "position", max));
        assertThat(created.get("name").asText()).isEqualTo(max);
        assertThat(created.get("company").asText()).isEqualTo(max);
        assertThat(created.get("position").asText()).isEqualTo(max);
        assertRefused(api.post(CONTACTS, contact("name", max + EMOJI)), "VALIDATION_ERROR", "name");
        assertRefused(api.post(CONTACTS, contact("company", max + EMOJI)), "VALIDATION_ERROR", "company");
    }

    @Test
    void combining_marks_count_as_code_points_of_their_own() {
        String max = "e\u0301".repeat(127) + "e";
        assertThat(max.codePointCount(0, max.length())).isEqualTo(255);
        assertThat(create(contact("name", max)).get("name").asText()).isEqualTo(max);
        assertRefused(api.post(CONTACTS, contact("name", max + "\u0301")), "VALIDATION_ERROR", "name");
    }

    @Test
    void tags_and_custom_field_keys_of_64_emoji_fit_and_65_do_not() {
        String max = EMOJI.repeat(64);
        JsonNode created = create(contact("tags", List.of(max), "custom_fields", Map.of(max, max)));
        assertThat(created.at("/tags/0").asText()).isEqualTo(max);
        assertThat(created.at("/custom_fields").has(max)).isTrue();
        assertRefused(api.post(CONTACTS, contact("tags", List.of(max + EMOJI))), "VALIDATION_ERROR", "tags");
        assertRefused(api.post(CONTACTS, contact("custom_fields", Map.of(max + EMOJI, 1))), "VALIDATION_ERROR",
                "custom_fields");
    }

    @Test
    void emoji_combining_marks_and_right_to_left_text_round_trip_byte_for_byte() {
        JsonNode created = create(contact("name", MIXED, "company", HEBREW, "position", ARABIC,
                "tags", List.of(FAMILY, DECOMPOSED, COMPOSED, HEBREW),
                "custom_fields", Map.of(HEBREW, MIXED, FAMILY, DECOMPOSED)));
        JsonNode read = ContactChecks.get(api, id(created));
        for (JsonNode contact : List.of(created, read)) {
            assertThat(contact.get("name").asText()).isEqualTo(MIXED);
            assertThat(contact.get("company").asText()).isEqualTo(HEBREW);
            assertThat(contact.get("position").asText()).isEqualTo(ARABIC);
            assertThat(contact.get("tags")).extracting(JsonNode::textValue)
                    .containsExactly(FAMILY, DECOMPOSED, COMPOSED, HEBREW);
            assertThat(contact.at("/custom_fields").get(HEBREW).asText()).isEqualTo(MIXED);
            assertThat(contact.at("/custom_fields").get(FAMILY).asText()).isEqualTo(DECOMPOSED);
        }
    }

    @Test
    void composed_and_decomposed_forms_stay_distinct() {
        assertThat(create(contact("name", DECOMPOSED)).get("name").asText()).isEqualTo(DECOMPOSED).isNotEqualTo(COMPOSED);
        assertThat(create(contact("name", COMPOSED)).get("name").asText()).isEqualTo(COMPOSED);
    }

    @Test
    void escaped_and_raw_utf8_bodies_give_the_same_text() {
        String escaped = "{\"name\": \"\\u05e9\\u05dc\\u05d5\\u05dd \\ud83d\\ude00\"}";
        String raw = "{\"name\": \"" + HEBREW.substring(0, 4) + " " + EMOJI + "\"}";
        JsonNode fromEscaped = api.send("POST", CONTACTS, "application/json", escaped).expectStatus(201).data();
        JsonNode fromRaw = api.send("POST", CONTACTS, "application/json", raw).expectStatus(201).data();
        assertThat(fromEscaped.get("name")).isEqualTo(fromRaw.get("name"));
        assertThat(fromRaw.get("name").asText()).isEqualTo(HEBREW.substring(0, 4) + " " + EMOJI);
    }

    @Test
    void an_unpaired_surrogate_is_refused_rather_than_stored_mangled() {
        Http.Response response = api.send("POST", CONTACTS, "application/json", "{\"name\": \"Ann \\ud83d Lee\"}");
        assertRefused(response, "VALIDATION_ERROR", "name");
    }
}
