package dev.leadstore;

import static dev.leadstore.auth.Permission.CONTACTS_DELETE;
import static dev.leadstore.auth.Permission.CONTACTS_READ;
import static dev.leadstore.auth.Permission.CONTACTS_WRITE;
import static dev.leadstore.auth.Permission.OPPORTUNITIES_DELETE;
import static dev.leadstore.auth.Permission.OPPORTUNITIES_READ;
import static dev.leadstore.auth.Permission.OPPORTUNITIES_WRITE;

import dev.leadstore.account.AdminHandlers;
import dev.leadstore.auth.KeyAuth;
import dev.leadstore.contact.ContactHandlers;
import dev.leadstore.db.Database;
import dev.leadstore.idempotency.Idempotency;
import dev.leadstore.opportunity.OpportunityHandlers;
import dev.leadstore.http.ErrorWriter;
import dev.leadstore.http.HttpBasics;
import dev.leadstore.http.Json;
import dev.leadstore.http.Responses;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpResponseException;
import java.util.Map;

/** The route table: every path, verb, handler and required permission of the server. */
final class Routes {
    static final String API = "/external/v1";
    static final String ADMIN = "/admin/v1";

    record Handlers(KeyAuth auth, Idempotency idempotency, ContactHandlers contacts,
                    OpportunityHandlers opportunities, AdminHandlers admin, Database database,
                    java.util.List<String> corsOrigins, boolean benchEndpoint) {
    }

    private Routes() {
    }

    static Javalin build(Handlers h) {
        return Javalin.create(config -> {
            HttpBasics.configure(config, h.corsOrigins());
            RoutesConfig r = config.routes;
            r.exception(HttpResponseException.class, ErrorWriter::frameworkError);
            r.exception(Exception.class, ErrorWriter::unexpectedError);

            r.get("/health", ctx -> HttpBasics.health(ctx, h.database().healthy()));
            if (h.benchEndpoint()) {
                // No database, no key, tiny JSON: what HTTP alone costs (see the benchmark).
                r.get("/bench/ping", ctx -> Responses.bytes(ctx, Json.bytes(Map.of("ok", true))));
            }

            r.beforeMatched(API + "/*", h.auth()::handle);
            Idempotency once = h.idempotency();
            r.post(API + "/contacts", once.wrap(h.contacts()::create), CONTACTS_WRITE);
            r.get(API + "/contacts", h.contacts()::list, CONTACTS_READ);
            r.get(API + "/contacts/{id}", h.contacts()::get, CONTACTS_READ);
            r.put(API + "/contacts/{id}", once.wrap(h.contacts()::update), CONTACTS_WRITE);
            r.patch(API + "/contacts/{id}", once.wrap(h.contacts()::update), CONTACTS_WRITE);
            r.delete(API + "/contacts/{id}", h.contacts()::delete, CONTACTS_DELETE);

            r.post(API + "/opportunities", once.wrap(h.opportunities()::create), OPPORTUNITIES_WRITE);
            r.get(API + "/opportunities", h.opportunities()::list, OPPORTUNITIES_READ);
            r.get(API + "/opportunities/{id}", h.opportunities()::get, OPPORTUNITIES_READ);
            r.put(API + "/opportunities/{id}", once.wrap(h.opportunities()::update), OPPORTUNITIES_WRITE);
            r.patch(API + "/opportunities/{id}", once.wrap(h.opportunities()::update), OPPORTUNITIES_WRITE);
            r.patch(API + "/opportunities/{id}/stage", once.wrap(h.opportunities()::changeStage), OPPORTUNITIES_WRITE);
            r.delete(API + "/opportunities/{id}", h.opportunities()::delete, OPPORTUNITIES_DELETE);

            if (h.admin() != null) {
                AdminHandlers a = h.admin();
                r.beforeMatched(ADMIN + "/*", a::authorize);
                r.post(ADMIN + "/accounts", a::createAccount);
                r.get(ADMIN + "/accounts", a::listAccounts);
                r.get(ADMIN + "/accounts/{id}", a::getAccount);
                r.put(ADMIN + "/accounts/{id}", a::updateAccount);
                r.post(ADMIN + "/accounts/{id}/api-keys", a::createKey);
                r.get(ADMIN + "/accounts/{id}/api-keys", a::listKeys);
                r.delete(ADMIN + "/api-keys/{id}", a::revokeKey);
                r.post(ADMIN + "/accounts/{id}/users", a::createUser);
                r.get(ADMIN + "/accounts/{id}/users", a::listUsers);
                r.post(ADMIN + "/accounts/{id}/campaigns", a::createCampaign);
                r.get(ADMIN + "/accounts/{id}/campaigns", a::listCampaigns);
            }
        });
    }
}
