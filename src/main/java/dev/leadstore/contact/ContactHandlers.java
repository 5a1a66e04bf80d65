package dev.leadstore.contact;

import dev.leadstore.auth.KeyAuth;
import dev.leadstore.db.Listing;
import dev.leadstore.base.ApiException;
import dev.leadstore.base.EntityTags;
import dev.leadstore.http.Bodies;
import dev.leadstore.http.Conditions;
import dev.leadstore.http.Query;
import dev.leadstore.http.Responses;
import io.javalin.http.Context;
import java.time.Clock;

/** The contact routes: parse, call the store, answer. */
public final class ContactHandlers {
    private final ContactStore store;
    private final Clock clock;

    public ContactHandlers(ContactStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void create(Context ctx) {
        ContactInput input = ContactInput.parse(Bodies.object(ctx), true);
        Responses.created(ctx, store.create(account(ctx), input, now()));
    }

    public void get(Context ctx) {
        Contact contact = store.find(account(ctx), ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("Contact"));
        Conditions.read(ctx, tag(contact), contact);
    }

    public void update(Context ctx) {
        ContactInput input = ContactInput.parse(Bodies.object(ctx), false);
        Contact contact = store.update(account(ctx), ctx.pathParam("id"), input, now(), Conditions.ifMatch(ctx));
        Conditions.written(ctx, tag(contact), contact);
    }

    public void delete(Context ctx) {
        if (!store.delete(account(ctx), ctx.pathParam("id"), Conditions.ifMatch(ctx))) {
            throw ApiException.notFound("Contact");
        }
        Responses.message(ctx, "Contact deleted successfully");
    }

    public void list(Context ctx) {
        ContactFilter filter = ContactFilter.read(new Query(ctx));
        Listing<Contact> listing = store.list(account(ctx), filter);
        Responses.ok(ctx, filter.page().page("contacts", listing));
    }

    private static String tag(Contact contact) {
        return EntityTags.of(contact.id(), contact.updatedAt());
    }

    private static String account(Context ctx) {
        return KeyAuth.principal(ctx).accountId();
    }

    private java.time.Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
