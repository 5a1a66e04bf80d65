package dev.leadstore.contact;

import dev.leadstore.auth.KeyAuth;
import dev.leadstore.auth.Principal;
import dev.leadstore.base.ErrorCode;
import java.util.Map;
import dev.leadstore.db.Listing;
import dev.leadstore.base.ApiException;
import dev.leadstore.base.EntityTags;
import dev.leadstore.http.Accept;
import dev.leadstore.http.Bodies;
import dev.leadstore.http.Conditions;
import dev.leadstore.http.Query;
import dev.leadstore.http.Responses;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The contact routes: parse, call the store, answer. */
public final class ContactHandlers {
    /** The largest batch body: 1000 operations of a few KiB each. */
    public static final int BATCH_BYTES = 8 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ContactHandlers.class);

    private final ContactStore store;
    private final ContactBatch batch;
    private final Clock clock;

    public ContactHandlers(ContactStore store, ContactBatch batch, Clock clock) {
        this.store = store;
        this.batch = batch;
        this.clock = clock;
    }

    /**
     * A batch: its shape is checked first, then the key needs the permission of every kind of
     * operation in it, then each operation runs as its single endpoint would.
     */
    public void batch(Context ctx) {
        BatchRequest request = BatchRequest.parse(Bodies.object(ctx));
        Principal principal = KeyAuth.principal(ctx);
        request.permissions().forEach(permission -> KeyAuth.require(principal, permission));
        try {
            Responses.ok(ctx, batch.run(principal.accountId(), request, now()));
        } catch (ContactBatch.Rejected rejected) {
            BatchResult result = rejected.result;
            throw new ApiException(ErrorCode.BATCH_REJECTED, "The batch is atomic and " + result.summary().failed()
                    + " of its " + result.results().size() + " operations failed; nothing was written",
                    Map.of("results", result.failures()));
        }
    }

    public void create(Context ctx) {
        ContactInput input = ContactInput.parse(Bodies.object(ctx), true);
        Responses.created(ctx, store.create(account(ctx), input, now()));
    }

    public void upsert(Context ctx) {
        ContactInput input = ContactInput.parseUpsert(Bodies.object(ctx));
        ContactStore.Upserted upserted = store.upsert(account(ctx), input, now());
        Responses.result(ctx, upserted.result().equals("created") ? 201 : 200, upserted.result(), upserted.contact());
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
        if (!store.delete(account(ctx), ctx.pathParam("id"), now(), Conditions.ifMatch(ctx))) {
            throw ApiException.notFound("Contact");
        }
        Responses.message(ctx, "Contact deleted successfully");
    }

    public void list(Context ctx) {
        ContactFilter filter = ContactFilter.read(new Query(ctx));
        Listing<Contact> listing = store.list(account(ctx), filter);
        Responses.ok(ctx, filter.page().page("contacts", listing));
    }

    /**
     * The matching contacts as CSV, streamed as they are read. CSV is what this route makes: asked for
     * by `?format=csv` or an Accept that allows `text/csv` (none, `text/*` and `*&#47;*` do); any other
     * Accept, JSON's included, is 406 NOT_ACCEPTABLE, in the JSON envelope as every error is.
     */
    public void export(Context ctx) {
        boolean asked = "csv".equals(new Query(ctx).oneOf("format", null, java.util.List.of("csv")));
        ContactExport export = ContactExport.of(store, account(ctx), ctx::queryParam);
        if (!asked && !Accept.allows(ctx.header("Accept"), "text/csv")) {
            throw new ApiException(ErrorCode.NOT_ACCEPTABLE, "This route answers text/csv: send Accept: text/csv "
                    + "(or */*), or add ?format=csv");
        }
        ctx.status(200).contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"contacts-" + now().toString().substring(0, 10) + ".csv\"");
        if (ctx.method() != HandlerType.HEAD) {
            try {
                export.writeTo(ctx.outputStream());
            } catch (IOException e) {
                // The client went away mid-export: nothing more to send, and nothing to answer.
                LOG.info("export to {} ended early: {}", account(ctx), e.toString());
            }
        }
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
