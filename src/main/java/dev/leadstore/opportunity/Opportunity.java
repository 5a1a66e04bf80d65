package dev.leadstore.opportunity;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An opportunity as stored, and as lists show it: the campaign and the responsible user by id.
 * A single opportunity is answered as {@link OpportunityDetail}, with those two nested by name.
 */
public record Opportunity(
        String id,
        String name,
        String email,
        String phone,
        String company,
        String position,
        String linkedinUrl,
        String status,
        String source,
        BigDecimal dealValue,
        String dealCurrency,
        String notes,
        String campaignId,
        String responsibleUserId,
        Instant wonAt,
        Instant lostAt,
        Instant createdAt,
        Instant updatedAt) {

    /** What a create starts from before the body's fields apply: every field at its default. */
    static Opportunity blank(String id, Instant now) {
        return new Opportunity(id, null, null, null, null, null, null, "new", "other", null, "BRL", null, null, null,
                null, null, now, now);
    }

    /** In another stage: entering won or lost stamps the moment, leaving either clears it. */
    Opportunity inStage(String next, Instant now) {
        if (next.equals(status)) {
            return this;
        }
        return new Opportunity(id, name, email, phone, company, position, linkedinUrl, next, source, dealValue,
                dealCurrency, notes, campaignId, responsibleUserId, next.equals("won") ? now : null,
                next.equals("lost") ? now : null, createdAt, updatedAt);
    }

    Opportunity withUpdatedAt(Instant at) {
        return new Opportunity(id, name, email, phone, company, position, linkedinUrl, status, source, dealValue,
                dealCurrency, notes, campaignId, responsibleUserId, wonAt, lostAt, createdAt, at);
    }
}
