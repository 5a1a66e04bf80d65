package dev.leadstore.account;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.base.BodyReader;

/** Reads an optional hourly request limit. */
public final class Limits {
    static final int MAX_PER_HOUR = 1_000_000_000;

    private Limits() {
    }

    public static Integer perHour(BodyReader body, String field) {
        if (!body.present(field) || body.isNull(field)) {
            return null;
        }
        JsonNode node = body.node(field);
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1 || node.intValue() > MAX_PER_HOUR) {
            body.errors().add(field, "must be a whole number from 1 to " + MAX_PER_HOUR);
            return null;
        }
        return node.intValue();
    }
}
