package dev.leadstore.ratelimit;

import dev.leadstore.base.ApiException;
import dev.leadstore.base.ErrorCode;
import java.util.List;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/** Counters in Redis, so that several server nodes share one limit per key. */
public final class RedisRateLimiter implements RateLimiter {
    // Check and increment in one atomic step: a refused request is never counted.
    private static final String SCRIPT = """
            local used = tonumber(redis.call('GET', KEYS[1]) or '0')
            if used >= tonumber(ARGV[1]) then
              return {0, used}
            end
            used = redis.call('INCR', KEYS[1])
            if used == 1 then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return {1, used}
            """;

    private final RedisClient redis;
    private final String prefix;

    public RedisRateLimiter(String url, String prefix) {
        // A pooled client (Jedis 8 has no JedisPooled); it speaks RESP3 where the server does, else RESP2.
        this.redis = RedisClient.create(java.net.URI.create(url));
        this.prefix = prefix;
    }

    @Override
    public Decision acquire(String keyId, int limit, long nowMillis) {
        long start = Windows.start(nowMillis);
        String key = prefix + keyId + ":" + start;
        long ttl = start + Windows.HOUR_MILLIS - nowMillis + 60_000;
        List<Long> result;
        try {
            @SuppressWarnings("unchecked")
            List<Long> answer = (List<Long>) redis.eval(SCRIPT, List.of(key),
                    List.of(Integer.toString(limit), Long.toString(ttl)));
            result = answer;
        } catch (JedisException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The rate-limit store is unavailable; try again shortly");
        }
        return Decision.of(result.get(1), result.get(0) == 1L, limit, nowMillis);
    }

    @Override
    public Decision peek(String keyId, int limit, long nowMillis) {
        String used;
        try {
            used = redis.get(prefix + keyId + ":" + Windows.start(nowMillis));
        } catch (JedisException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The rate-limit store is unavailable; try again shortly");
        }
        long count = used == null ? 0 : Long.parseLong(used);
        return Decision.of(count, count < limit, limit, nowMillis);
    }

    @Override
    public void close() {
        redis.close();
    }
}
