package dev.leadstore.auth;

import dev.leadstore.ratelimit.RateLimiter.Decision;
import io.javalin.http.Context;

/** The rate-limit headers of every authenticated response: GetRaze's and the IETF draft's. */
final class RateLimitHeaders {
    private RateLimitHeaders() {
    }

    static void write(Context ctx, Decision decision) {
        ctx.header("X-RateLimit-Limit", Integer.toString(decision.limit()));
        ctx.header("X-RateLimit-Remaining", Integer.toString(decision.remaining()));
        ctx.header("X-RateLimit-Reset", Long.toString(decision.resetEpochSeconds()));
        ctx.header("RateLimit-Policy", "\"hourly\";q=" + decision.limit() + ";w=3600");
        ctx.header("RateLimit", "\"hourly\";r=" + decision.remaining() + ";t=" + decision.retryAfterSeconds());
    }
}
