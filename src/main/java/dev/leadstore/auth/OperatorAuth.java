package dev.leadstore.auth;

import dev.leadstore.base.ApiException;
import dev.leadstore.base.ErrorCode;
import io.javalin.http.Context;
import java.time.Clock;

/** Before every operator route: the bearer token must match the configured one, compared in constant time. */
public final class OperatorAuth {
    private final String token;
    private final FailedAttempts failures;
    private final Clock clock;

    public OperatorAuth(String token, FailedAttempts failures, Clock clock) {
        this.token = token;
        this.failures = failures;
        this.clock = clock;
    }

    public void handle(Context ctx) {
        String header = ctx.header("Authorization");
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        if (!ApiKeys.constantTimeEquals(given, token)) {
            failures.failed(ctx.ip(), clock.millis());
            throw new ApiException(ErrorCode.UNAUTHORIZED, "A valid operator token is required (Authorization: Bearer <token>)");
        }
    }
}
