package dev.leadstore.auth;

import dev.leadstore.account.Plan;
import dev.leadstore.db.Ids;
import dev.leadstore.db.Invalidation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** All SQL of the api_keys table. The table holds hashes; a full key exists only in its create response. */
public final class KeyStore {
    private static final String SELECT = "SELECT k.account_id, k.id, k.key_hash, k.prefix, k.name, k.permissions, "
            + "k.rate_limit_per_hour, k.expires_at, k.revoked_at, k.last_used_at, k.created_at, "
            + "a.plan, a.rate_limit_per_hour AS account_limit "
            + "FROM api_keys k JOIN accounts a ON a.id = k.account_id ";

    /** A stored key with what authentication needs: its hash, state and effective limit. */
    public record StoredKey(ApiKey view, String hash) {
        public boolean revoked() {
            return view.revokedAt() != null;
        }

        public boolean expired(Instant now) {
            return view.expiresAt() != null && !view.expiresAt().isAfter(now);
        }
    }

    private final Jdbi jdbi;
    private final Invalidation invalidation;

    public KeyStore(Jdbi jdbi, Invalidation invalidation) {
        this.jdbi = jdbi;
        this.invalidation = invalidation;
    }

    /** Creates a key for an existing account and returns it with its secret, the only time it is seen. */
    public ApiKey create(String accountId, KeyInput input, Instant now) {
        String secret = ApiKeys.generate();
        String id = Ids.next("key");
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO api_keys (account_id, id, key_hash, prefix, name, permissions, "
                        + "rate_limit_per_hour, expires_at, created_at) "
                        + "VALUES (:account, :id, :hash, :prefix, :name, :permissions, :limit, :expires, :now)")
                .bind("account", accountId).bind("id", id).bind("hash", ApiKeys.hash(secret))
                .bind("prefix", ApiKeys.displayPrefix(secret)).bind("name", input.name())
                .bind("permissions", String.join(",", input.permissions()))
                .bind("limit", input.rateLimitPerHour())
                .bind("expires", input.expiresAt() == null ? null : input.expiresAt().toEpochMilli())
                .bind("now", now.toEpochMilli())
                .execute());
        return find(id).orElseThrow().view().withSecret(secret);
    }

    public Optional<StoredKey> findByHash(String hash) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE k.key_hash = :hash")
                .bind("hash", hash).map((rs, ctx) -> row(rs)).findOne());
    }

    public List<ApiKey> list(String accountId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE k.account_id = :account ORDER BY k.created_at, k.id")
                .bind("account", accountId).map((rs, ctx) -> row(rs).view()).list());
    }

    /** Revokes at once; true when the key existed and was active. */
    public boolean revoke(String keyId, Instant now) {
        if (!Ids.looksLike("key", keyId)) {
            return false;
        }
        boolean revoked = jdbi.inTransaction(h -> {
            invalidation.publish(h);
            return h.createUpdate("UPDATE api_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                    .bind("now", now.toEpochMilli()).bind("id", keyId).execute() == 1;
        });
        invalidation.bump();
        return revoked;
    }

    public void touch(String accountId, String keyId, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE api_keys SET last_used_at = :now WHERE account_id = :account AND id = :id")
                .bind("now", now.toEpochMilli()).bind("account", accountId).bind("id", keyId).execute());
    }

    private Optional<StoredKey> find(String keyId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE k.id = :id")
                .bind("id", keyId).map((rs, ctx) -> row(rs)).findOne());
    }

    private static StoredKey row(ResultSet rs) throws SQLException {
        Integer keyLimit = (Integer) rs.getObject("rate_limit_per_hour");
        Integer accountLimit = (Integer) rs.getObject("account_limit");
        int limit = keyLimit != null ? keyLimit : Plan.from(rs.getString("plan")).orElseThrow().limit(accountLimit);
        String permissions = rs.getString("permissions");
        ApiKey view = new ApiKey(rs.getString("id"), null, rs.getString("account_id"), rs.getString("prefix"),
                rs.getString("name"), permissions.isEmpty() ? List.of() : Arrays.asList(permissions.split(",")),
                limit, instant(rs, "expires_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at"),
                instant(rs, "created_at"));
        return new StoredKey(view, rs.getString("key_hash"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
