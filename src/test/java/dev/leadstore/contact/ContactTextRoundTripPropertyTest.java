package dev.leadstore.contact;

import static dev.leadstore.contact.ContactChecks.CONTACTS;
import static dev.leadstore.contact.ContactChecks.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Any valid text of printable Unicode (letters, marks, digits, punctuation, symbols and spaces from
 * every plane, up to 255 code points) is returned exactly as sent, on create, read and update, by
 * every database.
 */
class ContactTextRoundTripPropertyTest {
    private final Map<TestApp, Http> tenants = new LinkedHashMap<>();

    @BeforeProperty
    void oneTenantPerDatabase() {
        TestApp.all().forEach(app -> tenants.put(app, app.newTenant()));
    }

    @Property(tries = 60)
    void printable_text_round_trips_exactly(@ForAll("text") String name, @ForAll("text") String company,
                                            @ForAll("text") String position) {
        Assume.that(name.equals(name.strip()));
        tenants.forEach((app, api) -> {
            JsonNode created = api.post(CONTACTS, Map.of("name", name, "company", company, "position", position,
                    "custom_fields", Map.of("note", position))).expectStatus(201).data();
            assertThat(created.get("name").asText()).as(app.toString()).isEqualTo(name);
            assertThat(created.get("company").asText()).as(app.toString()).isEqualTo(company);
            assertThat(created.get("position").asText()).as(app.toString()).isEqualTo(position);
            assertThat(created.at("/custom_fields/note").asText()).as(app.toString()).isEqualTo(position);
            assertThat(ContactChecks.get(api, id(created))).as(app.toString()).isEqualTo(created);

            JsonNode swapped = api.put(CONTACTS + "/" + id(created), Map.of("company", position, "position", company))
                    .expectStatus(200).data();
            assertThat(swapped.get("company").asText()).as(app.toString()).isEqualTo(position);
            assertThat(swapped.get("position").asText()).as(app.toString()).isEqualTo(company);
            assertThat(ContactChecks.get(api, id(created))).as(app.toString()).isEqualTo(swapped);
        });
    }

    @Provide
    Arbitrary<String> text() {
        Arbitrary<Integer> codePoint = Arbitraries.<Integer>frequencyOf(
                        Tuple.of(4, Arbitraries.integers().between(0x20, 0x7E)),
                        Tuple.of(4, Arbitraries.integers().between(0xA0, 0x2FFF)),
                        Tuple.of(2, Arbitraries.integers().between(0x3000, 0xD7FF)),
                        Tuple.of(1, Arbitraries.integers().between(0xF900, 0xFFFD)),
                        Tuple.of(2, Arbitraries.integers().between(0x1F300, 0x1FAFF)),
                        Tuple.of(1, Arbitraries.integers().between(0x1D400, 0x1D7FF)),
                        Tuple.of(1, Arbitraries.integers().between(0x20000, 0x2A6DF)))
                .filter(ContactTextRoundTripPropertyTest::printable);
        return codePoint.list().ofMinSize(1).ofMaxSize(255)
                .map(points -> points.stream().map(Character::toString).collect(Collectors.joining()));
    }

    private static final List<Integer> NOT_PRINTABLE = List.of((int) Character.CONTROL, (int) Character.FORMAT,
            (int) Character.SURROGATE, (int) Character.PRIVATE_USE, (int) Character.UNASSIGNED,
            (int) Character.LINE_SEPARATOR, (int) Character.PARAGRAPH_SEPARATOR);

    private static boolean printable(int codePoint) {
        return !NOT_PRINTABLE.contains(Character.getType(codePoint));
    }
}
