package dev.leadstore.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.http.ErrorCode;
import dev.leadstore.validation.BodyReader;
import dev.leadstore.validation.FieldErrors;
import dev.leadstore.validation.PersonFields;
import dev.leadstore.validation.PersonFields.Person;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** A validated create or update body; on update only the `present` fields change. */
record OpportunityInput(Set<String> present, Person person, String status, String source, BigDecimal dealValue,
                        String dealCurrency, String notes, String campaignId, String responsibleUserId) {
    private static final Set<String> FIELDS = Set.of("name", "email", "phone", "company", "position", "linkedin_url",
            "status", "source", "deal_value", "deal_currency", "notes", "campaign_id", "responsible_user_id");
    private static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at", "won_at", "lost_at",
            "campaign", "responsible_user");
    static final BigDecimal MAX_VALUE = new BigDecimal("999999999999.99");
    static final int MAX_NOTES = 10_000;

    boolean has(String field) {
        return present.contains(field);
    }

    static OpportunityInput parse(ObjectNode json, boolean creating) {
        BodyReader body = new BodyReader(json, FIELDS, READ_ONLY, new FieldErrors());
        Person person = PersonFields.read(body, creating);
        String status = null;
        if (creating) {
            status = oneOf(body, "status", Vocabulary.STATUSES, ErrorCode.INVALID_STATUS);
        } else if (json.has("status")) {
            body.errors().add("status", "cannot be changed here; use PATCH /external/v1/opportunities/{id}/stage");
        }
        if (!creating) {
            body.refuseNull("source");
            body.refuseNull("deal_currency");
        }
        String source = oneOf(body, "source", Vocabulary.SOURCES, ErrorCode.INVALID_SOURCE);
        BigDecimal value = dealValue(body);
        String currency = currency(body);
        String notes = body.string("notes", MAX_NOTES, false, true);
        String campaignId = body.string("campaign_id", 64, false, false);
        String userId = body.string("responsible_user_id", 64, false, false);
        body.errors().throwIfAny();
        Set<String> present = new HashSet<>();
        json.fieldNames().forEachRemaining(present::add);
        return new OpportunityInput(present, person, status == null ? "new" : status,
                source == null ? "other" : source, value, currency == null ? "BRL" : currency, notes,
                campaignId, userId);
    }

    /** The body of a stage change: exactly {"status": "..."}. */
    static String stage(ObjectNode json) {
        BodyReader body = new BodyReader(json, Set.of("status"), Set.of(), new FieldErrors());
        body.require("status");
        String status = oneOf(body, "status", Vocabulary.STATUSES, ErrorCode.INVALID_STATUS);
        body.errors().throwIfAny();
        return status;
    }

    private static String oneOf(BodyReader body, String field, java.util.List<String> allowed, ErrorCode code) {
        String value = body.string(field, 64, false, false);
        if (value != null && !allowed.contains(value)) {
            body.errors().add(field, "must be one of " + String.join(", ", allowed), code);
            return null;
        }
        return value;
    }

    private static BigDecimal dealValue(BodyReader body) {
        if (!body.present("deal_value") || body.isNull("deal_value")) {
            return null;
        }
        JsonNode node = body.node("deal_value");
        if (!node.isNumber()) {
            body.errors().add("deal_value", "must be a number");
            return null;
        }
        BigDecimal value = node.decimalValue();
        if (value.signum() < 0 || value.compareTo(MAX_VALUE) > 0 || value.stripTrailingZeros().scale() > 2) {
            body.errors().add("deal_value", "must be a number from 0 to " + MAX_VALUE.toPlainString()
                    + " with at most 2 decimals");
            return null;
        }
        return canonical(value);
    }

    /** One form per amount (no trailing zeros, no exponent), so equal amounts compare and print alike. */
    static BigDecimal canonical(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String currency(BodyReader body) {
        String value = body.string("deal_currency", 3, false, false);
        if (value == null) {
            return null;
        }
        String code = value.toUpperCase(Locale.ROOT);
        boolean known = code.length() == 3 && Currency.getAvailableCurrencies().stream()
                .anyMatch(c -> c.getCurrencyCode().equals(code));
        if (!known) {
            body.errors().add("deal_currency", "must be an ISO-4217 currency code such as BRL or USD");
            return null;
        }
        return code;
    }
}
