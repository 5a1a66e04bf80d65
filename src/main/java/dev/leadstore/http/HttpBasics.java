package dev.leadstore.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Server-wide HTTP behaviour: request ids, safe headers, the access log, limits, health. */
public final class HttpBasics {
    private static final Logger ACCESS = LoggerFactory.getLogger("leadstore.access");

    private HttpBasics() {
    }

    public static void configure(JavalinConfig config, List<String> corsOrigins) {
        // The peer's own address: a forwarded-for header is the client's claim, not a fact.
        config.contextResolver.ip = ctx -> ctx.req().getRemoteAddr();
        if (!corsOrigins.isEmpty()) {
            config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                if (corsOrigins.contains("*")) {
                    rule.anyHost();
                } else {
                    corsOrigins.forEach(origin -> rule.allowHost(origin));
                }
                List.of("X-Request-Id", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
                        "Retry-After", "RateLimit", "RateLimit-Policy", "Idempotent-Replayed").forEach(rule::exposeHeader);
            }));
        }
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.prefer405over404 = true;
        config.http.maxRequestSize = Bodies.MAX_BYTES;
        config.http.defaultContentType = "application/json";
        config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
        config.routes.before(HttpBasics::everyRequest);
        config.requestLogger.http((ctx, millis) -> ACCESS.info("{} {} {} {}ms id={}",
                ctx.method(), ctx.path(), ctx.statusCode(), Math.round(millis), RequestIds.of(ctx)));
    }

    private static void everyRequest(Context ctx) {
        RequestIds.assign(ctx);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
    }

    public static void health(Context ctx, boolean healthy) {
        ctx.status(healthy ? 200 : 503);
        Responses.json(ctx, Map.of("status", healthy ? "ok" : "unavailable"));
    }
}
