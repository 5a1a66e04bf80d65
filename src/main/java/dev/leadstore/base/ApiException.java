package dev.leadstore.base;

import java.util.Map;

/** The one exception that becomes an error response; thrown by validators, stores and handlers. */
public final class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, Object> details;
    private final Long retryAfter;

    public ApiException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ApiException(ErrorCode code, String message, Map<String, Object> details) {
        this(code, message, details, null);
    }

    public ApiException(ErrorCode code, String message, Map<String, Object> details, Long retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
        this.retryAfter = retryAfter;
    }

    public static ApiException rateLimited(int limit, long retryAfterSeconds) {
        return new ApiException(ErrorCode.RATE_LIMIT_EXCEEDED, "Rate limit of " + limit
                + " requests per hour exceeded; retry after " + retryAfterSeconds + " seconds", null, retryAfterSeconds);
    }

    public static ApiException tooManyFailures(long retryAfterSeconds) {
        return new ApiException(ErrorCode.RATE_LIMIT_EXCEEDED, "Too many invalid credentials from this address; "
                + "retry after " + retryAfterSeconds + " seconds", null, retryAfterSeconds);
    }

    /** Seconds until the client may retry, for 429; null otherwise. */
    public Long retryAfter() {
        return retryAfter;
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static ApiException invalidParameter(String parameter, String problem) {
        return new ApiException(ErrorCode.INVALID_PARAMETER, "Invalid parameter '" + parameter + "': " + problem,
                Map.of("parameter", parameter, "fields", Map.of(parameter, problem)));
    }
}
