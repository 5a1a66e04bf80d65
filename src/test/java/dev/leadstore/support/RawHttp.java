package dev.leadstore.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 exchange over a plain socket, reading the answer while the body is still being
 * written: a server may answer a large body before reading it (413), and java.net.http then
 * reports only the failed write. The answer is held to the OpenAPI document (see ApiContract).
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** Sends the body with Content-Length, or in chunks when {@code chunked}; headers as name, value pairs. */
    public static Http.Response send(String baseUrl, String method, String path, byte[] body, boolean chunked,
                                     String... headers) {
        URI uri = URI.create(baseUrl);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + uri.getHost()
                + "\r\nConnection: close\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
        head.append("\r\n");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            Thread writer = new Thread(() -> write(socket, head.toString(), body, chunked), "raw-http-writer");
            writer.setDaemon(true);
            writer.start();
            Http.Response answer = read(socket.getInputStream());
            ApiContract.check(method, path, answer);
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Socket socket, String head, byte[] body, boolean chunked) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            int step = chunked ? 16 * 1024 : body.length;
            for (int offset = 0; offset < body.length; offset += step) {
                int length = Math.min(step, body.length - offset);
                if (chunked) {
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write(body, offset, length);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.flush();
        } catch (IOException e) {
            // The server answered and closed before taking the whole body: the answer is what counts.
        }
    }

    private static Http.Response read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        // One byte, one char: the head is ASCII, and offsets in the text are offsets in the bytes.
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(all, end + 4, all.length);
        if (headers.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
            body = dechunk(body, text.substring(end + 4));
        }
        return new Http.Response(status, HttpHeaders.of(headers, (name, value) -> true),
                new String(body, StandardCharsets.UTF_8));
    }

    /** The payload of a chunked body (RFC 9112, section 7.1); text is the same bytes, one char each. */
    private static byte[] dechunk(byte[] body, String text) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int line = text.indexOf("\r\n", at);
            if (line < 0) {
                throw new IOException("a chunked body that does not end: " + text);
            }
            int size = Integer.parseInt(text.substring(at, line).split(";")[0].trim(), 16);
            if (size == 0) {
                return payload.toByteArray();
            }
            payload.write(body, line + 2, size);
            at = line + 2 + size + 2;
        }
    }
}
