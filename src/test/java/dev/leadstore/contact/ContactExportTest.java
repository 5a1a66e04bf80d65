package dev.leadstore.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** GET /contacts/export: every matching contact as CSV, read back cell by cell. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ContactExportTest {
    private static final String CONTACTS = "/external/v1/contacts";
    private static final String EXPORT = CONTACTS + "/export";
    private static final CSVFormat READ = CSVFormat.RFC4180.builder().setQuoteMode(org.apache.commons.csv.QuoteMode.ALL_NON_NULL).get();

    /** Reads JSON as the test client reads answers (floats as doubles), so the two compare equal. */
    private static final ObjectMapper PLAIN = new ObjectMapper();

    @Parameter
    TestApp app;

    @Test
    void tricky_values_come_back_cell_for_cell_as_the_api_shows_them() {
        Http api = app.newTenant();
        List<JsonNode> created = new ArrayList<>();
        created.add(TestApp.createContact(api, Map.of("name", "Smith, \"Jane\" Q.", "email", "jane@example.com",
                "phone", "+55 11 98888-8888", "company", "Acme; \"Quoted\", Inc.", "position", "",
                "linkedin_url", "https://br.linkedin.com/in/JoãoSilva/",
                "tags", List.of("hot lead", "b,2,b", "émoji 😀"),
                "custom_fields", Map.of("note", "one, \"two\"; three", "n", 1.5, "ok", true))));
        created.add(TestApp.createContact(api, Map.of("name", "محمد علي", "company", "Ünïcödé e\u0301 GmbH")));
        created.add(TestApp.createContact(api, Map.of("name", "  =SUM(A1)  ")));

        Http.Response response = api.get(EXPORT).expectStatus(200);
        assertThat(response.header("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(response.header("Content-Disposition").orElseThrow())
                .matches("attachment; filename=\"contacts-\\d{4}-\\d{2}-\\d{2}\\.csv\"");
        List<CSVRecord> records = parse(response.body());
        assertThat(records.get(0).toList()).containsExactlyElementsOf(ContactCsv.COLUMNS);
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        created.forEach(c -> byId.put(c.get("id").asText(), c));
        assertThat(records).hasSize(4);
        for (CSVRecord record : records.subList(1, records.size())) {
            assertThat(asJson(record)).isEqualTo(byId.get(record.get(0)));
        }
    }

    @Test
    void the_list_s_filters_and_order_apply_and_the_rows_are_the_list_s_rows() {
        Http api = app.newTenant();
        for (int i = 0; i < 12; i++) {
            TestApp.createContact(api, Map.of("name", "Person " + (char) ('a' + i), "company", i % 3 == 0 ? "Wanted Co" : "Other",
                    "tags", List.of(i % 2 == 0 ? "even" : "odd")));
        }
        for (String query : List.of("tags=even", "company=wanted&sort_by=name&sort_order=asc", "search=person&tags=odd,even",
                "sort_by=name&sort_order=desc", "source=website")) {
            List<String> listed = new ArrayList<>();
            api.get(CONTACTS + "?limit=100&" + query).expectStatus(200).data().get("contacts")
                    .forEach(c -> listed.add(c.get("id").asText()));
            List<String> exported = parse(api.get(EXPORT + "?" + query).expectStatus(200).body()).stream().skip(1)
                    .map(r -> r.get(0)).toList();
            assertThat(exported).as(query).containsExactlyElementsOf(listed);
        }
    }

    @Test
    void more_contacts_than_a_page_are_all_exported_once() {
        Http api = app.newTenant();
        List<Map<String, Object>> operations = new ArrayList<>();
        for (int i = 0; i < ContactExport.PAGE * 2 + 7; i++) {
            operations.add(Map.of("op", "create", "data", Map.of("name", "Bulk " + i, "tags", List.of("bulk"))));
        }
        api.post(CONTACTS + "/batch", Map.of("operations", operations.subList(0, 600))).expectStatus(200);
        api.post(CONTACTS + "/batch", Map.of("operations", operations.subList(600, operations.size()))).expectStatus(200);
        for (String query : List.of("", "?tags=bulk", "?sort_by=name&sort_order=asc")) {
            List<String> ids = parse(api.get(EXPORT + query).expectStatus(200).body()).stream().skip(1).map(r -> r.get(0)).toList();
            assertThat(ids).as(query).hasSize(operations.size()).doesNotHaveDuplicates();
        }
    }

    @Test
    void csv_is_asked_for_by_accept_or_format_and_an_accept_without_csv_is_406() {
        Http api = app.newTenant();
        TestApp.createContact(api, Map.of("name", "Ana"));
        for (String accept : List.of("text/csv", "text/*", "*/*", "application/json;q=1, text/csv;q=0.5")) {
            assertThat(api.withHeader("Accept", accept).get(EXPORT).status()).as(accept).isEqualTo(200);
        }
        Http.Response json = api.withHeader("Accept", "application/json").get(EXPORT);
        assertThat(json.status()).isEqualTo(406);
        assertThat(json.errorCode()).isEqualTo("NOT_ACCEPTABLE");
        assertThat(api.withHeader("Accept", "application/xml, text/csv;q=0").get(EXPORT).status()).isEqualTo(406);
        Http.Response forced = api.withHeader("Accept", "application/json").get(EXPORT + "?format=csv");
        assertThat(forced.status()).isEqualTo(200);
        assertThat(parse(forced.body())).hasSize(2);
    }

    @Test
    void bad_filters_and_paging_parameters_are_refused_as_the_list_refuses_them() {
        Http api = app.newTenant();
        for (String query : List.of("sort_by=email", "created_after=yesterday", "format=xml", "page=2", "limit=5",
                "cursor=abc", "tags=a&tags=b")) {
            Http.Response refused = api.get(EXPORT + "?" + query);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.errorCode()).as(query).isEqualTo("INVALID_PARAMETER");
        }
        assertThat(api.get(EXPORT + "?sort_by=email").json().at("/error/message"))
                .isEqualTo(api.get(CONTACTS + "?sort_by=email").json().at("/error/message"));
    }

    @Test
    void export_needs_contacts_read_and_counts_as_one_request() {
        String account = app.newAccount("enterprise");
        Http writer = app.as(app.newKey(account, "contacts:write"));
        Http.Response refused = writer.get(EXPORT);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().at("/error/details/required_permission").asText()).isEqualTo("contacts:read");
        Http reader = app.as(app.newKey(account, "contacts:read"));
        Http.Response first = reader.get(EXPORT).expectStatus(200);
        Http.Response second = reader.get(EXPORT).expectStatus(200);
        assertThat(Long.parseLong(first.header("X-RateLimit-Remaining").orElseThrow())
                - Long.parseLong(second.header("X-RateLimit-Remaining").orElseThrow())).isEqualTo(1);
        Http.Response head = reader.send("HEAD", EXPORT, null, null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void an_account_exports_only_its_own_contacts() {
        Http mine = app.newTenant();
        Http theirs = app.newTenant();
        String own = TestApp.createContact(mine, Map.of("name", "Mine", "email", "same@example.com")).get("id").asText();
        TestApp.createContact(theirs, Map.of("name", "Theirs", "email", "same@example.com"));
        List<CSVRecord> records = parse(mine.get(EXPORT).expectStatus(200).body());
        assertThat(records.stream().skip(1).map(r -> r.get(0))).containsExactly(own);
        assertThat(parse(app.newTenant().get(EXPORT).expectStatus(200).body())).hasSize(1);
    }

    /** A row as the API's JSON shows the contact. */
    private static JsonNode asJson(CSVRecord record) {
        Map<String, Object> contact = new LinkedHashMap<>();
        for (String column : ContactCsv.COLUMNS) {
            String cell = record.get(ContactCsv.COLUMNS.indexOf(column));
            Object value = switch (column) {
                case "tags" -> cell.isEmpty() ? List.of() : List.of(cell.split(";"));
                case "custom_fields" -> json(cell);
                default -> cell;
            };
            contact.put(column, value);
        }
        return PLAIN.valueToTree(contact);
    }

    private static JsonNode json(String text) {
        try {
            return PLAIN.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<CSVRecord> parse(String body) {
        try {
            return READ.parse(new StringReader(body)).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
