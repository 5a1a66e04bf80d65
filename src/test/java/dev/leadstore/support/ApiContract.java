package dev.leadstore.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.leadstore.http.OpenApiDocument;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Holds every answer the tests receive to the OpenAPI document that the server serves: the status
 * must be documented for the request's operation, the body must validate against that status's
 * schema, and the headers the document requires must be there, with values that fit their schema.
 * On by default; {@code -Dleadstore.contract=off} turns it off.
 */
public final class ApiContract {
    private static final boolean ENABLED = !"off".equals(System.getProperty("leadstore.contract"));
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final JsonNode document;
    private final ApiOperations operations;
    private final ApiSchemas schemas;

    private ApiContract(byte[] json) {
        try {
            this.document = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.operations = new ApiOperations(document);
        this.schemas = new ApiSchemas(document, json);
    }

    private static final class Loaded {
        static final ApiContract DOCUMENT = new ApiContract(OpenApiDocument.load().json());
    }

    /** The contract of the document in src/main/resources, loaded once. */
    public static ApiContract served() {
        return Loaded.DOCUMENT;
    }

    /** Holds the answer to the served document, unless -Dleadstore.contract=off. */
    public static void check(String method, String target, Http.Response response) {
        if (ENABLED) {
            served().verify(method, target, response);
        }
    }

    /** Fails, naming the operation, the status and what did not validate, when the answer drifts from the document. */
    public void verify(String method, String target, Http.Response response) {
        List<String> problems = problems(method, target, response);
        if (!problems.isEmpty()) {
            throw new AssertionError("The answer to " + method + " " + abbreviate(target, 200)
                    + " drifts from the OpenAPI document (" + operations.match(method, target).name()
                    + ", status " + response.status() + "):\n  - " + String.join("\n  - ", problems)
                    + "\nbody: " + abbreviate(response.body(), 2000));
        }
    }

    /** Every operation of the document, as "METHOD /path". */
    public List<String> documentedOperations() {
        return operations.all();
    }

    /** What does not fit the document in this answer; empty when it fits. */
    List<String> problems(String method, String target, Http.Response response) {
        ApiOperations.Match match = operations.match(method, target);
        JsonNode responses = document.at(match.responsesPointer());
        String status = documentedStatus(responses, response.status());
        if (status == null) {
            List<String> documented = new ArrayList<>();
            responses.fieldNames().forEachRemaining(documented::add);
            return List.of("status " + response.status() + " is not documented; documented: " + documented);
        }
        String pointer = resolve(match.responsesPointer() + "/" + ApiOperations.escape(status));
        JsonNode answer = document.at(pointer);
        List<String> problems = new ArrayList<>();
        checkHeaders(pointer, answer, response.headers(), problems);
        boolean bodiless = method.equalsIgnoreCase("HEAD") || response.status() == 304 || response.body().isEmpty();
        if (!bodiless) {
            checkBody(pointer, answer, response, problems);
        }
        return problems;
    }

    private static String documentedStatus(JsonNode responses, int status) {
        for (String key : List.of(Integer.toString(status), status / 100 + "XX", "default")) {
            if (responses.has(key)) {
                return key;
            }
        }
        return null;
    }

    private void checkHeaders(String pointer, JsonNode answer, HttpHeaders headers, List<String> problems) {
        for (Iterator<String> names = answer.path("headers").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String headerPointer = resolve(pointer + "/headers/" + ApiOperations.escape(name));
            JsonNode header = document.at(headerPointer);
            List<String> values = headers.allValues(name);
            if (values.isEmpty()) {
                if (header.path("required").asBoolean(false)) {
                    problems.add("the required header " + name + " is missing");
                }
                continue;
            }
            if (values.size() > 1) {
                problems.add("the header " + name + " is sent " + values.size() + " times: " + values);
            }
            JsonNode value = typed(values.get(0), header.path("schema").path("type").asText("string"));
            if (value == null) {
                problems.add("the header " + name + ": " + values.get(0) + " is not of type "
                        + header.path("schema").path("type").asText());
            } else if (value.isValueNode()) {
                schemas.validate(headerPointer + "/schema", value)
                        .forEach(error -> problems.add("the header " + name + ": " + values.get(0) + ": " + error));
            }
        }
    }

    /** A header's text as the JSON value its schema describes; null when it is not one; an object node to skip. */
    private static JsonNode typed(String text, String type) {
        try {
            return switch (type) {
                case "integer", "number" -> DecimalNode.valueOf(new BigDecimal(text));
                case "boolean" -> text.equals("true") || text.equals("false") ? BooleanNode.valueOf(text.equals("true")) : null;
                case "object", "array" -> MAPPER.createObjectNode();
                default -> TextNode.valueOf(text);
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void checkBody(String pointer, JsonNode answer, Http.Response response, List<String> problems) {
        JsonNode content = answer.path("content");
        if (content.isEmpty()) {
            problems.add("the answer has a body, where the document describes none");
            return;
        }
        String type = response.header("Content-Type").map(ApiContract::mediaType).orElse(null);
        if (type == null || !content.has(type)) {
            List<String> documented = new ArrayList<>();
            content.fieldNames().forEachRemaining(documented::add);
            problems.add("the Content-Type " + type + " is not documented; documented: " + documented);
            return;
        }
        if (type.equals("text/csv")) {
            checkCsv(pointer + "/content/" + ApiOperations.escape(type), response.body(), problems);
            return;
        }
        if (!type.equals("application/json") && !type.endsWith("+json")) {
            return;
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(response.body());
        } catch (JsonProcessingException e) {
            problems.add("the body is not one JSON value: " + e.getOriginalMessage());
            return;
        }
        String schema = pointer + "/content/" + ApiOperations.escape(type) + "/schema";
        if (!document.at(schema).isMissingNode()) {
            schemas.validate(schema, body).forEach(error -> problems.add("the body: " + error));
        }
    }

    /**
     * A CSV body: RFC 4180 records, each with as many cells as the header row, which is the header
     * row of the document's example when it gives one.
     */
    private void checkCsv(String pointer, String body, List<String> problems) {
        List<CSVRecord> records;
        try {
            records = CSVFormat.RFC4180.parse(new StringReader(body)).getRecords();
        } catch (IOException | UncheckedIOException e) {
            problems.add("the body is not RFC 4180 CSV: " + e.getMessage());
            return;
        }
        if (records.isEmpty()) {
            problems.add("the CSV body has no header row");
            return;
        }
        List<String> header = records.get(0).toList();
        JsonNode example = document.at(pointer + "/example");
        if (example.isTextual()) {
            try {
                List<String> documented = CSVFormat.RFC4180.parse(new StringReader(example.asText())).getRecords()
                        .get(0).toList();
                if (!documented.equals(header)) {
                    problems.add("the CSV header row " + header + " is not the documented one " + documented);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (CSVRecord record : records) {
            if (record.size() != header.size()) {
                problems.add("CSV record " + record.getRecordNumber() + " has " + record.size() + " cells; the header has "
                        + header.size());
            }
        }
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** Follows $ref from a JSON Pointer into the document until it reaches the object itself. */
    private String resolve(String pointer) {
        String current = pointer;
        for (int hops = 0; document.at(current).has("$ref"); hops++) {
            String ref = document.at(current).get("$ref").asText();
            if (!ref.startsWith("#/") || hops > 20) {
                throw new IllegalStateException("cannot follow $ref " + ref + " at " + current);
            }
            current = ref.substring(1);
        }
        return current;
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "… (" + text.length() + " characters)";
    }
}
