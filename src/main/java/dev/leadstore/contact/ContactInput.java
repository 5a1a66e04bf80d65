package dev.leadstore.contact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.validation.BodyReader;
import dev.leadstore.validation.CustomFields;
import dev.leadstore.validation.FieldErrors;
import dev.leadstore.validation.PersonFields;
import dev.leadstore.validation.PersonFields.Person;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated create or update body. `present` names the fields the client sent; on update only
 * those change. `customFields` may hold nulls on update: those keys are removed; `custom_fields: null`
 * clears them all.
 */
record ContactInput(Set<String> present, Person person, String source, List<String> tags, ObjectNode customFields,
                    boolean clearsCustomFields) {
    static final Set<String> FIELDS = Set.of("name", "email", "phone", "company", "position", "linkedin_url",
            "source", "tags", "custom_fields");
    static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at");
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9_]{1,50}");

    boolean has(String field) {
        return present.contains(field);
    }

    static ContactInput parse(ObjectNode json, boolean creating) {
        BodyReader body = new BodyReader(json, FIELDS, READ_ONLY, new FieldErrors());
        Person person = PersonFields.read(body, creating);
        if (!creating) {
            body.refuseNull("source");
        }
        String source = body.string("source", 50, false, false);
        if (source != null && !SOURCE.matcher(source).matches()) {
            body.errors().add("source", "must be 1 to 50 lowercase letters, digits or underscores");
        }
        List<String> tags = body.stringSet("tags", 100, 64);
        ObjectNode customFields = CustomFields.read(body, "custom_fields", creating);
        body.errors().throwIfAny();
        Set<String> present = new HashSet<>();
        json.fieldNames().forEachRemaining(present::add);
        return new ContactInput(present, person, source == null ? "other" : source,
                tags == null ? List.of() : tags, customFields, body.isNull("custom_fields"));
    }
}
