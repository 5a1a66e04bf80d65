package dev.leadstore.event;

import dev.leadstore.auth.KeyAuth;
import dev.leadstore.auth.Permission;
import dev.leadstore.auth.Principal;
import dev.leadstore.base.ApiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The kinds of event, the patterns that name them (`contact.*`, `*`), and who may read which. */
public final class EventTypes {
    public static final List<String> CONTACT = List.of("contact.created", "contact.updated", "contact.deleted");
    public static final List<String> OPPORTUNITY = List.of("opportunity.created", "opportunity.updated",
            "opportunity.stage_changed", "opportunity.deleted");

    private EventTypes() {
    }

    /** Every type, in a fixed order. */
    public static List<String> all() {
        List<String> all = new ArrayList<>(CONTACT);
        all.addAll(OPPORTUNITY);
        return all;
    }

    /** The types a pattern names: an exact type, `contact.*`, `opportunity.*` or `*`; empty when none. */
    public static List<String> matching(String pattern) {
        return switch (pattern) {
            case "*" -> all();
            case "contact.*" -> CONTACT;
            case "opportunity.*" -> OPPORTUNITY;
            default -> all().contains(pattern) ? List.of(pattern) : List.of();
        };
    }

    /** The types the key may read: contact events with contacts:read, opportunity ones with opportunities:read. */
    static List<String> readableBy(Principal principal) {
        List<String> readable = new ArrayList<>();
        if (Permission.CONTACTS_READ.grantedBy(principal.grants())) {
            readable.addAll(CONTACT);
        }
        if (Permission.OPPORTUNITIES_READ.grantedBy(principal.grants())) {
            readable.addAll(OPPORTUNITY);
        }
        if (readable.isEmpty()) {
            KeyAuth.require(principal, Permission.CONTACTS_READ);
        }
        return readable;
    }

    /**
     * The `types` parameter as a list of types (null: every readable one). An unknown pattern is 400;
     * asking only for types the key may not read is 403.
     */
    static List<String> parse(String parameter, List<String> readable, Principal principal) {
        if (parameter == null) {
            return readable.size() == all().size() ? null : readable;
        }
        Set<String> asked = new LinkedHashSet<>();
        for (String pattern : Arrays.stream(parameter.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList()) {
            List<String> types = matching(pattern);
            if (types.isEmpty()) {
                throw ApiException.invalidParameter("types", "must list event types (contact.created, …) or "
                        + "contact.*, opportunity.*, *");
            }
            asked.addAll(types);
        }
        List<String> granted = asked.stream().filter(readable::contains).toList();
        if (granted.isEmpty()) {
            KeyAuth.require(principal, asked.iterator().next().startsWith("contact.") ? Permission.CONTACTS_READ
                    : Permission.OPPORTUNITIES_READ);
        }
        return granted;
    }
}
