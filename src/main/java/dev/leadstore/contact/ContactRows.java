package dev.leadstore.contact;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.base.Json;
import dev.leadstore.person.LinkedInProfiles;
import dev.leadstore.person.PersonColumns;
import dev.leadstore.person.PersonFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A contact as a row: what each column holds, written and read the same way everywhere. */
final class ContactRows {
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };

    private ContactRows() {
    }

    /**
     * Every column of the row by name, derived ones (lowercased, comparison forms, search text)
     * included: what every insert and update of a contact binds (plain JDBC refuses to run a
     * statement with a name left without a value, so a column missing here fails at once).
     */
    static Map<String, Object> values(String accountId, Contact c) {
        Map<String, Object> values = new HashMap<>();
        PersonColumns.put(values, c.name(), c.email(), c.phone(), c.company(), c.position(), c.linkedinUrl());
        // A contact's email is unique under its comparison form, not merely lowercased.
        values.put("email_lc", PersonFields.emailKey(c.email()));
        values.put("linkedin_key", LinkedInProfiles.key(c.linkedinUrl()));
        values.put("account", accountId);
        values.put("id", c.id());
        values.put("source", c.source());
        values.put("tags", Json.string(c.tags()));
        values.put("custom_fields", Json.string(c.customFields()));
        values.put("created_at", c.createdAt().toEpochMilli());
        values.put("updated_at", c.updatedAt().toEpochMilli());
        values.put("search_lc", SearchText.of(c.name(), c.email(), c.company()));
        return values;
    }

    static Contact read(ResultSet rs) throws SQLException {
        try {
            return new Contact(rs.getString("id"), rs.getString("name"), rs.getString("email"), rs.getString("phone"),
                    rs.getString("company"), rs.getString("job_position"), rs.getString("source"),
                    rs.getString("linkedin_url"),
                    Json.mapper().readValue(rs.getString("tags"), STRING_LIST),
                    (ObjectNode) Json.mapper().readTree(rs.getString("custom_fields")),
                    Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
