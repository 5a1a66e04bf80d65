package dev.leadstore.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.base.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a cursor page starts: after the row with this sort key and id, in a list sorted by `sortBy`
 * in one direction, with the filters whose fingerprint is `filters`. On the wire it is URL-safe
 * base64 (no padding) of a small JSON object, {@code {"v":1,"s":"name","o":"asc","f":"…","k":"jane","i":"cnt_…"}},
 * and a token is accepted only in exactly the form this class writes.
 */
public record Cursor(String sortBy, boolean descending, String filters, Object key, String id) {
    /** The longest token read: a name or company of 255 code points, four UTF-8 bytes each, fits. */
    public static final int MAX_LENGTH = 2048;
    private static final int VERSION = 1;
    private static final Pattern SORT = Pattern.compile("[a-z_]{1,32}");
    private static final Pattern FILTERS = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern ID = Pattern.compile("[a-z]{1,8}_[a-z0-9]{12}");

    public String encode() {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("v", VERSION);
        json.put("s", sortBy);
        json.put("o", descending ? "desc" : "asc");
        json.put("f", filters);
        if (key == null) {
            json.putNull("k");
        } else if (key instanceof Long millis) {
            json.put("k", millis);
        } else if (key instanceof BigDecimal decimal) {
            json.put("k", decimal.toPlainString());
        } else {
            json.put("k", (String) key);
        }
        json.put("i", id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(json));
    }

    /**
     * The cursor of a token this class wrote, its key a Long, a String or null (a decimal key comes
     * back as its String); null for anything else.
     */
    public static Cursor decode(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            return null;
        }
        try {
            JsonNode json = Json.parse(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            Cursor cursor = read(json);
            return cursor != null && cursor.encode().equals(token) ? cursor : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Cursor read(JsonNode json) {
        JsonNode version = json.path("v");
        if (!json.isObject() || json.size() != 6 || !version.isIntegralNumber() || !version.canConvertToInt()
                || version.intValue() != VERSION) {
            return null;
        }
        String sortBy = text(json, "s", SORT);
        String order = json.path("o").isTextual() ? json.path("o").textValue() : "";
        String filters = text(json, "f", FILTERS);
        String id = text(json, "i", ID);
        JsonNode key = json.path("k");
        boolean keyRead = key.isNull() || key.isTextual() || (key.isIntegralNumber() && key.canConvertToLong());
        if (sortBy == null || !(order.equals("asc") || order.equals("desc")) || filters == null || id == null
                || !keyRead) {
            return null;
        }
        Object value = key.isNull() ? null : key.isTextual() ? key.textValue() : (Object) key.longValue();
        return new Cursor(sortBy, order.equals("desc"), filters, value, id);
    }

    private static String text(JsonNode json, String field, Pattern pattern) {
        JsonNode node = json.path(field);
        return node.isTextual() && pattern.matcher(node.textValue()).matches() ? node.textValue() : null;
    }

    public Cursor withKey(Object key) {
        return new Cursor(sortBy, descending, filters, key, id);
    }

    /**
     * A fingerprint of a list's filters (22 URL-safe characters of SHA-256): a cursor is good only for
     * the filters it was made with. Collections count as sets; other values by their text.
     */
    public static String fingerprint(Object... values) {
        List<Object> canonical = new ArrayList<>();
        for (Object value : values) {
            canonical.add(value == null ? null : value instanceof Collection<?> items
                    ? items.stream().map(String::valueOf).sorted().toList() : value.toString());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.bytes(canonical));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
