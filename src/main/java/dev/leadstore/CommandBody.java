package dev.leadstore;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.base.Json;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JSON body a subcommand's options stand for, so that the command line is validated by the
 * same input records, with the same messages, as the operator API. An option not given is a field
 * not sent.
 */
final class CommandBody {
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,30}");

    private final ObjectNode json = Json.mapper().createObjectNode();

    CommandBody text(String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
        return this;
    }

    /** A whole number as a JSON number; anything else is sent as text, for the validator to refuse. */
    CommandBody number(String field, String value) {
        if (value != null) {
            if (WHOLE_NUMBER.matcher(value.trim()).matches()) {
                json.put(field, new BigInteger(value.trim()));
            } else {
                json.put(field, value);
            }
        }
        return this;
    }

    CommandBody list(String field, List<String> values) {
        if (values != null) {
            ArrayNode array = json.putArray(field);
            values.forEach(array::add);
        }
        return this;
    }

    ObjectNode json() {
        return json;
    }
}
