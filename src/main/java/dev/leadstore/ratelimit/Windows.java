package dev.leadstore.ratelimit;

/** Clock-hour windows: each starts at minute :00 UTC. */
final class Windows {
    static final long HOUR_MILLIS = 3_600_000L;

    private Windows() {
    }

    static long start(long nowMillis) {
        return Math.floorDiv(nowMillis, HOUR_MILLIS) * HOUR_MILLIS;
    }

    static long nextStartSeconds(long nowMillis) {
        return (start(nowMillis) + HOUR_MILLIS) / 1000;
    }
}
