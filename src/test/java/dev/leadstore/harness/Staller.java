package dev.leadstore.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A hostile client with one key that keeps `target` uploads going, each having sent its headers
 * (`Content-Length: 100`) and one byte, then nothing. When the server ends one with 408 it opens
 * another at once (so every place the key may hold stays taken); after a 429 it waits the second
 * `Retry-After` asks for. One thread, non-blocking sockets.
 */
final class Staller implements AutoCloseable {
    private static final long RETRY_AFTER_NANOS = 1_000_000_000L;

    private final InetSocketAddress server;
    private final byte[] request;
    private final int target;
    private final Selector selector;
    private final Deque<Long> reopenAt = new ArrayDeque<>();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final LongAdder opened = new LongAdder();
    private volatile int open;
    private volatile boolean running = true;
    private final Thread thread;

    Staller(String baseUrl, String key, int target) throws IOException {
        URI uri = URI.create(baseUrl);
        this.server = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.request = ("POST /external/v1/contacts HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nX-API-Key: " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1);
        this.target = target;
        this.selector = Selector.open();
        this.thread = new Thread(this::loop, "staller");
        this.thread.setDaemon(true);
    }

    Staller start() {
        long now = System.nanoTime();
        for (int i = 0; i < target; i++) {
            reopenAt.add(now);
        }
        thread.start();
        return this;
    }

    int open() {
        return open;
    }

    long opened() {
        return opened.sum();
    }

    /** What the server answered the stalled uploads with, by status line. */
    String answers() {
        Map<String, Long> sorted = new TreeMap<>();
        answers.forEach((status, n) -> sorted.put(status, n.sum()));
        return sorted.isEmpty() ? "none" : sorted.toString();
    }

    private void loop() {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (running) {
            try {
                if (!selector.isOpen()) {
                    return;
                }
                while (!reopenAt.isEmpty() && reopenAt.peekFirst() <= System.nanoTime()) {
                    reopenAt.pollFirst();
                    connect();
                }
                selector.select(50);
                for (SelectionKey key : selector.selectedKeys()) {
                    read((SocketChannel) key.channel(), key, buffer);
                }
                selector.selectedKeys().clear();
            } catch (IOException e) {
                // one socket's trouble; the others go on
            } catch (java.nio.channels.ClosedSelectorException e) {
                return;
            }
        }
    }

    private void connect() throws IOException {
        SocketChannel channel = SocketChannel.open(server);
        channel.write(ByteBuffer.wrap(request));
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ);
        opened.increment();
        open++;
    }

    /** The server answered (or closed): note the status, close, and open another one later. */
    private void read(SocketChannel channel, SelectionKey key, ByteBuffer buffer) {
        String status = "closed";
        try {
            buffer.clear();
            int read = channel.read(buffer);
            if (read > 12) {
                status = new String(buffer.array(), 9, 3, StandardCharsets.ISO_8859_1);
            }
        } catch (IOException e) {
            status = "reset";
        }
        answers.computeIfAbsent(status, s -> new LongAdder()).increment();
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            // already gone
        }
        open--;
        reopenAt.add(System.nanoTime() + (status.equals("429") ? RETRY_AFTER_NANOS : 0));
    }

    @Override
    public void close() throws IOException {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }
}
