package dev.leadstore.http;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Gives every request an id, echoed in X-Request-Id and written in every log line about it. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "leadstore.requestId";
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    /** Takes a well-formed id from the client (so traces can be joined), else makes one. */
    public static void assign(Context ctx) {
        String given = ctx.header(HEADER);
        String id = given != null && CLIENT_ID.matcher(given).matches() ? given : fresh();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "-" : id;
    }

    static String fresh() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "req_" + HexFormat.of().formatHex(bytes);
    }
}
