package dev.leadstore.http;

import dev.leadstore.base.ApiException;
import dev.leadstore.base.ErrorCode;
import dev.leadstore.base.Json;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Jetty's own refusals, made before any route runs (a path it will not decode, headers too
 * large), in our envelope instead of Jetty's HTML page.
 */
final class JettyErrors extends ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(JettyErrors.class);

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        Throwable cause = (Throwable) request.getAttribute(ERROR_EXCEPTION);
        if (cause instanceof HttpException http) {
            status = http.getCode();
        }
        String id = RequestIds.fresh();
        ApiException error = switch (status) {
            case 404 -> new ApiException(ErrorCode.NOT_FOUND, "No such route");
            case 405 -> new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed");
            case 408 -> PacedBody.tooSlow();
            case 413 -> ErrorWriter.tooLarge();
            case 414 -> new ApiException(ErrorCode.URI_TOO_LONG, "The URL is longer than " + HttpBasics.MAX_URL_BYTES + " bytes");
            case 431 -> new ApiException(ErrorCode.HEADERS_TOO_LARGE,
                    "The headers are larger than " + HttpBasics.MAX_HEADER_BYTES + " bytes");
            case 415 -> new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
            case 503 -> new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The service is unavailable; try again shortly");
            // 505 (an HTTP version Jetty does not speak) is the client's doing, like any 4xx.
            default -> status < 500 || status == 505
                    ? new ApiException(ErrorCode.VALIDATION_ERROR, "The request could not be read (malformed path or headers)")
                    : new ApiException(ErrorCode.INTERNAL_ERROR, "Unexpected error; quote request id " + id
                            + " when reporting it");
        };
        if (error.code() == ErrorCode.INTERNAL_ERROR) {
            MDC.put(RequestIds.MDC_KEY, id);
            LOG.error("request failed in the HTTP layer with status {}", status, cause);
            MDC.remove(RequestIds.MDC_KEY);
        }
        response.setStatus(error.code().status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(RequestIds.HEADER, id);
        // Jetty closes the connection after refusing a request it could not parse; saying so lets
        // clients that pool connections open a new one instead of reusing a closed one.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(Json.bytes(ErrorWriter.envelope(error))), callback);
        return true;
    }
}
