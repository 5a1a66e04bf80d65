package dev.leadstore.http;

import dev.leadstore.base.ApiException;
import dev.leadstore.base.ErrorCode;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.config.JavalinConfig;
import dev.leadstore.base.Metrics;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Server-wide HTTP behaviour: request ids, safe headers, the access log, limits, health. */
public final class HttpBasics {
    private static final Logger ACCESS = LoggerFactory.getLogger("leadstore.access");
    /** The longest request target (path and query) served; longer ones are 414. */
    public static final int MAX_URL_BYTES = 8 * 1024;
    /** The most header bytes a request may carry; more is 431. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    /**
     * Request threads. A body that stalls holds its thread for about a second (see PacedBody) and a
     * key has at most 64 requests in flight, so this many threads leave room for everyone else.
     */
    private static final int MAX_THREADS = 400;
    private static final String UNMATCHED = "unmatched";
    /** How long a stopping server lets requests in flight finish. */
    public static final long STOP_MILLIS = 30_000;

    private HttpBasics() {
    }

    public static void configure(JavalinConfig config, List<String> corsOrigins, ClientAddress clients,
                                 Metrics metrics) {
        config.contextResolver.ip = ctx -> clients.of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
        if (!corsOrigins.isEmpty()) {
            config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                if (corsOrigins.contains("*")) {
                    rule.anyHost();
                } else {
                    corsOrigins.forEach(origin -> rule.allowHost(origin));
                }
                List.of("X-Request-Id", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
                        "Retry-After", "RateLimit", "RateLimit-Policy", "Idempotent-Replayed", "ETag")
                        .forEach(rule::exposeHeader);
            }));
        }
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.prefer405over404 = true;
        config.http.maxRequestSize = Bodies.MAX_ANY_BYTES;
        config.http.defaultContentType = Responses.JSON;
        // Javalin gzips a response of 1500 bytes or more for a client that accepts it, unless its
        // type is excluded. JSON, named as allowed, is recognised at once instead of being compared
        // with each excluded type on every response: the same answers, sooner (docs/performance.md).
        CompressionStrategy compression = new CompressionStrategy(null, new Gzip());
        compression.setAllowedMimeTypes(List.of(Responses.JSON));
        config.http.compressionStrategy = compression;
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 8, 60_000);
        threads.setName("leadstore-http");
        config.jetty.threadPool = threads;
        // Jetty refuses (414/431, in our envelope) only what is far beyond our own limits, which
        // everyRequest checks exactly.
        config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_URL_BYTES + MAX_HEADER_BYTES + 1024));
        config.jetty.modifyServer(server -> {
            server.setErrorHandler(new JettyErrors());
            // On stop: connectors stop accepting, requests in flight finish (up to STOP_MILLIS), a
            // request arriving on an open connection meanwhile is refused with 503 and the connection closed.
            server.setStopTimeout(STOP_MILLIS);
            server.setHandler(new DrainingHandler(STOP_MILLIS));
        });
        config.routes.before(HttpBasics::everyRequest);
        config.requestLogger.http((ctx, millis) -> {
            String route = route(ctx);
            metrics.request(route, ctx.method().name(), ctx.statusCode(), (long) (millis * 1_000_000));
            if (ACCESS.isInfoEnabled()) {
                RequestIds.restore(ctx);
                MDC.put("method", ctx.method().name());
                MDC.put("route", route);
                MDC.put("status", Integer.toString(ctx.statusCode()));
                MDC.put("duration_ms", Long.toString(Math.round(millis)));
                // The path, never the query string (where a key may be) nor the body.
                ACCESS.info("{} {} {} {}ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(millis));
            }
            MDC.clear();
        });
    }

    /** The route template that answered (`/external/v1/contacts/{id}`), or "unmatched": never a raw path. */
    public static String route(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            return endpoint == null ? UNMATCHED : endpoint.path;
        } catch (RuntimeException e) {
            return UNMATCHED;
        }
    }

    private static void everyRequest(Context ctx) {
        RequestIds.assign(ctx);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
        String query = ctx.queryString();
        if (ctx.path().length() + (query == null ? 0 : query.length() + 1) > MAX_URL_BYTES) {
            throw new ApiException(ErrorCode.URI_TOO_LONG, "The URL is longer than " + MAX_URL_BYTES + " bytes");
        }
        if (headerBytes(ctx) > MAX_HEADER_BYTES) {
            throw new ApiException(ErrorCode.HEADERS_TOO_LARGE, "The headers are larger than " + MAX_HEADER_BYTES + " bytes");
        }
    }

    /** What the headers took on the wire: name, ": ", value and line end, each. */
    private static long headerBytes(Context ctx) {
        long bytes = 0;
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            for (String value : Collections.list(ctx.req().getHeaders(name))) {
                bytes += name.length() + value.length() + 4;
            }
        }
        return bytes;
    }

    public static void health(Context ctx, boolean healthy) {
        ctx.status(healthy ? 200 : 503);
        Responses.json(ctx, Map.of("status", healthy ? "ok" : "unavailable"));
    }
}
