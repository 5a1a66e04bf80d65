package dev.leadstore.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.validation.BodyReader;
import dev.leadstore.validation.FieldErrors;
import dev.leadstore.validation.PersonFields;
import java.util.Set;

/** The bodies that create a user ({name, email}) or a campaign ({name}). */
record TeamInput(String name, String email) {
    private static final Set<String> READ_ONLY = Set.of("id", "created_at");

    static TeamInput user(ObjectNode json) {
        BodyReader body = new BodyReader(json, Set.of("name", "email"), READ_ONLY, new FieldErrors());
        body.require("email");
        PersonFields.Person person = PersonFields.read(body, true);
        body.errors().throwIfAny();
        return new TeamInput(person.name(), person.email());
    }

    static TeamInput campaign(ObjectNode json) {
        BodyReader body = new BodyReader(json, Set.of("name"), READ_ONLY, new FieldErrors());
        PersonFields.Person person = PersonFields.read(body, true);
        body.errors().throwIfAny();
        return new TeamInput(person.name(), null);
    }
}
