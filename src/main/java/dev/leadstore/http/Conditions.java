package dev.leadstore.http;

import dev.leadstore.base.EntityTags;
import dev.leadstore.base.Precondition;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;

/** Conditional requests on single objects: If-None-Match on reads, If-Match on writes, the ETag answered. */
public final class Conditions {
    public static final String ETAG = "ETag";

    private Conditions() {
    }

    /** The write's If-Match, every line of it. */
    public static Precondition ifMatch(Context ctx) {
        return new Precondition(header(ctx, "If-Match"));
    }

    /** 200 with the object and its tag, or 304 with the tag alone when If-None-Match names it. */
    public static void read(Context ctx, String tag, Object data) {
        if (EntityTags.noneMatchFails(header(ctx, "If-None-Match"), tag)) {
            ctx.header(ETAG, tag);
            ctx.status(304);
            // No metadata of a body that is not there (RFC 9110 §15.4.5); sent at once, so that no
            // Content-Length of 0 is added when the exchange completes (a 304 may carry only the
            // length of the 200 it stands for, §8.6).
            ctx.res().setContentType(null);
            try {
                ctx.res().flushBuffer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        written(ctx, tag, data);
    }

    /** 200 with the object as a write left it, and its tag. */
    public static void written(Context ctx, String tag, Object data) {
        ctx.header(ETAG, tag);
        Responses.ok(ctx, data);
    }

    /** The lines of a header joined as one list, as RFC 9110 allows for list fields; null when absent. */
    private static String header(Context ctx, String name) {
        List<String> lines = Collections.list(ctx.req().getHeaders(name));
        return lines.isEmpty() ? null : String.join(", ", lines);
    }
}
