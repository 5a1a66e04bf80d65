package dev.leadstore.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.leadstore.base.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI document of the API (openapi.yaml, written by hand), converted once to JSON and
 * served as those bytes by GET /openapi.json.
 */
public final class OpenApiDocument {
    private static final String RESOURCE = "/openapi.yaml";

    private final byte[] json;

    private OpenApiDocument(byte[] json) {
        this.json = json;
    }

    /** Reads and converts the document; a missing or broken document stops startup. */
    public static OpenApiDocument load() {
        try (InputStream yaml = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (yaml == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            JsonNode document = new YAMLMapper().readTree(yaml);
            return new OpenApiDocument(Json.bytes(document));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The document as JSON (a copy). */
    public byte[] json() {
        return json.clone();
    }

    public void serve(Context ctx) {
        ctx.status(200);
        Responses.bytes(ctx, json);
    }
}
