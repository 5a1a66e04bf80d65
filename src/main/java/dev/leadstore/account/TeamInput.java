package dev.leadstore.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.base.BodyReader;
import dev.leadstore.base.FieldErrors;
import dev.leadstore.person.PersonFields;
import java.util.Set;

/** The bodies that create a user ({name, email}) or a campaign ({name}), from the API or the command line. */
public record TeamInput(String name, String email) {
    private static final Set<String> READ_ONLY = Set.of("id", "created_at");

    public static TeamInput user(ObjectNode json) {
        BodyReader body = new BodyReader(json, Set.of("name", "email"), READ_ONLY, new FieldErrors());
        body.require("email");
        TeamInput input = new TeamInput(PersonFields.name(body, true).value(), PersonFields.email(body).value());
        body.errors().throwIfAny();
        return input;
    }

    public static TeamInput campaign(ObjectNode json) {
        BodyReader body = new BodyReader(json, Set.of("name"), READ_ONLY, new FieldErrors());
        TeamInput input = new TeamInput(PersonFields.name(body, true).value(), null);
        body.errors().throwIfAny();
        return input;
    }
}
