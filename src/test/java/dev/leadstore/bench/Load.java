package dev.leadstore.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one scenario: N threads call a step back to back through a warm-up and then a measured
 * period. Each thread records the latency of every measured call into its own growing long array;
 * the arrays are merged and sorted once at the end (no histogram library, exact percentiles).
 */
final class Load {

    /** One request (or one database operation). Throwing counts as an error. */
    @FunctionalInterface
    interface Step {
        void run(int worker) throws Exception;
    }

    /** Thrown by a step when its worker has no more work (the delete scenario runs out of ids). */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super(null, null, false, false);
        }
    }

    private static final long GRACE_NANOS = 15_000_000_000L;

    private Load() {
    }

    static Result run(String name, int workers, int warmupSeconds, int measureSeconds, Step step) {
        long start = System.nanoTime() + 50_000_000L;
        long measureFrom = start + warmupSeconds * 1_000_000_000L;
        long end = measureFrom + measureSeconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        AtomicLong lastStop = new AtomicLong(measureFrom);
        ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
        long[][] latencies = new long[workers][];
        int[] counts = new int[workers];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread thread = new Thread(() -> {
                long[] mine = new long[1 << 14];
                int n = 0;
                while (System.nanoTime() < start) {
                    Thread.onSpinWait();
                }
                while (true) {
                    long t0 = System.nanoTime();
                    // Slow queries (a cold server, a table scan) still give every worker one measured
                    // call, unless they are so slow that the run would not finish in reasonable time.
                    if (t0 >= end && (n > 0 || t0 >= end + GRACE_NANOS)) {
                        lastStop.accumulateAndGet(t0, Math::max);
                        break;
                    }
                    boolean ok = false;
                    try {
                        step.run(worker);
                        ok = true;
                    } catch (Exhausted e) {
                        lastStop.accumulateAndGet(t0, Math::max);
                        break;
                    } catch (Exception | Error e) {
                        errors.incrementAndGet();
                        if (samples.size() < 3) {
                            samples.add(String.valueOf(e.getMessage() == null ? e : e.getMessage()));
                        }
                    }
                    // Only answers that were right count: for rate and latency alike.
                    if (ok && t0 >= measureFrom) {
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = System.nanoTime() - t0;
                    }
                }
                latencies[worker] = mine;
                counts[worker] = n;
            }, "bench-" + name + "-" + w);
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        // The period ends when the last worker stopped: early when all ran out of work, a little
        // late when a slow call was still running at the end.
        double seconds = Math.max(1e-3, (lastStop.get() - measureFrom) / 1e9);
        return Result.of(name, merge(latencies, counts), seconds, errors.get(), List.copyOf(samples));
    }

    private static long[] merge(long[][] latencies, int[] counts) {
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int w = 0; w < latencies.length; w++) {
            System.arraycopy(latencies[w], 0, all, at, counts[w]);
            at += counts[w];
        }
        Arrays.sort(all);
        return all;
    }
}
