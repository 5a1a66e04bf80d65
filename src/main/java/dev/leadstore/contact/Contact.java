package dev.leadstore.contact;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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

    /** What a create starts from before the body's fields apply: every field at its default. */
    static Contact blank(String id, Instant now) {
        return new Contact(id, null, null, null, null, null, "other", null, List.of(),
                JsonNodeFactory.instance.objectNode(), now, now);
    }

    Contact withUpdatedAt(Instant updatedAt) {
        return new Contact(id, name, email, phone, company, position, source, linkedinUrl, tags, customFields,
                createdAt, updatedAt);
    }
}
