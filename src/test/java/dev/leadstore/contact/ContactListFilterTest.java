package dev.leadstore.contact;

import static dev.leadstore.contact.ContactListTest.encode;
import static dev.leadstore.contact.ContactListTest.ids;
import static dev.leadstore.contact.ContactListTest.pause;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** GET /contacts filters, alone and combined; pagination.total counts the filtered set. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ContactListFilterTest {
    @Parameter
    TestApp app;

    @Test
    void search_matches_a_substring_of_name_email_or_company_ignoring_case() {
        Http api = app.newTenant();
        String byName = id(api, Map.of("name", "Maria Silva", "email", "maria@acme.io", "company", "Acme"));
        String byEmail = id(api, Map.of("name", "John Doe", "email", "jd@SILVA-corp.com"));
        String byCompany = id(api, Map.of("name", "Zed", "company", "Silvana Ltd"));
        String accented = id(api, Map.of("name", "Ana", "company", "École Polytechnique"));
        id(api, Map.of("name", "Other", "email", "other@example.com", "company", "Initech"));

        assertThat(filter(api, "search=SILVA")).containsExactlyInAnyOrder(byName, byEmail, byCompany);
        assertThat(filter(api, "search=acme")).containsExactly(byName);
        assertThat(filter(api, "search=" + encode("école"))).containsExactly(accented);
        assertThat(filter(api, "search=" + encode("ia sil"))).containsExactly(byName);
        assertThat(filter(api, "search=nobody")).isEmpty();
    }

    @Test
    void search_treats_like_wildcards_as_literal_characters() {
        Http api = app.newTenant();
        String percent = id(api, Map.of("name", "100% Juice"));
        id(api, Map.of("name", "1000 Juice"));
        String underscore = id(api, Map.of("name", "Shop", "email", "a_b@example.com"));
        id(api, Map.of("name", "Store", "email", "axb@example.com"));
        String bang = id(api, Map.of("name", "Yes! Inc"));
        String backslash = id(api, Map.of("name", "Back", "company", "C:\\Temp"));

        assertThat(filter(api, "search=" + encode("100%"))).containsExactly(percent);
        assertThat(filter(api, "search=" + encode("a_b"))).containsExactly(underscore);
        assertThat(filter(api, "search=" + encode("%"))).containsExactly(percent);
        assertThat(filter(api, "search=_")).containsExactly(underscore);
        assertThat(filter(api, "company=" + encode("%"))).isEmpty();
        assertThat(filter(api, "search=" + encode("s!"))).containsExactly(bang);
        assertThat(filter(api, "search=" + encode("!"))).containsExactly(bang);
        assertThat(filter(api, "company=" + encode(":\\t"))).containsExactly(backslash);
    }

    @Test
    void email_matches_the_whole_address_ignoring_case() {
        Http api = app.newTenant();
        String ann = id(api, Map.of("name", "Ann", "email", "Ann@Example.com"));
        id(api, Map.of("name", "Ann BR", "email", "ann@example.com.br"));
        id(api, Map.of("name", "Joann", "email", "joann@example.com"));

        assertThat(filter(api, "email=" + encode("ANN@EXAMPLE.COM"))).containsExactly(ann);
        assertThat(filter(api, "email=" + encode("Ann@Example.com"))).containsExactly(ann);
        assertThat(filter(api, "email=" + encode("ann@example"))).isEmpty();
        assertThat(filter(api, "email=" + encode("_nn@example.com"))).isEmpty();
        assertThat(filter(api, "email=" + encode("%@example.com"))).isEmpty();
    }

    @Test
    void company_matches_a_substring_ignoring_case() {
        Http api = app.newTenant();
        String corporation = id(api, Map.of("name", "A", "company", "Globex Corporation"));
        String plain = id(api, Map.of("name", "B", "company", "globex"));
        id(api, Map.of("name", "C", "company", "Initech", "email", "globex@example.com"));
        id(api, Map.of("name", "Globex Fan"));

        assertThat(filter(api, "company=GLOBEX")).containsExactlyInAnyOrder(corporation, plain);
        assertThat(filter(api, "company=corp")).containsExactly(corporation);
    }

    @Test
    void source_matches_exactly() {
        Http api = app.newTenant();
        String linkedin = id(api, Map.of("name", "A", "source", "linkedin"));
        String ads = id(api, Map.of("name", "B", "source", "linkedin_ads"));
        String other = id(api, Map.of("name", "C"));

        assertThat(filter(api, "source=linkedin")).containsExactly(linkedin);
        assertThat(filter(api, "source=linkedin_ads")).containsExactly(ads);
        assertThat(filter(api, "source=other")).containsExactly(other);
        assertThat(filter(api, "source=linked")).isEmpty();
    }

    @Test
    void tags_match_contacts_having_any_of_the_listed_tags() {
        Http api = app.newTenant();
        String hotTech = id(api, Map.of("name", "A", "tags", List.of("hot", "tech")));
        String cold = id(api, Map.of("name", "B", "tags", List.of("cold")));
        String tech = id(api, Map.of("name", "C", "tags", List.of("tech")));
        id(api, Map.of("name", "D", "tags", List.of("fintech")));
        id(api, Map.of("name", "E"));

        assertThat(filter(api, "tags=hot,cold")).containsExactlyInAnyOrder(hotTech, cold);
        assertThat(filter(api, "tags=tech")).containsExactlyInAnyOrder(hotTech, tech);
        assertThat(filter(api, "tags=hot,tech,cold")).containsExactlyInAnyOrder(hotTech, cold, tech);
        assertThat(filter(api, "tags=warm")).isEmpty();
        assertThat(list(api, "tags=tech").get("pagination").get("total").asLong()).isEqualTo(2);
    }

    @Test
    void created_bounds_are_exclusive_and_accept_z_offsets_and_fractions() {
        Http api = app.newTenant();
        JsonNode a = created(api, "A");
        JsonNode b = created(api, "B");
        JsonNode c = created(api, "C");
        String idA = a.get("id").asText();
        String idB = b.get("id").asText();
        String idC = c.get("id").asText();
        Instant tb = Instant.parse(b.get("created_at").asText());

        assertThat(filter(api, "created_after=" + b.get("created_at").asText())).containsExactly(idC);
        assertThat(filter(api, "created_before=" + b.get("created_at").asText())).containsExactly(idA);
        assertThat(filter(api, "created_after=" + a.get("created_at").asText() + "&created_before="
                + c.get("created_at").asText())).containsExactly(idB);
        assertThat(filter(api, "created_after=" + at(tb, "+05:30"))).containsExactly(idC);
        assertThat(filter(api, "created_before=" + at(tb, "-03:00"))).containsExactly(idA);
        assertThat(filter(api, "created_after=" + at(tb.plusNanos(1), "Z"))).containsExactly(idC);
        assertThat(filter(api, "created_before=" + at(tb.plusNanos(1000), "Z"))).containsExactlyInAnyOrder(idA, idB);
        assertThat(filter(api, "created_after=" + at(tb.minusNanos(1000), "+01:00")))
                .containsExactlyInAnyOrder(idB, idC);
        assertThat(filter(api, "created_before=" + at(tb.minusNanos(1), "Z"))).containsExactly(idA);
    }

    @Test
    void a_plain_date_bound_means_midnight_utc() {
        Http api = app.newTenant();
        JsonNode a = created(api, "A");
        Instant ta = Instant.parse(a.get("created_at").asText());
        LocalDate day = ta.atOffset(ZoneOffset.UTC).toLocalDate();
        String id = a.get("id").asText();
        boolean atMidnight = ta.equals(day.atStartOfDay(ZoneOffset.UTC).toInstant());

        assertThat(filter(api, "created_after=" + day)).hasSize(atMidnight ? 0 : 1);
        assertThat(filter(api, "created_before=" + day.plusDays(1))).containsExactly(id);
        assertThat(filter(api, "created_before=" + day)).isEmpty();
        assertThat(filter(api, "created_after=" + day.plusDays(1))).isEmpty();
        assertThat(filter(api, "updated_before=" + day.plusDays(1))).containsExactly(id);
        assertThat(filter(api, "updated_after=" + day.plusDays(1))).isEmpty();
    }

    @Test
    void updated_bounds_are_exclusive_and_follow_the_last_change() {
        Http api = app.newTenant();
        String idA = created(api, "A").get("id").asText();
        JsonNode b = created(api, "B");
        String idB = b.get("id").asText();
        pause();
        JsonNode a = api.put("/external/v1/contacts/" + idA, Map.of("company", "Later")).expectStatus(200).data();

        assertThat(filter(api, "updated_after=" + b.get("updated_at").asText())).containsExactly(idA);
        assertThat(filter(api, "updated_before=" + a.get("updated_at").asText())).containsExactly(idB);
        assertThat(filter(api, "updated_after=" + a.get("updated_at").asText())).isEmpty();
        assertThat(filter(api, "updated_after=" + b.get("updated_at").asText() + "&created_before="
                + b.get("created_at").asText())).containsExactly(idA);
        assertThat(filter(api, "updated_before=" + at(Instant.parse(b.get("updated_at").asText()).plusNanos(1000), "+02:00")))
                .containsExactly(idB);
    }

    @Test
    void filters_combine_so_a_contact_must_match_every_one() {
        Http api = app.newTenant();
        String match = id(api, Map.of("name", "Maria", "email", "maria@acme.io", "company", "Acme Corp",
                "source", "linkedin", "tags", List.of("hot", "vip")));
        id(api, Map.of("name", "Maria B", "email", "mariab@acme.io", "company", "Acme Corp", "source", "website",
                "tags", List.of("hot")));
        id(api, Map.of("name", "Maria C", "email", "mariac@acme.io", "company", "Acme Corp", "source", "linkedin",
                "tags", List.of("cold")));
        id(api, Map.of("name", "Mario", "email", "mario@other.io", "company", "Other", "source", "linkedin",
                "tags", List.of("hot")));

        assertThat(filter(api, "search=maria&company=acme&source=linkedin&tags=hot,warm")).containsExactly(match);
        assertThat(filter(api, "email=MARIA@ACME.IO&tags=vip&source=linkedin")).containsExactly(match);
        assertThat(filter(api, "search=maria&source=website&tags=vip")).isEmpty();
        JsonNode data = list(api, "search=acme&tags=hot&limit=1");
        assertThat(data.get("pagination").get("next_cursor").isTextual()).isTrue();
        assertThat(((ObjectNode) data.get("pagination")).<JsonNode>without("next_cursor"))
                .hasToString("{\"page\":1,\"limit\":1,\"total\":2,\"total_pages\":2}");
    }

    private static String id(Http api, Map<String, Object> body) {
        return TestApp.createContact(api, body).get("id").asText();
    }

    /** A contact created strictly after the previous one (timestamps have millisecond precision). */
    private static JsonNode created(Http api, String name) {
        pause();
        JsonNode contact = TestApp.createContact(api, Map.of("name", name));
        pause();
        return contact;
    }

    /** The instant written in ISO-8601 at the given offset, with all its fraction digits, URL-encoded. */
    private static String at(Instant instant, String offset) {
        String text = instant.atOffset(ZoneOffset.of(offset)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return encode(text);
    }

    private static JsonNode list(Http api, String query) {
        return api.get("/external/v1/contacts?" + query).expectStatus(200).data();
    }

    private static List<String> filter(Http api, String query) {
        JsonNode data = list(api, "limit=100&" + query);
        assertThat(data.get("pagination").get("total").asInt()).as(query).isEqualTo(data.get("contacts").size());
        return ids(data);
    }
}
