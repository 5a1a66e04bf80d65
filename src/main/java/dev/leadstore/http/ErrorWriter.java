package dev.leadstore.http;

import dev.leadstore.base.ApiException;
import dev.leadstore.base.ErrorCode;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The only writer of error envelopes; every failure of every route ends here. */
public final class ErrorWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorWriter.class);

    private ErrorWriter() {
    }

    public static void write(Context ctx, ApiException e) {
        if (e.code() == ErrorCode.REQUEST_TIMEOUT) {
            // The rest of a stalled body may never come: the connection cannot carry another request.
            ctx.header("Connection", "close");
        }
        if (e.retryAfter() != null) {
            ctx.header("Retry-After", Long.toString(e.retryAfter()));
        }
        ctx.status(e.code().status());
        Responses.json(ctx, envelope(e));
    }

    /** The envelope itself, also for the answers Jetty gives before any route runs. */
    static Map<String, Object> envelope(ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", error(e));
        return body;
    }

    /** The `error` object of the envelope: also what a batch answers for each operation that failed. */
    public static Map<String, Object> error(ApiException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code().name());
        error.put("message", e.getMessage());
        if (e.details() != null && !e.details().isEmpty()) {
            error.put("details", e.details());
        }
        if (e.retryAfter() != null) {
            error.put("retry_after", e.retryAfter());
        }
        return error;
    }

    /** Javalin's own answers (no route, wrong method, body too large) in our envelope. */
    public static void frameworkError(HttpResponseException e, Context ctx) {
        write(ctx, switch (e.getStatus()) {
            case 404 -> new ApiException(ErrorCode.NOT_FOUND, "No route for " + ctx.method() + " " + ctx.path());
            case 405 -> new ApiException(ErrorCode.METHOD_NOT_ALLOWED,
                    "Method " + ctx.method() + " is not allowed on " + ctx.path());
            case 413 -> tooLarge();
            case 400 -> new ApiException(ErrorCode.VALIDATION_ERROR, "Bad request");
            default -> unexpected(e, ctx);
        });
    }

    public static void unexpectedError(Exception e, Context ctx) {
        if (e instanceof ApiException api) {
            write(ctx, api);
        } else if (unavailable(e)) {
            LOG.warn("request failed: database unavailable: {}", e.toString());
            write(ctx, new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The database is unavailable; try again shortly"));
        } else {
            write(ctx, unexpected(e, ctx));
        }
    }

    public static ApiException tooLarge() {
        return tooLarge(Bodies.MAX_BYTES);
    }

    public static ApiException tooLarge(int limit) {
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "Request body is larger than " + limit / (1024 * 1024) + " MiB");
    }

    private static ApiException unexpected(Exception e, Context ctx) {
        LOG.error("request failed", e);
        return new ApiException(ErrorCode.INTERNAL_ERROR,
                "Unexpected error; quote request id " + RequestIds.of(ctx) + " when reporting it");
    }

    /** True when the failure is the database being unreachable, not a bug. */
    public static boolean unavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
