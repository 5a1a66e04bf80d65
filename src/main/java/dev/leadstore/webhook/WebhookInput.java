package dev.leadstore.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.base.BodyReader;
import dev.leadstore.base.FieldErrors;
import dev.leadstore.base.Patch;
import dev.leadstore.event.EventTypes;
import java.util.List;
import java.util.Set;

/**
 * The body of creating or changing a webhook. `secret` is not a field: the server makes every
 * secret (create, rotate-secret), so a body naming one is refused like any unknown field.
 */
public record WebhookInput(Patch<String> url, Patch<List<String>> events, Patch<String> description,
                           Patch<Boolean> enabled) {
    public static final int MAX_URL = 2048;
    public static final int MAX_PATTERNS = 20;
    public static final int MAX_DESCRIPTION = 500;
    private static final Set<String> FIELDS = Set.of("url", "events", "description", "enabled");
    private static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at");

    public static WebhookInput parse(ObjectNode json, boolean create) {
        BodyReader body = new BodyReader(json, FIELDS, READ_ONLY, new FieldErrors());
        if (create) {
            body.require("url");
            body.require("events");
        } else {
            body.refuseNull("url");
            body.refuseNull("events");
        }
        body.refuseNull("enabled");
        Patch<String> url = body.patch("url", () -> url(body));
        Patch<List<String>> events = body.patch("events", () -> patterns(body));
        Patch<String> description = body.patch("description", () -> body.string("description", MAX_DESCRIPTION, true, false));
        Patch<Boolean> enabled = body.patch("enabled", () -> {
            if (!body.present("enabled") || body.isNull("enabled")) {
                return null;
            }
            if (!body.node("enabled").isBoolean()) {
                body.errors().add("enabled", "must be true or false");
                return null;
            }
            return body.node("enabled").booleanValue();
        });
        body.errors().throwIfAny();
        return new WebhookInput(url, events, description, enabled);
    }

    private static String url(BodyReader body) {
        String url = body.string("url", MAX_URL, true, false);
        if (url != null) {
            String problem = UrlGuard.syntaxProblem(url);
            if (problem != null) {
                body.errors().add("url", problem);
                return null;
            }
        }
        return url;
    }

    private static List<String> patterns(BodyReader body) {
        List<String> patterns = body.stringSet("events", MAX_PATTERNS, 32);
        if (patterns == null) {
            return null;
        }
        if (patterns.isEmpty()) {
            body.errors().add("events", "must name at least one event type or pattern");
            return null;
        }
        for (String pattern : patterns) {
            if (EventTypes.matching(pattern).isEmpty()) {
                body.errors().add("events", "each must be an event type (contact.created, …) or contact.*, "
                        + "opportunity.*, *; got: " + pattern);
                return null;
            }
        }
        return patterns;
    }
}
