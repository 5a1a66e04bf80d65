package dev.leadstore.base;

/** Every error code of the API with its HTTP status: the codes are the contract. */
public enum ErrorCode {
    VALIDATION_ERROR(400),
    INVALID_EMAIL(400),
    INVALID_STATUS(400),
    INVALID_SOURCE(400),
    INVALID_PARAMETER(400),
    BATCH_REJECTED(400),
    MISSING_API_KEY(401),
    INVALID_API_KEY(401),
    EXPIRED_API_KEY(401),
    UNAUTHORIZED(401),
    INSUFFICIENT_PERMISSIONS(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    REQUEST_TIMEOUT(408),
    ALREADY_EXISTS(409),
    CONFLICT(409),
    CURSOR_EXPIRED(410),
    PRECONDITION_FAILED(412),
    PAYLOAD_TOO_LARGE(413),
    URI_TOO_LONG(414),
    UNSUPPORTED_MEDIA_TYPE(415),
    RATE_LIMIT_EXCEEDED(429),
    HEADERS_TOO_LARGE(431),
    INTERNAL_ERROR(500),
    SERVICE_UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
