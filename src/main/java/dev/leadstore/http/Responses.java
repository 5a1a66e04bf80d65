package dev.leadstore.http;

import dev.leadstore.base.Json;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Success envelopes. */
public final class Responses {
    /** The type of every JSON body, exactly as responses carry it. */
    public static final String JSON = "application/json";

    private Responses() {
    }

    public static void ok(Context ctx, Object data) {
        ctx.status(200);
        json(ctx, envelope(data));
    }

    public static void created(Context ctx, Object data) {
        ctx.status(201);
        json(ctx, envelope(data));
    }

    /** 202: queued for the background to do (a webhook's ping or replay). */
    public static void accepted(Context ctx, Object data) {
        ctx.status(202);
        json(ctx, envelope(data));
    }

    /** `{"success": true, "result": …, "data": …}`: a write that says what it did (an upsert). */
    public static void result(Context ctx, int status, String result, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("result", result);
        body.put("data", data);
        ctx.status(status);
        json(ctx, body);
    }

    public static void message(Context ctx, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("message", message);
        ctx.status(200);
        json(ctx, body);
    }

    private static final String BODY = "leadstore.responseBody";

    static void json(Context ctx, Object body) {
        bytes(ctx, Json.bytes(body));
    }

    /** Writes a JSON body that is already serialized (a replayed response, say). */
    public static void bytes(Context ctx, byte[] json) {
        ctx.contentType(JSON);
        ctx.attribute(BODY, json);
        ctx.result(json);
    }

    /** The JSON body this request answered with so far, or null. */
    public static byte[] written(Context ctx) {
        return ctx.attribute(BODY);
    }

    private static Map<String, Object> envelope(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", data);
        return body;
    }
}
