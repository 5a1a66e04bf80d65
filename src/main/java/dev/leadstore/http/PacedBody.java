package dev.leadstore.http;

import dev.leadstore.base.ApiException;
import dev.leadstore.base.ErrorCode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/**
 * A request body that must keep arriving: after its first second, at least {@link #BYTES_PER_SECOND}
 * on average since the request began, or the read ends with 408 REQUEST_TIMEOUT (and the connection
 * closes). Before each read the connection's idle timeout is set to the moment the next byte is
 * due, so a stalled client holds a thread for about a second, not for the whole idle timeout.
 */
final class PacedBody implements AutoCloseable {
    static final long BYTES_PER_SECOND = 1024;
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MIN_WAIT_MILLIS = 50;

    private final InputStream in;
    private final EndPoint endPoint;
    private final long idleTimeout;
    private final long beginNanos;
    private long received;

    private PacedBody(InputStream in, EndPoint endPoint, long beginNanos) {
        this.in = in;
        this.endPoint = endPoint;
        this.idleTimeout = endPoint == null ? 0 : endPoint.getIdleTimeout();
        this.beginNanos = beginNanos;
    }

    static PacedBody of(Context ctx) throws IOException {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        EndPoint endPoint = request == null ? null : request.getConnectionMetaData().getConnection().getEndPoint();
        long begin = request == null ? System.nanoTime() : request.getBeginNanoTime();
        return new PacedBody(ctx.req().getInputStream(), endPoint, begin);
    }

    /** Like InputStream.read; a body that falls behind its pace is 408 REQUEST_TIMEOUT. */
    int read(byte[] buffer, int offset, int length) {
        long due = beginNanos + GRACE_NANOS + received * TimeUnit.SECONDS.toNanos(1) / BYTES_PER_SECOND;
        long waitMillis = TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime());
        if (endPoint != null) {
            endPoint.setIdleTimeout(Math.max(MIN_WAIT_MILLIS, waitMillis));
        }
        try {
            int read = in.read(buffer, offset, length);
            if (read > 0) {
                received += read;
            }
            return read;
        } catch (IOException e) {
            if (timedOut(e)) {
                throw tooSlow();
            }
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "The request body could not be read");
        }
    }

    /** The idle timeout set above fired (Jetty reports it as a TimeoutException within the IOException). */
    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    static ApiException tooSlow() {
        return new ApiException(ErrorCode.REQUEST_TIMEOUT, "The request body arrived slower than "
                + BYTES_PER_SECOND + " bytes per second; the connection is closed");
    }

    /** Gives the connection its usual idle timeout back. */
    @Override
    public void close() {
        if (endPoint != null) {
            endPoint.setIdleTimeout(idleTimeout);
        }
    }
}
