package dev.leadstore.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schemas of the OpenAPI document, each compiled once where it stands in the document, so that
 * its $refs reach the document's components.
 */
final class ApiSchemas {
    /** The document's name while its schemas are compiled; nothing is ever fetched from it. */
    private static final String IRI = "https://leadstore.invalid/openapi.json";

    private final SchemaRegistry registry;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    ApiSchemas(JsonNode document, byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        this.registry = SchemaRegistry.withDialect(dialect(document), builder -> builder.schemas(Map.of(IRI, text))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    /** What does not fit the schema at this JSON Pointer of the document, one line each. */
    List<String> validate(String pointer, JsonNode value) {
        Schema schema = compiled.computeIfAbsent(pointer,
                p -> registry.getSchema(SchemaLocation.of(IRI + "#" + fragment(p))));
        return schema.validate(value).stream().map(Object::toString).toList();
    }

    /**
     * The document's JSON Schema dialect (jsonSchemaDialect, else OpenAPI 3.1's own), knowing the
     * document's fields, which sit at the root of the schema resource that holds the components.
     */
    private static Dialect dialect(JsonNode document) {
        Dialect draft = Dialects.getDraft202012();
        Dialect base = document.path("jsonSchemaDialect").asText().equals(draft.getId()) ? draft : Dialects.getOpenApi31();
        List<Keyword> fields = new ArrayList<>();
        document.fieldNames().forEachRemaining(name -> fields.add(new NonValidationKeyword(name)));
        return Dialect.builder(IRI + "/dialect", base).keywords(fields).build();
    }

    /** A JSON Pointer as a URI fragment (RFC 6901, section 6). */
    private static String fragment(String pointer) {
        StringBuilder out = new StringBuilder();
        for (byte b : pointer.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && Character.isLetterOrDigit(c) || "/-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
