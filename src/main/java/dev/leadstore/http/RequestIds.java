package dev.leadstore.http;

import io.javalin.http.Context;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/** Gives every request an id, echoed in X-Request-Id and in the MDC of every log line about it. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    /** The log fields (MDC) of a request, as LEADSTORE_LOG_FORMAT=json writes them. */
    public static final String MDC_KEY = "request_id";
    static final String ACCOUNT = "account_id";
    static final String KEY = "key_id";
    private static final String ATTRIBUTE = "leadstore.requestId";
    private static final String WHO = "leadstore.who";
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private RequestIds() {
    }

    /** Takes a well-formed id from the client (so traces can be joined), else makes one. */
    public static void assign(Context ctx) {
        String given = ctx.header(HEADER);
        String id = given != null && CLIENT_ID.matcher(given).matches() ? given : fresh();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        MDC.clear();
        MDC.put(MDC_KEY, id);
    }

    /** Once a key is known: its account and id join the request's log lines (never the key itself). */
    public static void identify(Context ctx, String accountId, String keyId) {
        ctx.attribute(WHO, new String[] {accountId, keyId});
        MDC.put(ACCOUNT, accountId);
        MDC.put(KEY, keyId);
    }

    /** Puts the request's id, account and key in the MDC (for a line written on another thread). */
    static void restore(Context ctx) {
        MDC.put(MDC_KEY, of(ctx));
        String[] who = ctx.attribute(WHO);
        if (who != null) {
            MDC.put(ACCOUNT, who[0]);
            MDC.put(KEY, who[1]);
        }
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "-" : id;
    }

    /**
     * 64 random bits: an id to find a request by, not a secret, so not from SecureRandom, whose
     * shared generator every request thread queued on.
     */
    static String fresh() {
        return "req_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
