package dev.leadstore.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.base.Json;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * A contact as a CSV row and a CSV row as a contact's body: the columns of the contact object, `tags`
 * joined by `;`, `custom_fields` as JSON. Every value that is set is quoted and a null one is an empty,
 * unquoted cell, so a row read back tells an empty string (`""`) from a field not set (`,,`).
 */
public final class ContactCsv {
    /** The columns of an export, in the order of the contact object. */
    public static final List<String> COLUMNS = List.of("id", "name", "email", "phone", "company", "position", "source",
            "linkedin_url", "tags", "custom_fields", "created_at", "updated_at");
    /** RFC 4180 (CRLF, double quotes), quoting every value that is not null. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL_NON_NULL).get();
    /** What joins and splits tags in their cell. */
    public static final String TAG_SEPARATOR = ";";
    /** Columns an import reads and ignores: the server makes ids and timestamps. */
    private static final Set<String> MADE_BY_SERVER = Set.of("id", "created_at", "updated_at");
    private static final Set<String> TEXT_FIELDS = Set.of("name", "email", "phone", "company", "position", "source",
            "linkedin_url");

    private ContactCsv() {
    }

    static void printHeader(CSVPrinter printer) throws IOException {
        printer.printRecord(COLUMNS);
    }

    static void print(CSVPrinter printer, Contact c) throws IOException {
        printer.printRecord(c.id(), c.name(), c.email(), c.phone(), c.company(), c.position(), c.source(),
                c.linkedinUrl(), String.join(TAG_SEPARATOR, c.tags()), Json.string(c.customFields()),
                Json.timestamp(c.createdAt()), Json.timestamp(c.updatedAt()));
    }

    /**
     * The body a row stands for, to be judged by the API's own validators: a header names a field
     * (trimmed, in any case); `tags` splits on `;`; `custom_fields` is read as JSON (text that is not
     * JSON stays text, for the validator to refuse); `id`, `created_at`, `updated_at` and unnamed
     * columns are ignored; any other column is a custom field of that name, its value text. A null
     * cell (empty, unquoted) is a field not given.
     */
    public static ObjectNode body(List<String> header, List<String> cells) {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode extra = Json.mapper().createObjectNode();
        for (int i = 0; i < header.size() && i < cells.size(); i++) {
            String name = header.get(i) == null ? "" : header.get(i).strip();
            String field = name.toLowerCase(Locale.ROOT);
            String value = cells.get(i);
            if (value == null || name.isEmpty() || MADE_BY_SERVER.contains(field)) {
                continue;
            }
            if (TEXT_FIELDS.contains(field)) {
                body.put(field, value);
            } else if (field.equals("tags")) {
                ArrayNode tags = body.putArray("tags");
                Arrays.stream(value.split(TAG_SEPARATOR)).map(String::strip).filter(t -> !t.isEmpty()).forEach(tags::add);
            } else if (field.equals("custom_fields")) {
                body.set("custom_fields", json(value));
            } else {
                extra.put(name, value);
            }
        }
        if (!extra.isEmpty()) {
            JsonNode fields = body.get("custom_fields");
            if (fields == null || fields.isObject()) {
                ObjectNode merged = fields == null ? Json.mapper().createObjectNode() : (ObjectNode) fields;
                merged.setAll(extra);
                body.set("custom_fields", merged);
            }
        }
        return body;
    }

    /** The JSON value of a cell, or the cell as text when it is not JSON. */
    private static JsonNode json(String value) {
        if (value.isBlank()) {
            return Json.mapper().createObjectNode();
        }
        try {
            return Json.mapper().readTree(value);
        } catch (IOException e) {
            return Json.mapper().getNodeFactory().textNode(value);
        }
    }
}
