package dev.leadstore.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.base.BodyReader;
import dev.leadstore.base.Json;
import dev.leadstore.base.Text;
import java.util.Iterator;
import java.util.Map;

/** Free-form key/value pairs: flat, bounded in keys and size, values string, number, boolean or null. */
final class CustomFields {
    static final int MAX_KEYS = 100;
    static final int MAX_KEY_LENGTH = 64;
    static final int MAX_BYTES = 16 * 1024;

    private CustomFields() {
    }

    /**
     * Reads the object as sent, null values included (they mean "remove this key"); null when the
     * field is JSON null (clear them all) or refused.
     */
    static ObjectNode read(BodyReader body, String field) {
        if (body.isNull(field)) {
            return null;
        }
        JsonNode node = body.node(field);
        if (!node.isObject()) {
            body.errors().add(field, "must be an object");
            return null;
        }
        if (node.size() > MAX_KEYS) {
            body.errors().add(field, "must have at most " + MAX_KEYS + " keys");
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String problem = problem(entry.getKey(), entry.getValue());
            if (problem != null) {
                body.errors().add(field, problem);
                return null;
            }
        }
        // Too large on its own is a problem of the body, refused before the contact is even looked up.
        String sizeProblem = sizeProblem(merge(JsonNodeFactory.instance.objectNode(), (ObjectNode) node));
        if (sizeProblem != null) {
            body.errors().add(field, sizeProblem);
            return null;
        }
        return (ObjectNode) node;
    }

    /** Applies a patch: null values remove keys, others set them; a null patch clears all. A new object. */
    static ObjectNode merge(ObjectNode current, ObjectNode patch) {
        if (patch == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        ObjectNode merged = current.deepCopy();
        patch.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                merged.remove(e.getKey());
            } else {
                merged.set(e.getKey(), e.getValue());
            }
        });
        return merged;
    }

    /** The limits the stored object must respect, or null when it does. */
    static String sizeProblem(ObjectNode fields) {
        if (fields.size() > MAX_KEYS) {
            return "must have at most " + MAX_KEYS + " keys";
        }
        if (Json.bytes(fields).length > MAX_BYTES) {
            return "must be at most 16 KiB when serialized";
        }
        return null;
    }

    private static String problem(String key, JsonNode value) {
        int length = Text.length(key);
        if (length < 1 || length > MAX_KEY_LENGTH) {
            return "keys must be 1 to " + MAX_KEY_LENGTH + " characters";
        }
        String keyProblem = Text.problem(key, false);
        if (keyProblem != null) {
            return "keys " + keyProblem;
        }
        if (value.isTextual()) {
            String valueProblem = Text.problem(value.textValue(), false);
            return valueProblem == null ? null : "values " + valueProblem;
        }
        if (value.isNumber()) {
            // JavaScript and Python read 1e999999999 as Infinity: only what a double holds goes in.
            return Double.isFinite(value.doubleValue()) ? null : "numbers must be finite (at most about 1.8e308)";
        }
        if (value.isBoolean() || value.isNull()) {
            return null;
        }
        return "values must be strings, numbers, booleans or null";
    }
}
