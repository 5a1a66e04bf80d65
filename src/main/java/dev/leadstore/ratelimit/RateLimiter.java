package dev.leadstore.ratelimit;

/** Counts requests per key per clock hour; implementations must count exactly under concurrency. */
public interface RateLimiter extends AutoCloseable {

    /** Counts one request unless the key is at its limit; refused requests are not counted. */
    Decision acquire(String keyId, int limit, long nowMillis);

    /** The key's standing without counting anything, for the headers of a request refused before counting. */
    Decision peek(String keyId, int limit, long nowMillis);

    @Override
    default void close() {
    }

    record Decision(boolean allowed, int limit, int remaining, long resetEpochSeconds, long retryAfterSeconds) {
        static Decision of(long used, boolean allowed, int limit, long nowMillis) {
            long reset = Windows.nextStartSeconds(nowMillis);
            long retry = Math.max(1, reset - Math.floorDiv(nowMillis, 1000));
            int remaining = (int) Math.max(0, limit - used);
            return new Decision(allowed, limit, remaining, reset, retry);
        }
    }
}
