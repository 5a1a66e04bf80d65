package dev.leadstore.http;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One route as the fuzz test sees it: how to call it, which body fields and query parameters it
 * knows (the generators mix those with strangers), which part of the tenant's data it may change,
 * and every status and error code the reference documents for it.
 */
record FuzzRoute(String method, String path, List<String> fields, List<String> parameters, Area area,
                 Map<Integer, Set<String>> documented) {

    /** The data a route may change: what "nothing stored" is checked against. */
    enum Area { CONTACTS, OPPORTUNITIES, OPERATOR }

    private static final Set<String> BODY_400 = Set.of("VALIDATION_ERROR", "INVALID_EMAIL", "INVALID_PARAMETER");
    private static final Set<String> OPPORTUNITY_400 = Set.of("VALIDATION_ERROR", "INVALID_EMAIL", "INVALID_STATUS",
            "INVALID_SOURCE", "INVALID_PARAMETER");
    private static final List<String> PERSON = List.of("name", "email", "phone", "company", "position", "linkedin_url");
    private static final List<String> LIST_PARAMETERS = List.of("page", "limit", "sort_by", "sort_order", "search",
            "created_after", "created_before", "updated_after", "updated_before");

    boolean writes() {
        return !method.equals("GET");
    }

    boolean documents(int status, String code) {
        Set<String> codes = documented.get(status);
        return codes != null && (code == null || codes.contains(code));
    }

    /** Every route of the API and the operator API; {contact}, {opportunity}, {account} are filled in. */
    static List<FuzzRoute> all() {
        return List.of(
                write("POST", "/external/v1/contacts", contactFields(), Area.CONTACTS, 201, BODY_400, false, true),
                write("PUT", "/external/v1/contacts/{contact}", contactFields(), Area.CONTACTS, 200, BODY_400, true, true),
                upsert(),
                write("POST", "/external/v1/contacts/batch", List.of("operations", "atomic"), Area.CONTACTS, 200,
                        Set.of("VALIDATION_ERROR", "INVALID_PARAMETER", "BATCH_REJECTED"), false, false),
                write("PATCH", "/external/v1/contacts/{contact}", contactFields(), Area.CONTACTS, 200, BODY_400, true, true),
                read("/external/v1/contacts", concat(LIST_PARAMETERS, List.of("email", "company", "source", "tags")),
                        Area.CONTACTS, false),
                read("/external/v1/contacts/{contact}", List.of(), Area.CONTACTS, true),
                read("/external/v1/contacts/cnt_000000000000", List.of(), Area.CONTACTS, true),
                delete("/external/v1/contacts/cnt_000000000000", Area.CONTACTS),
                write("POST", "/external/v1/opportunities", opportunityFields(), Area.OPPORTUNITIES, 201, OPPORTUNITY_400,
                        false, false),
                write("PUT", "/external/v1/opportunities/{opportunity}", opportunityFields(), Area.OPPORTUNITIES, 200,
                        OPPORTUNITY_400, true, false),
                write("PATCH", "/external/v1/opportunities/{opportunity}/stage", List.of("status"), Area.OPPORTUNITIES, 200,
                        OPPORTUNITY_400, true, false),
                read("/external/v1/opportunities", concat(LIST_PARAMETERS, List.of("status", "source", "campaign_id",
                        "responsible_user_id")), Area.OPPORTUNITIES, false),
                read("/external/v1/opportunities/{opportunity}", List.of(), Area.OPPORTUNITIES, true),
                delete("/external/v1/opportunities/opp_000000000000", Area.OPPORTUNITIES),
                write("POST", "/admin/v1/accounts", List.of("name", "plan", "rate_limit_per_hour"), Area.OPERATOR, 201,
                        BODY_400, false, false),
                write("PUT", "/admin/v1/accounts/{account}", List.of("name", "plan", "rate_limit_per_hour"), Area.OPERATOR,
                        200, BODY_400, true, false),
                write("POST", "/admin/v1/accounts/{account}/api-keys",
                        List.of("name", "permissions", "rate_limit_per_hour", "expires_at"), Area.OPERATOR, 201, BODY_400,
                        true, false),
                write("POST", "/admin/v1/accounts/{account}/users", List.of("name", "email"), Area.OPERATOR, 201, BODY_400,
                        true, false),
                write("POST", "/admin/v1/accounts/{account}/campaigns", List.of("name"), Area.OPERATOR, 201, BODY_400,
                        true, false),
                read("/admin/v1/accounts", List.of(), Area.OPERATOR, false),
                read("/admin/v1/accounts/{account}/api-keys", List.of(), Area.OPERATOR, true),
                delete("/admin/v1/api-keys/key_000000000000", Area.OPERATOR));
    }

    private static FuzzRoute write(String method, String path, List<String> fields, Area area, int success,
                                   Set<String> bad, boolean canBeMissing, boolean canConflict) {
        Map<Integer, Set<String>> documented = new java.util.HashMap<>(Map.of(success, Set.of(), 400, bad,
                413, Set.of("PAYLOAD_TOO_LARGE"), 415, Set.of("UNSUPPORTED_MEDIA_TYPE")));
        if (canBeMissing) {
            documented.put(404, Set.of("NOT_FOUND"));
        }
        if (canConflict) {
            documented.put(409, Set.of("ALREADY_EXISTS"));
        }
        return new FuzzRoute(method, path, fields, List.of(), area, Map.copyOf(documented));
    }

    /** Created (201) or matched (200); the loser of a create race may meet ALREADY_EXISTS. */
    private static FuzzRoute upsert() {
        FuzzRoute route = write("POST", "/external/v1/contacts/upsert", contactFields(), Area.CONTACTS, 201, BODY_400,
                false, true);
        Map<Integer, Set<String>> documented = new java.util.HashMap<>(route.documented());
        documented.put(200, Set.of());
        return new FuzzRoute(route.method(), route.path(), route.fields(), route.parameters(), route.area(),
                Map.copyOf(documented));
    }

    private static FuzzRoute read(String path, List<String> parameters, Area area, boolean canBeMissing) {
        return new FuzzRoute("GET", path, List.of(), parameters, area, canBeMissing
                ? Map.of(200, Set.of(), 400, Set.of("INVALID_PARAMETER"), 404, Set.of("NOT_FOUND"))
                : Map.of(200, Set.of(), 400, Set.of("INVALID_PARAMETER")));
    }

    private static FuzzRoute delete(String path, Area area) {
        return new FuzzRoute("DELETE", path, List.of(), List.of(), area,
                Map.of(400, Set.of("INVALID_PARAMETER"), 404, Set.of("NOT_FOUND")));
    }

    private static List<String> contactFields() {
        return concat(PERSON, List.of("source", "tags", "custom_fields", "id", "created_at"));
    }

    private static List<String> opportunityFields() {
        return concat(PERSON, List.of("status", "source", "deal_value", "deal_currency", "notes", "campaign_id",
                "responsible_user_id", "won_at"));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
