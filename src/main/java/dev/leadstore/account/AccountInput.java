package dev.leadstore.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.base.BodyReader;
import dev.leadstore.base.FieldErrors;
import dev.leadstore.base.Json;
import dev.leadstore.base.Patch;

/**
 * The body of creating or updating an account, from the operator API or the command line. On an
 * update a null `rate_limit_per_hour` returns the account to its plan's default.
 */
public record AccountInput(Patch<String> name, Patch<Plan> plan, Patch<Integer> rateLimitPerHour) {
    private static final java.util.Set<String> FIELDS = Json.fieldNames(AccountInput.class);
    private static final java.util.Set<String> READ_ONLY = java.util.Set.of("id", "created_at");

    public static AccountInput parse(ObjectNode json, boolean creating) {
        BodyReader body = new BodyReader(json, FIELDS, READ_ONLY, new FieldErrors(), creating);
        if (creating) {
            body.require("name");
        } else {
            body.refuseNull("name");
            body.refuseNull("plan");
        }
        AccountInput input = new AccountInput(
                body.patch("name", () -> {
                    String name = body.string("name", 255, true, false);
                    if (name != null && name.isEmpty()) {
                        body.errors().add("name", "must not be empty");
                    }
                    return name;
                }),
                body.patch("plan", () -> plan(body)),
                body.patch("rate_limit_per_hour", () -> Limits.perHour(body, "rate_limit_per_hour")));
        body.errors().throwIfAny();
        return input;
    }

    private static Plan plan(BodyReader body) {
        String text = body.string("plan", 32, false, false);
        Plan plan = text == null ? null : Plan.from(text).orElse(null);
        if (text != null && plan == null) {
            body.errors().add("plan", "must be one of free, pro, business, enterprise");
        }
        return plan;
    }
}
