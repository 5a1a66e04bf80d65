package dev.leadstore.contact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.base.BodyReader;
import dev.leadstore.base.FieldErrors;
import dev.leadstore.base.Json;
import dev.leadstore.base.Patch;
import dev.leadstore.person.PersonFields;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated create or update body: one {@link Patch} per field. A create applies it to a blank
 * contact, an update to the stored one; `custom_fields` merges key by key (a null value removes a
 * key, `custom_fields: null` clears them all).
 */
record ContactInput(Patch<String> name, Patch<String> email, Patch<String> phone, Patch<String> company,
                    Patch<String> position, Patch<String> source, Patch<String> linkedinUrl,
                    Patch<List<String>> tags, Patch<ObjectNode> customFields) {
    /** The fields a body may carry: this record's components. */
    static final Set<String> FIELDS = Json.fieldNames(ContactInput.class);
    static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at");
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9_]{1,50}");

    static ContactInput parse(ObjectNode json, boolean creating) {
        return parse(json, creating, creating);
    }

    /**
     * An upsert body: as a create (null means not given), but `name` is needed only if it creates,
     * and it must say whom it is about (an email, else a LinkedIn URL).
     */
    static ContactInput parseUpsert(ObjectNode json) {
        ContactInput input = parse(json, false, true);
        if (input.email().value() == null && input.linkedinUrl().value() == null) {
            throw FieldErrors.single("email", "is required (or linkedin_url): an upsert matches contacts by them");
        }
        return input;
    }

    private static ContactInput parse(ObjectNode json, boolean requireName, boolean nullIsAbsent) {
        BodyReader body = new BodyReader(json, FIELDS, READ_ONLY, new FieldErrors(), nullIsAbsent);
        boolean creating = requireName;
        if (!nullIsAbsent) {
            body.refuseNull("source");
        }
        ContactInput input = new ContactInput(
                PersonFields.name(body, creating),
                PersonFields.email(body),
                PersonFields.phone(body),
                PersonFields.text(body, "company"),
                PersonFields.text(body, "position"),
                body.patch("source", () -> source(body)),
                PersonFields.linkedinUrl(body),
                body.patch("tags", () -> {
                    List<String> tags = body.stringSet("tags", 100, 64);
                    return tags == null ? List.of() : tags;
                }),
                body.patch("custom_fields", () -> CustomFields.read(body, "custom_fields")));
        body.errors().throwIfAny();
        return input;
    }

    /**
     * The contact with this body's fields applied; timestamps are the caller's to move. Refused when
     * the merged custom fields outgrow their limits.
     */
    Contact applyTo(Contact c) {
        ObjectNode fields = c.customFields();
        if (customFields.given()) {
            fields = CustomFields.merge(c.customFields(), customFields.value());
            String problem = CustomFields.sizeProblem(fields);
            if (problem != null) {
                throw FieldErrors.single("custom_fields", problem);
            }
        }
        return new Contact(c.id(), name.or(c.name()), email.or(c.email()), phone.or(c.phone()),
                company.or(c.company()), position.or(c.position()), source.or(c.source()),
                linkedinUrl.or(c.linkedinUrl()), tags.or(c.tags()), fields, c.createdAt(), c.updatedAt());
    }

    private static String source(BodyReader body) {
        String source = body.string("source", 50, false, false);
        if (source != null && !SOURCE.matcher(source).matches()) {
            body.errors().add("source", "must be 1 to 50 lowercase letters, digits or underscores");
        }
        return source;
    }
}
