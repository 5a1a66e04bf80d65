package dev.leadstore.contact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** A contact as the API returns it: every field present, unset ones null. */
public record Contact(
        String id,
        String name,
        String email,
        String phone,
        String company,
        String position,
        String source,
        String linkedinUrl,
        List<String> tags,
        ObjectNode customFields,
        Instant createdAt,
        Instant updatedAt) {

    /** Same content, ignoring timestamps: an update that changes nothing must not move updated_at. */
    boolean sameContent(Contact other) {
        return java.util.Objects.equals(name, other.name) && java.util.Objects.equals(email, other.email)
                && java.util.Objects.equals(phone, other.phone) && java.util.Objects.equals(company, other.company)
                && java.util.Objects.equals(position, other.position) && source.equals(other.source)
                && java.util.Objects.equals(linkedinUrl, other.linkedinUrl) && tags.equals(other.tags)
                && customFields.equals(other.customFields);
    }
}
