package dev.leadstore.opportunity;

import java.math.BigDecimal;
import java.time.Instant;

/** An opportunity as GET returns it, with its campaign and responsible user nested as {id, name}. */
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
        Ref campaign,
        Ref responsibleUser,
        Instant wonAt,
        Instant lostAt,
        Instant createdAt,
        Instant updatedAt) {

    public record Ref(String id, String name) {
    }

    /** The list form: ids instead of nested objects. */
    public record Summary(String id, String name, String email, String phone, String company, String position,
                          String linkedinUrl, String status, String source, BigDecimal dealValue,
                          String dealCurrency, String notes, String campaignId, String responsibleUserId,
                          Instant wonAt, Instant lostAt, Instant createdAt, Instant updatedAt) {
    }

    Summary summary() {
        return new Summary(id, name, email, phone, company, position, linkedinUrl, status, source, dealValue,
                dealCurrency, notes, campaign == null ? null : campaign.id(),
                responsibleUser == null ? null : responsibleUser.id(), wonAt, lostAt, createdAt, updatedAt);
    }

    String campaignId() {
        return campaign == null ? null : campaign.id();
    }

    String responsibleUserId() {
        return responsibleUser == null ? null : responsibleUser.id();
    }
}
