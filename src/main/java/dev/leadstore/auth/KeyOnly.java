package dev.leadstore.auth;

import io.javalin.security.RouteRole;

/** What a route requires when any valid key may call it, whatever its permissions. */
public enum KeyOnly implements RouteRole {
    ANY_KEY
}
