package dev.leadstore.http;

import dev.leadstore.base.ApiException;
import dev.leadstore.base.ErrorCode;
import dev.leadstore.base.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;

/** Reads a request body as one JSON object, enforcing size, media type and syntax. */
public final class Bodies {
    public static final int MAX_BYTES = 1024 * 1024;
    /** The largest body any route reads (a batch's); each route's own limit is at most this. */
    public static final int MAX_ANY_BYTES = 8 * 1024 * 1024;
    private static final String LIMIT = "leadstore.bodyLimit";
    private static final long DRAIN_BYTES = 16L * 1024 * 1024;

    private Bodies() {
    }

    private static final String RAW = "leadstore.body";

    /** A before-handler that lets one route read bodies of up to `bytes` (1 MiB otherwise). */
    public static Handler limit(int bytes) {
        return ctx -> ctx.attribute(LIMIT, bytes);
    }

    private static int limit(Context ctx) {
        Integer limit = ctx.attribute(LIMIT);
        return limit == null ? MAX_BYTES : limit;
    }

    /** The raw body, at most the route's limit (413 beyond), read once and kept for the rest of the request. */
    public static byte[] raw(Context ctx) {
        byte[] cached = ctx.attribute(RAW);
        if (cached != null) {
            return cached;
        }
        if (ctx.req().getContentLengthLong() > limit(ctx)) {
            drain(ctx);
            throw ErrorWriter.tooLarge(limit(ctx));
        }
        byte[] body = read(ctx);
        ctx.attribute(RAW, body);
        return body;
    }

    public static ObjectNode object(Context ctx) {
        String type = ctx.header("Content-Type");
        byte[] body = raw(ctx);
        String encoding = ctx.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Encoding " + printable(encoding) + " is not supported; send the body uncompressed");
        }
        if (type == null && body.length == 0) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "A JSON object body is required");
        }
        if (!isJson(type)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
        }
        if (!utf8(type)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The body must be UTF-8 (charset=utf-8 or none)");
        }
        if (body.length == 0) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "A JSON object body is required");
        }
        JsonNode node;
        try {
            node = Json.read(Utf8.strict(body));
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "Malformed JSON: " + describe(e));
        } catch (IOException e) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "Malformed JSON body");
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "The body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * Reads and drops the rest of an oversized body (up to a bound), so that clients which read the
     * answer only after sending everything (Java's HttpClient, Python's requests) get the 413.
     */
    private static void drain(Context ctx) {
        try (PacedBody in = PacedBody.of(ctx)) {
            byte[] sink = new byte[64 * 1024];
            long left = DRAIN_BYTES;
            int read;
            while (left > 0 && (read = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                left -= read;
            }
        } catch (IOException | ApiException e) {
            // the client went away or stalled; the 413 is all it gets
        }
    }

    /** True unless the content type names a charset other than UTF-8. */
    static boolean utf8(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                String charset = pair[1].trim().replace("\"", "");
                return charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8");
            }
        }
        return true;
    }

    /** A header value fit to repeat in a message: printable ASCII, at most 40 characters. */
    private static String printable(String value) {
        String cleaned = value.replaceAll("[^\\x20-\\x7e]", "?");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned;
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json");
    }

    private static byte[] read(Context ctx) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (PacedBody in = PacedBody.of(ctx)) {
            byte[] buffer = new byte[16 * 1024];
            int read;
            while ((read = in.read(buffer, 0, buffer.length)) >= 0) {
                body.write(buffer, 0, read);
                if (body.size() > limit(ctx)) {
                    drain(ctx);
                    throw ErrorWriter.tooLarge(limit(ctx));
                }
            }
            return body.toByteArray();
        } catch (IOException e) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "The request body could not be read");
        }
    }

    /** Jackson's messages name its classes and echo input; say what went wrong in our words. */
    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            return "document too deeply nested or a number too long" + location(e);
        }
        if (message.startsWith("Duplicate field")) {
            int end = message.indexOf('\'', message.indexOf('\'') + 1);
            return "repeated key " + (end > 0 ? message.substring(16, end + 1) : "") + location(e);
        }
        if (message.contains("UTF")) {
            return "invalid UTF-8" + location(e);
        }
        return "syntax error" + location(e);
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
