package dev.leadstore.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.base.BodyReader;
import dev.leadstore.base.ErrorCode;
import dev.leadstore.base.FieldErrors;
import dev.leadstore.base.Json;
import dev.leadstore.base.Patch;
import dev.leadstore.person.PersonFields;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A validated create or update body: one {@link Patch} per field. A create applies it to a blank
 * opportunity, an update to the stored one. `status` is accepted on create only; stages change
 * through their own endpoint.
 */
record OpportunityInput(Patch<String> name, Patch<String> email, Patch<String> phone, Patch<String> company,
                        Patch<String> position, Patch<String> linkedinUrl, Patch<String> status, Patch<String> source,
                        Patch<BigDecimal> dealValue, Patch<String> dealCurrency, Patch<String> notes,
                        Patch<String> campaignId, Patch<String> responsibleUserId) {
    /** The fields a body may carry: this record's components. */
    static final Set<String> FIELDS = Json.fieldNames(OpportunityInput.class);
    private static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at", "won_at", "lost_at",
            "campaign", "responsible_user");
    static final BigDecimal MAX_VALUE = new BigDecimal("999999999999.99");
    static final int MAX_NOTES = 10_000;

    static OpportunityInput parse(ObjectNode json, boolean creating) {
        BodyReader body = new BodyReader(json, FIELDS, READ_ONLY, new FieldErrors(), creating);
        if (!creating && json.has("status")) {
            body.errors().add("status", "cannot be changed here; use PATCH /external/v1/opportunities/{id}/stage");
        }
        if (!creating) {
            body.refuseNull("source");
            body.refuseNull("deal_currency");
        }
        OpportunityInput input = new OpportunityInput(
                PersonFields.name(body, creating),
                PersonFields.email(body),
                PersonFields.phone(body),
                PersonFields.text(body, "company"),
                PersonFields.text(body, "position"),
                PersonFields.linkedinUrl(body),
                creating ? body.patch("status", () -> oneOf(body, "status", Vocabulary.STATUSES, ErrorCode.INVALID_STATUS))
                        : Patch.absent(),
                body.patch("source", () -> oneOf(body, "source", Vocabulary.SOURCES, ErrorCode.INVALID_SOURCE)),
                body.patch("deal_value", () -> dealValue(body)),
                body.patch("deal_currency", () -> currency(body)),
                body.patch("notes", () -> body.string("notes", MAX_NOTES, false, true)),
                body.patch("campaign_id", () -> body.string("campaign_id", 64, false, false)),
                body.patch("responsible_user_id", () -> body.string("responsible_user_id", 64, false, false)));
        body.errors().throwIfAny();
        return input;
    }

    /** The body of a stage change: exactly {"status": "..."}. */
    static String stage(ObjectNode json) {
        BodyReader body = new BodyReader(json, Set.of("status"), Set.of(), new FieldErrors());
        body.require("status");
        String status = oneOf(body, "status", Vocabulary.STATUSES, ErrorCode.INVALID_STATUS);
        body.errors().throwIfAny();
        return status;
    }

    /**
     * The opportunity with this body's fields applied; timestamps are the caller's to move. A status
     * (on create) goes through the stage rules, so creating a won deal stamps won_at.
     */
    Opportunity applyTo(Opportunity o, java.time.Instant now) {
        Opportunity applied = new Opportunity(o.id(), name.or(o.name()), email.or(o.email()), phone.or(o.phone()),
                company.or(o.company()), position.or(o.position()), linkedinUrl.or(o.linkedinUrl()), o.status(),
                source.or(o.source()), dealValue.or(o.dealValue()), dealCurrency.or(o.dealCurrency()),
                notes.or(o.notes()), campaignId.or(o.campaignId()), responsibleUserId.or(o.responsibleUserId()),
                o.wonAt(), o.lostAt(), o.createdAt(), o.updatedAt());
        return status.given() ? applied.inStage(status.value(), now) : applied;
    }

    /** A word of the vocabulary; anything else given (another word, a number, an array) is its own code. */
    private static String oneOf(BodyReader body, String field, List<String> allowed, ErrorCode code) {
        if (!body.present(field) || body.isNull(field)) {
            return null;
        }
        JsonNode node = body.node(field);
        if (!node.isTextual() || !allowed.contains(node.textValue())) {
            body.errors().add(field, "must be one of " + String.join(", ", allowed), code);
            return null;
        }
        return node.textValue();
    }

    private static BigDecimal dealValue(BodyReader body) {
        if (body.isNull("deal_value")) {
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
