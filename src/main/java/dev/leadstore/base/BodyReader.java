package dev.leadstore.base;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Typed, strict access to a JSON object body; every problem goes to one FieldErrors. On a create
 * a null value means "not given" (the field keeps its default); on an update it clears the field.
 */
public final class BodyReader {
    private final ObjectNode body;
    private final FieldErrors errors;
    private final boolean nullIsAbsent;

    public BodyReader(ObjectNode body, Set<String> writable, Set<String> readOnly, FieldErrors errors) {
        this(body, writable, readOnly, errors, false);
    }

    public BodyReader(ObjectNode body, Set<String> writable, Set<String> readOnly, FieldErrors errors,
                      boolean nullIsAbsent) {
        this.body = body;
        this.errors = errors;
        this.nullIsAbsent = nullIsAbsent;
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (readOnly.contains(name)) {
                errors.add(name, "is read-only");
            } else if (!writable.contains(name)) {
                errors.add(name, "is not a known field");
            }
        }
    }

    public FieldErrors errors() {
        return errors;
    }

    public boolean present(String field) {
        return body.has(field) && !errors.has(field);
    }

    /**
     * The field as a patch: absent when not sent (or sent as null where null means "not given"),
     * else given with what `read` makes of it (null for JSON null, or when the value was refused).
     */
    public <T> Patch<T> patch(String field, Supplier<T> read) {
        if (!body.has(field) || (nullIsAbsent && isNull(field))) {
            return Patch.absent();
        }
        return Patch.of(read.get());
    }

    public boolean isNull(String field) {
        return body.has(field) && body.get(field).isNull();
    }

    public JsonNode node(String field) {
        return body.get(field);
    }

    /** A string value (or null when absent or JSON null), checked for type, characters and length. */
    public String string(String field, int maxLength, boolean trim, boolean allowTabAndNewline) {
        if (!present(field) || isNull(field)) {
            return null;
        }
        JsonNode node = body.get(field);
        if (!node.isTextual()) {
            errors.add(field, "must be a string");
            return null;
        }
        // Characters are checked before trimming: trimming must not hide a control character.
        String problem = Text.problem(node.textValue(), allowTabAndNewline);
        if (problem != null) {
            errors.add(field, problem);
            return null;
        }
        String value = trim ? node.textValue().strip() : node.textValue();
        if (Text.length(value) > maxLength) {
            errors.add(field, "must be at most " + maxLength + " characters");
            return null;
        }
        return value;
    }

    /** Records that a field cannot be null when it is given as null. */
    public void refuseNull(String field) {
        if (present(field) && isNull(field)) {
            errors.add(field, "must not be null");
        }
    }

    public void require(String field) {
        if (!body.has(field)) {
            errors.add(field, "is required");
        } else {
            refuseNull(field);
        }
    }

    /** An array of strings, each trimmed and 1..maxLength long; duplicates dropped, order kept. */
    public List<String> stringSet(String field, int maxItems, int maxLength) {
        if (!present(field) || isNull(field)) {
            return null;
        }
        JsonNode node = body.get(field);
        if (!node.isArray()) {
            errors.add(field, "must be an array of strings");
            return null;
        }
        if (node.size() > maxItems) {
            errors.add(field, "must have at most " + maxItems + " items");
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            String problem = itemProblem(item, maxLength);
            if (problem != null) {
                errors.add(field, problem);
                return null;
            }
            String value = item.textValue().strip();
            if (!values.contains(value)) {
                values.add(value);
            }
        }
        return values;
    }

    private static String itemProblem(JsonNode item, int maxLength) {
        if (!item.isTextual()) {
            return "must contain only strings";
        }
        String problem = Text.problem(item.textValue(), false);
        if (problem != null) {
            return "items " + problem;
        }
        int length = Text.length(item.textValue().strip());
        if (length < 1 || length > maxLength) {
            return "items must be 1 to " + maxLength + " characters after trimming";
        }
        return null;
    }
}
