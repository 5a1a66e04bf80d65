package dev.leadstore.webhook;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST to a checked address. It connects to exactly the address {@link UrlGuard}
 * approved (for https with the URL's host name for SNI and certificate checks), never follows a
 * redirect, gives the whole exchange one deadline, and reads at most 64 KiB of the answer.
 * (java.net.http.HttpClient resolves the host itself on Java 17 and cannot be pinned to an address
 * for https, which is why the exchange is written here.)
 */
final class Sender {
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final SSLSocketFactory tls = (SSLSocketFactory) SSLSocketFactory.getDefault();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    /** What one attempt got: the status code (0: no answer) or what went wrong. */
    record Outcome(int status, String error) {
        boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    Outcome post(UrlGuard.Target target, Map<String, String> headers, byte[] body, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Socket socket = new Socket();
        open.add(socket);
        try {
            socket.connect(new InetSocketAddress(target.address(), target.port()), millisLeft(deadline));
            Socket channel = socket;
            if (target.https()) {
                SSLSocket ssl = (SSLSocket) tls.createSocket(socket, bare(target.host()), target.port(), true);
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                if (!target.host().startsWith("[") && !target.host().matches("[0-9.]+")) {
                    parameters.setServerNames(List.of(new SNIHostName(target.host())));
                }
                ssl.setSSLParameters(parameters);
                ssl.setSoTimeout(millisLeft(deadline));
                ssl.startHandshake();
                channel = ssl;
            }
            OutputStream out = channel.getOutputStream();
            out.write(head(target, headers, body.length));
            out.write(body);
            out.flush();
            return new Outcome(status(new BufferedInputStream(channel.getInputStream()), channel, deadline), null);
        } catch (SocketTimeoutException e) {
            return new Outcome(0, "no answer within " + timeout.toMillis() / 1000.0 + " s");
        } catch (IOException e) {
            return new Outcome(0, describe(e));
        } finally {
            open.remove(socket);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing what failed
            }
        }
    }

    /** Aborts every exchange in progress (at shutdown): each ends at once with an error. */
    void abortAll() {
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // aborting
            }
        }
    }

    private static byte[] head(UrlGuard.Target target, Map<String, String> headers, int length) {
        String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty() ? "/"
                : target.uri().getRawPath();
        if (target.uri().getRawQuery() != null) {
            path += "?" + target.uri().getRawQuery();
        }
        boolean defaultPort = target.uri().getPort() == -1;
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.host()).append(defaultPort ? "" : ":" + target.port()).append("\r\n")
                .append("User-Agent: Leadstore-Webhooks/1\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(length).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The final status code of the answer (1xx skipped); at most 64 KiB is read, the rest dropped. */
    private static int status(InputStream in, Socket channel, long deadline) throws IOException {
        int read = 0;
        while (true) {
            String statusLine = null;
            StringBuilder line = new StringBuilder();
            while (true) {
                channel.setSoTimeout(millisLeft(deadline));
                int c = in.read();
                if (c == -1) {
                    throw new IOException("the connection closed before a complete answer");
                }
                if (++read > MAX_ANSWER_BYTES) {
                    throw new IOException("the answer's head is larger than " + MAX_ANSWER_BYTES + " bytes");
                }
                if (c == '\n') {
                    String text = line.toString().strip();
                    line.setLength(0);
                    if (statusLine == null) {
                        statusLine = text;
                    } else if (text.isEmpty()) {
                        break;
                    }
                } else {
                    line.append((char) c);
                }
            }
            String[] parts = statusLine.split(" ", 3);
            int status;
            try {
                status = parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
            } catch (NumberFormatException e) {
                status = -1;
            }
            if (status < 100 || status > 599) {
                throw new IOException("the answer is not HTTP");
            }
            if (status >= 200) {
                return status;
            }
        }
    }

    private static int millisLeft(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("deadline");
        }
        return (int) Math.min(left, Integer.MAX_VALUE);
    }

    private static String bare(String host) {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private static String describe(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String text = e.getClass().getSimpleName() + ": " + message;
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}
