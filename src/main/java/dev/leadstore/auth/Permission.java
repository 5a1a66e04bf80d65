package dev.leadstore.auth;

import io.javalin.security.RouteRole;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/** What a route requires of a key; a key's grants may use `resource:*` and `*`. */
public enum Permission implements RouteRole {
    CONTACTS_READ("contacts:read"),
    CONTACTS_WRITE("contacts:write"),
    CONTACTS_DELETE("contacts:delete"),
    OPPORTUNITIES_READ("opportunities:read"),
    OPPORTUNITIES_WRITE("opportunities:write"),
    OPPORTUNITIES_DELETE("opportunities:delete"),
    WEBHOOKS_READ("webhooks:read"),
    WEBHOOKS_WRITE("webhooks:write");

    private final String wire;

    Permission(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean grantedBy(Collection<String> grants) {
        String resource = wire.substring(0, wire.indexOf(':'));
        return grants.contains("*") || grants.contains(resource + ":*") || grants.contains(wire);
    }

    /** The grants a key may be given: each permission, each resource wildcard, and `*`. */
    public static boolean isGrant(String grant) {
        return grant.equals("*") || grant.equals("contacts:*") || grant.equals("opportunities:*")
                || grant.equals("webhooks:*") || from(grant).isPresent();
    }

    public static Optional<Permission> from(String wire) {
        return Arrays.stream(values()).filter(p -> p.wire.equals(wire)).findFirst();
    }
}
