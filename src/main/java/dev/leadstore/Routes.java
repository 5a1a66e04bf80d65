package dev.leadstore;

import static dev.leadstore.auth.Permission.CONTACTS_DELETE;
import static dev.leadstore.auth.Permission.CONTACTS_READ;
import static dev.leadstore.auth.Permission.CONTACTS_WRITE;
import static dev.leadstore.auth.Permission.OPPORTUNITIES_DELETE;
import static dev.leadstore.auth.Permission.OPPORTUNITIES_READ;
import static dev.leadstore.auth.Permission.OPPORTUNITIES_WRITE;
import static dev.leadstore.auth.Permission.WEBHOOKS_READ;
import static dev.leadstore.auth.Permission.WEBHOOKS_WRITE;

import dev.leadstore.account.AccountHandlers;
import dev.leadstore.auth.KeyAuth;
import dev.leadstore.auth.KeyHandlers;
import dev.leadstore.auth.KeyOnly;
import dev.leadstore.auth.OperatorAuth;
import dev.leadstore.auth.SelfHandler;
import dev.leadstore.base.Json;
import dev.leadstore.base.Metrics;
import dev.leadstore.contact.ContactHandlers;
import dev.leadstore.event.EventHandlers;
import dev.leadstore.http.Bodies;
import dev.leadstore.http.ClientAddress;
import dev.leadstore.http.DocsPage;
import dev.leadstore.http.ErrorWriter;
import dev.leadstore.http.HttpBasics;
import dev.leadstore.http.OpenApiDocument;
import dev.leadstore.http.QueryString;
import dev.leadstore.http.Responses;
import dev.leadstore.idempotency.Idempotency;
import dev.leadstore.opportunity.OpportunityHandlers;
import dev.leadstore.web.Dashboard;
import dev.leadstore.webhook.WebhookHandlers;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.security.RouteRole;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The route table: every path, verb, handler and required permission of the server. */
record Routes(KeyAuth auth, Idempotency idempotency, SelfHandler self, ContactHandlers contacts,
              OpportunityHandlers opportunities, EventHandlers events, WebhookHandlers webhooks, Operator operator, DocsPage docs,
              OpenApiDocument document, Dashboard dashboard, BooleanSupplier healthy) {
    static final String API = "/external/v1";
    static final String ADMIN = "/admin/v1";

    /** GET, and HEAD answering as GET without a body, with the same permission. */
    private static void read(RoutesConfig r, String path, Handler handler, RouteRole... roles) {
        r.get(path, handler, roles);
        r.head(path, handler, roles);
    }

    /** The operator API's guard and handlers; absent (every route 404) without an operator token. */
    record Operator(OperatorAuth auth, AccountHandlers accounts, KeyHandlers keys, Handler metrics) {
    }

    Javalin app(List<String> corsOrigins, ClientAddress clients, boolean benchEndpoint, Metrics metrics) {
        return Javalin.create(config -> {
            HttpBasics.configure(config, corsOrigins, clients, metrics);
            RoutesConfig r = config.routes;
            r.exception(HttpResponseException.class, ErrorWriter::frameworkError);
            r.exception(Exception.class, ErrorWriter::unexpectedError);

            r.get("/health", ctx -> HttpBasics.health(ctx, healthy.getAsBoolean()));
            read(r, "/openapi.json", document::serve);
            read(r, "/docs", docs::page);
            read(r, "/docs/{file}", docs::asset);
            // The dashboard: a page and its files, calling the API below from the browser like any client.
            read(r, "/", dashboard::page);
            read(r, "/app/{file}", dashboard::asset);
            if (benchEndpoint) {
                // No database, no key, tiny JSON: what HTTP alone costs (see the benchmark).
                r.get("/bench/ping", ctx -> Responses.bytes(ctx, Json.bytes(Map.of("ok", true))));
            }

            r.beforeMatched(API + "/*", auth::handle);
            r.beforeMatched(API + "/*", QueryString::check);
            r.afterMatched(API + "/*", auth::release);
            Idempotency once = idempotency;
            read(r, API + "/self", self::get, KeyOnly.ANY_KEY);
            r.post(API + "/contacts", once.wrap(contacts::create), CONTACTS_WRITE);
            r.post(API + "/contacts/upsert", once.wrap(contacts::upsert), CONTACTS_WRITE);
            // A batch needs the permissions of the operations it holds, which its body says.
            r.before(API + "/contacts/batch", Bodies.limit(ContactHandlers.BATCH_BYTES));
            r.post(API + "/contacts/batch", once.wrap(contacts::batch), KeyOnly.ANY_KEY);
            read(r, API + "/contacts", contacts::list, CONTACTS_READ);
            read(r, API + "/contacts/export", contacts::export, CONTACTS_READ);
            read(r, API + "/contacts/{id}", contacts::get, CONTACTS_READ);
            read(r, API + "/contacts/{id}/history", events.history("cnt", "Contact"), CONTACTS_READ);
            r.put(API + "/contacts/{id}", once.wrap(contacts::update), CONTACTS_WRITE);
            r.patch(API + "/contacts/{id}", once.wrap(contacts::update), CONTACTS_WRITE);
            r.delete(API + "/contacts/{id}", contacts::delete, CONTACTS_DELETE);

            r.post(API + "/opportunities", once.wrap(opportunities::create), OPPORTUNITIES_WRITE);
            read(r, API + "/opportunities", opportunities::list, OPPORTUNITIES_READ);
            read(r, API + "/opportunities/{id}", opportunities::get, OPPORTUNITIES_READ);
            read(r, API + "/opportunities/{id}/history", events.history("opp", "Opportunity"), OPPORTUNITIES_READ);
            // The feed shows each key the events of the resources it may read.
            read(r, API + "/events", events::feed, KeyOnly.ANY_KEY);
            r.put(API + "/opportunities/{id}", once.wrap(opportunities::update), OPPORTUNITIES_WRITE);
            r.patch(API + "/opportunities/{id}", once.wrap(opportunities::update), OPPORTUNITIES_WRITE);
            r.patch(API + "/opportunities/{id}/stage", once.wrap(opportunities::changeStage), OPPORTUNITIES_WRITE);
            r.delete(API + "/opportunities/{id}", opportunities::delete, OPPORTUNITIES_DELETE);

            r.post(API + "/webhooks", webhooks::create, WEBHOOKS_WRITE);
            read(r, API + "/webhooks", webhooks::list, WEBHOOKS_READ);
            read(r, API + "/webhooks/{id}", webhooks::get, WEBHOOKS_READ);
            r.patch(API + "/webhooks/{id}", webhooks::update, WEBHOOKS_WRITE);
            r.delete(API + "/webhooks/{id}", webhooks::delete, WEBHOOKS_WRITE);
            r.post(API + "/webhooks/{id}/rotate-secret", webhooks::rotateSecret, WEBHOOKS_WRITE);
            r.post(API + "/webhooks/{id}/test", webhooks::test, WEBHOOKS_WRITE);
            read(r, API + "/webhooks/{id}/deliveries", webhooks::deliveries, WEBHOOKS_READ);
            r.post(API + "/webhooks/{id}/replay", webhooks::replay, WEBHOOKS_WRITE);

            if (operator != null) {
                AccountHandlers a = operator.accounts();
                KeyHandlers k = operator.keys();
                // Prometheus text of the server's meters, for the operator only.
                r.beforeMatched("/metrics", operator.auth()::handle);
                r.get("/metrics", operator.metrics());
                r.beforeMatched(ADMIN + "/*", operator.auth()::handle);
                r.beforeMatched(ADMIN + "/*", QueryString::check);
                r.post(ADMIN + "/accounts", a::createAccount);
                read(r, ADMIN + "/accounts", a::listAccounts);
                read(r, ADMIN + "/accounts/{id}", a::getAccount);
                r.put(ADMIN + "/accounts/{id}", a::updateAccount);
                r.post(ADMIN + "/accounts/{id}/api-keys", k::createKey);
                read(r, ADMIN + "/accounts/{id}/api-keys", k::listKeys);
                r.delete(ADMIN + "/api-keys/{id}", k::revokeKey);
                r.post(ADMIN + "/accounts/{id}/users", a::createUser);
                read(r, ADMIN + "/accounts/{id}/users", a::listUsers);
                r.post(ADMIN + "/accounts/{id}/campaigns", a::createCampaign);
                read(r, ADMIN + "/accounts/{id}/campaigns", a::listCampaigns);
            }
        });
    }
}
