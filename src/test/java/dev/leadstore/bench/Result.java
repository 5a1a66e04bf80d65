package dev.leadstore.bench;

import java.util.List;

/** The figures of one measured scenario. Latencies in milliseconds; peak RSS in MB, or -1 when not measured. */
record Result(String name, long requests, double seconds, double rate, double p50, double p99, long errors,
              List<String> errorSamples, long peakRssMb) {

    static Result of(String name, long[] sortedNanos, double seconds, long errors, List<String> samples) {
        return new Result(name, sortedNanos.length, seconds, sortedNanos.length / seconds,
                percentile(sortedNanos, 0.50), percentile(sortedNanos, 0.99), errors, samples, -1);
    }

    Result withPeakRss(long megabytes) {
        return new Result(name, requests, seconds, rate, p50, p99, errors, errorSamples, megabytes);
    }

    /** The nearest-rank percentile, in milliseconds. */
    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
