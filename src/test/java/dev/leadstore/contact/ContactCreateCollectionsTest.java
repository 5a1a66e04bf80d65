package dev.leadstore.contact;

import static dev.leadstore.contact.ContactChecks.CONTACTS;
import static dev.leadstore.contact.ContactChecks.assertRefused;
import static dev.leadstore.contact.ContactChecks.body;
import static dev.leadstore.contact.ContactChecks.contact;
import static dev.leadstore.contact.ContactChecks.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** POST /contacts: the rules of `tags` and `custom_fields` (docs/api.md §4.1, §4.2). */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ContactCreateCollectionsTest {
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

    private void refused(Map<String, Object> body, String field) {
        assertRefused(api.post(CONTACTS, body), "VALIDATION_ERROR", field);
    }

    private static List<String> tags(JsonNode contact) {
        List<String> tags = new ArrayList<>();
        contact.get("tags").forEach(t -> tags.add(t.textValue()));
        return tags;
    }

    @Test
    void tags_are_trimmed_and_duplicates_dropped_keeping_the_first_order() {
        JsonNode created = create(contact("tags", List.of(" b ", "a", "b", "a ", "c", "  b")));
        assertThat(tags(created)).containsExactly("b", "a", "c");
    }

    @Test
    void tags_of_1_to_64_characters_are_accepted_and_empty_or_longer_ones_refused() {
        assertThat(tags(create(contact("tags", List.of("x", "t".repeat(64)))))).containsExactly("x", "t".repeat(64));
        refused(contact("tags", List.of("ok", "t".repeat(65))), "tags");
        refused(contact("tags", List.of("ok", "")), "tags");
        refused(contact("tags", List.of("   ")), "tags");
    }

    @Test
    void at_most_100_tags_are_accepted_in_a_request() {
        List<String> hundred = IntStream.range(0, 100).mapToObj(i -> "tag" + i).toList();
        assertThat(tags(create(contact("tags", hundred)))).isEqualTo(hundred);
        List<String> more = new ArrayList<>(hundred);
        more.add("tag100");
        refused(contact("tags", more), "tags");
        refused(contact("tags", Collections.nCopies(101, "same")), "tags");
    }

    @Test
    void tags_must_be_an_array_of_strings() {
        refused(contact("tags", "hot-lead"), "tags");
        refused(contact("tags", Map.of("a", "b")), "tags");
        refused(contact("tags", 12), "tags");
        refused(contact("tags", List.of(1)), "tags");
        refused(contact("tags", List.of(true)), "tags");
        refused(contact("tags", List.of(List.of("nested"))), "tags");
        refused(contact("tags", Arrays.asList("ok", null)), "tags");
    }

    @Test
    void custom_field_values_may_be_strings_numbers_and_booleans_and_keep_their_type() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("plan", "gold");
        fields.put("seats", 42);
        fields.put("score", 3.5);
        fields.put("negative", -7);
        fields.put("big", 9_007_199_254_740_993L);
        fields.put("vip", true);
        fields.put("churned", false);
        fields.put("empty", "");
        JsonNode created = create(contact("custom_fields", fields));
        assertThat(created.get("custom_fields")).isEqualTo(new ObjectMapper().valueToTree(fields));
        assertThat(created.at("/custom_fields/seats").isIntegralNumber()).isTrue();
        assertThat(created.at("/custom_fields/vip").isBoolean()).isTrue();
        assertThat(created.at("/custom_fields/plan").isTextual()).isTrue();
    }

    @Test
    void null_custom_field_values_are_dropped_on_create() {
        JsonNode created = create(contact("custom_fields", body("kept", "yes", "gone", null)));
        assertThat(created.get("custom_fields")).hasToString("{\"kept\":\"yes\"}");
    }

    @Test
    void nested_objects_and_arrays_are_refused_as_custom_field_values() {
        refused(contact("custom_fields", Map.of("nested", Map.of("a", 1))), "custom_fields");
        refused(contact("custom_fields", Map.of("list", List.of(1, 2))), "custom_fields");
        refused(contact("custom_fields", Map.of("empty", List.of())), "custom_fields");
    }

    @Test
    void custom_fields_must_be_an_object() {
        refused(contact("custom_fields", List.of()), "custom_fields");
        refused(contact("custom_fields", "a=b"), "custom_fields");
        refused(contact("custom_fields", 1), "custom_fields");
        refused(contact("custom_fields", true), "custom_fields");
    }

    @Test
    void at_most_100_custom_fields_are_accepted() {
        assertThat(create(contact("custom_fields", keys(100))).get("custom_fields").size()).isEqualTo(100);
        refused(contact("custom_fields", keys(101)), "custom_fields");
    }

    @Test
    void custom_field_keys_are_1_to_64_characters() {
        String longest = "k".repeat(64);
        assertThat(create(contact("custom_fields", Map.of(longest, 1))).get("custom_fields").has(longest)).isTrue();
        refused(contact("custom_fields", Map.of("k".repeat(65), 1)), "custom_fields");
        refused(contact("custom_fields", Map.of("", 1)), "custom_fields");
    }

    @Test
    void custom_fields_over_16_KiB_serialized_are_refused() {
        assertThat(create(contact("custom_fields", Map.of("notes", "x".repeat(15_000)))).at("/custom_fields/notes")
                .asText()).hasSize(15_000);
        refused(contact("custom_fields", Map.of("notes", "x".repeat(17_000))), "custom_fields");
        Map<String, Object> spread = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            spread.put("part" + i, "y".repeat(1_000));
        }
        refused(contact("custom_fields", spread), "custom_fields");
    }

    @Test
    void tags_and_custom_fields_default_to_empty() {
        JsonNode created = create(contact());
        assertThat(created.get("tags")).hasToString("[]");
        assertThat(created.get("custom_fields")).hasToString("{}");
    }

    private static Map<String, Object> keys(int count) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            fields.put("field_" + i, i);
        }
        return fields;
    }
}
