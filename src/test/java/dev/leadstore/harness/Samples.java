package dev.leadstore.harness;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/** Latencies (microseconds) and answers by label, for one phase or one window of a run. */
final class Samples {
    private long[] micros = new long[4096];
    private int size;
    private final Map<String, LongAdder> labels = new ConcurrentHashMap<>();

    void add(Client.Reply reply) {
        addMicros((reply.endNanos() - reply.startNanos()) / 1000);
        count(reply.label());
    }

    synchronized void addMicros(long value) {
        if (size == micros.length) {
            micros = Arrays.copyOf(micros, size * 2);
        }
        micros[size++] = value;
    }

    void count(String label) {
        labels.computeIfAbsent(label, l -> new LongAdder()).increment();
    }

    synchronized int size() {
        return size;
    }

    /** The p-th percentile (0-100) by nearest rank, or 0 with no samples. */
    synchronized long percentile(double p) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(micros, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    synchronized long max() {
        long max = 0;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, micros[i]);
        }
        return max;
    }

    long count(Predicate<String> label) {
        return labels.entrySet().stream().filter(e -> label.test(e.getKey())).mapToLong(e -> e.getValue().sum()).sum();
    }

    /** "200: 812, 201: 300, 503 SERVICE_UNAVAILABLE: 40", or "none". */
    String labels() {
        Map<String, Long> sorted = new TreeMap<>();
        labels.forEach((label, n) -> sorted.put(label, n.sum()));
        if (sorted.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        sorted.forEach((label, n) -> text.append(text.length() == 0 ? "" : ", ").append(label).append(": ").append(n));
        return text.toString();
    }
}
