package dev.leadstore.http;

import dev.leadstore.base.ApiException;
import dev.leadstore.base.ErrorCode;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The raw query string of a request, checked before any parameter is read: every name and value
 * must be valid percent-encoded UTF-8, no name may appear twice, and there may be at most
 * {@link #MAX_PARAMETERS}. A decoder that guessed (a lone "%", "%ff", the first of two values)
 * would answer a different question from the one asked.
 */
public final class QueryString {
    public static final int MAX_PARAMETERS = 50;

    private QueryString() {
    }

    /** Before every API and operator route, once the caller is known. */
    public static void check(Context ctx) {
        String raw = ctx.queryString();
        if (raw == null || raw.isEmpty()) {
            return;
        }
        String[] pairs = raw.split("&", -1);
        if (pairs.length > MAX_PARAMETERS) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER,
                    "Too many query parameters (at most " + MAX_PARAMETERS + ")");
        }
        Set<String> seen = new HashSet<>();
        for (String pair : pairs) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), null);
            if (equals >= 0) {
                decode(pair.substring(equals + 1), name);
            }
            if (!seen.add(name)) {
                throw ApiException.invalidParameter(name, "must be given at most once");
            }
        }
    }

    /** Percent-decodes strictly (two hex digits after every %, bytes that are UTF-8), or refuses. */
    private static String decode(String encoded, String parameter) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
                if (low < 0) {
                    throw refused(encoded, parameter);
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                throw refused(encoded, parameter);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw refused(encoded, parameter);
        }
    }

    private static ApiException refused(String encoded, String parameter) {
        String name = parameter != null ? parameter : "query";
        return ApiException.invalidParameter(name, "must be valid percent-encoded UTF-8");
    }
}
