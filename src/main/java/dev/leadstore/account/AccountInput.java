package dev.leadstore.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.validation.BodyReader;
import dev.leadstore.validation.FieldErrors;
import java.util.HashSet;
import java.util.Set;

/** The body of creating or updating an account; `present` tells which fields were given. */
record AccountInput(Set<String> present, String name, Plan plan, Integer rateLimitPerHour) {
    private static final Set<String> FIELDS = Set.of("name", "plan", "rate_limit_per_hour");
    private static final Set<String> READ_ONLY = Set.of("id", "created_at");

    boolean has(String field) {
        return present.contains(field);
    }

    static AccountInput parse(ObjectNode json, boolean creating) {
        BodyReader body = new BodyReader(json, FIELDS, READ_ONLY, new FieldErrors());
        if (creating) {
            body.require("name");
        } else {
            body.refuseNull("name");
        }
        body.refuseNull("plan");
        String name = body.string("name", 255, true, false);
        if (name != null && name.isEmpty()) {
            body.errors().add("name", "must not be empty");
        }
        String planText = body.string("plan", 32, false, false);
        Plan plan = planText == null ? Plan.PRO : Plan.from(planText).orElse(null);
        if (plan == null) {
            body.errors().add("plan", "must be one of free, pro, business, enterprise");
        }
        Integer limit = Limits.perHour(body, "rate_limit_per_hour");
        body.errors().throwIfAny();
        Set<String> present = new HashSet<>();
        FIELDS.forEach(f -> {
            if (json.has(f)) {
                present.add(f);
            }
        });
        return new AccountInput(present, name, plan, limit);
    }
}
