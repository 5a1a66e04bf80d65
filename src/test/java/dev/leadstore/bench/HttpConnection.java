package dev.leadstore.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection, used by one client thread. Deliberately tiny (no pooling, no
 * JSON, no allocation beyond the body) so that the load generator costs as little CPU as possible:
 * it shares the machine with the server it measures.
 */
final class HttpConnection implements AutoCloseable {
    private final String host;
    private final int port;
    private final byte[] fixedHeaders;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private byte[] body = new byte[8192];
    private int bodyLength;

    /** authHeader is a whole header line without CRLF ("X-API-Key: ..."), or null. */
    HttpConnection(String host, int port, String authHeader) {
        this.host = host;
        this.port = port;
        this.fixedHeaders = ("Host: " + host + ":" + port + "\r\n"
                + (authHeader == null ? "" : authHeader + "\r\n")).getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends one request and reads the whole response; returns the status. Reconnects when needed. */
    int send(String method, String path, byte[] json) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            return exchange(method, path, json);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The body of the last response (valid until the next request). */
    String body() {
        return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
    }

    /** The value of the first `"name":"value"` in the last response body, or null. */
    String field(String name) {
        String text = body();
        String marker = "\"" + name + "\":\"";
        int start = text.indexOf(marker);
        if (start < 0) {
            return null;
        }
        start += marker.length();
        return text.substring(start, text.indexOf('"', start));
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        in = new BufferedInputStream(socket.getInputStream(), 65536);
    }

    private int exchange(String method, String path, byte[] json) throws IOException {
        out.write((method + " " + path + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(fixedHeaders);
        if (json != null) {
            out.write(("Content-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(json);
        } else {
            out.write('\r');
            out.write('\n');
        }
        out.flush();

        String statusLine = line();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                closes = value.equalsIgnoreCase("close");
            }
        }
        bodyLength = 0;
        if (chunked) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                readBody(size);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            readBody((int) length);
        } else {
            throw new IOException("response without length: " + statusLine);
        }
        if (closes) {
            close();
        }
        return status;
    }

    private void readBody(int size) throws IOException {
        if (bodyLength + size > body.length) {
            byte[] bigger = new byte[Math.max(body.length * 2, bodyLength + size)];
            System.arraycopy(body, 0, bigger, 0, bodyLength);
            body = bigger;
        }
        int read = in.readNBytes(body, bodyLength, size);
        if (read < size) {
            throw new EOFException("connection closed in a response body");
        }
        bodyLength += size;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
