package dev.leadstore.http;

import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * Jetty's GracefulHandler (counts requests in flight; once stopping, answers new ones 503 without
 * running them), made safe for requests that take a while: Jetty shortens every connection's idle
 * timeout to one second when it stops, which would cut a request that does no I/O for a second
 * (a slow query); here connections keep their time until the last request in flight has answered,
 * and are closed then.
 */
final class DrainingHandler extends GracefulHandler {
    private final long stopMillis;

    DrainingHandler(long stopMillis) {
        this.stopMillis = stopMillis;
    }

    @Override
    protected void doStart() throws Exception {
        for (Connector connector : getServer().getConnectors()) {
            if (connector instanceof AbstractConnector c) {
                c.setShutdownIdleTimeout(stopMillis);
            }
        }
        super.doStart();
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        return super.shutdown().thenRun(() -> {
            // Nothing is in flight any more: what is still open is idle, or carries a request this
            // handler refuses (503) without doing its work.
            for (Connector connector : getServer().getConnectors()) {
                for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                    endPoint.close();
                }
            }
        });
    }
}
