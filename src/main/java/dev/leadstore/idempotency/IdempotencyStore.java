package dev.leadstore.idempotency;

import dev.leadstore.db.Constraints;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/** All SQL of the idempotency_keys table: one row per (API key, Idempotency-Key). */
public final class IdempotencyStore {
    /** A claimed key: pending while status is null, else the stored answer. */
    record Entry(String fingerprint, Integer status, byte[] response, long createdAt) {
    }

    record Id(String accountId, String apiKeyId, String key) {
    }

    private final Jdbi jdbi;

    public IdempotencyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Claims the key for one request; false when a row already exists. */
    boolean claim(Id id, String fingerprint, long now) {
        try {
            return jdbi.withHandle(h -> bind(h.createUpdate("INSERT INTO idempotency_keys (account_id, api_key_id, "
                    + "idem_key, fingerprint, created_at) VALUES (:account, :api_key, :key, :fingerprint, :now)"), id)
                    .bind("fingerprint", fingerprint).bind("now", now).execute()) == 1;
        } catch (RuntimeException e) {
            if (Constraints.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    Optional<Entry> find(Id id) {
        return jdbi.withHandle(h -> bind(h.createQuery("SELECT fingerprint, status_code, response, created_at "
                + "FROM idempotency_keys WHERE account_id = :account AND api_key_id = :api_key AND idem_key = :key"), id)
                .map((rs, ctx) -> new Entry(rs.getString(1), (Integer) rs.getObject(2),
                        rs.getString(3) == null ? null : rs.getString(3).getBytes(StandardCharsets.UTF_8),
                        rs.getLong(4)))
                .findOne());
    }

    /** Takes over an expired or abandoned row, only if nobody else did since it was read. */
    boolean replace(Id id, Entry seen, String fingerprint, long now) {
        return jdbi.withHandle(h -> bind(h.createUpdate("UPDATE idempotency_keys SET fingerprint = :fingerprint, "
                + "status_code = NULL, response = NULL, created_at = :now WHERE account_id = :account "
                + "AND api_key_id = :api_key AND idem_key = :key AND created_at = :seen"), id)
                .bind("fingerprint", fingerprint).bind("now", now).bind("seen", seen.createdAt()).execute()) == 1;
    }

    void complete(Id id, int status, byte[] response) {
        jdbi.useHandle(h -> bind(h.createUpdate("UPDATE idempotency_keys SET status_code = :status, response = :response "
                + "WHERE account_id = :account AND api_key_id = :api_key AND idem_key = :key"), id)
                .bind("status", status).bind("response", new String(response, StandardCharsets.UTF_8)).execute());
    }

    void release(Id id) {
        jdbi.useHandle(h -> bind(h.createUpdate("DELETE FROM idempotency_keys WHERE account_id = :account "
                + "AND api_key_id = :api_key AND idem_key = :key"), id).execute());
    }

    void purge(long olderThan) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM idempotency_keys WHERE created_at < :before")
                .bind("before", olderThan).execute());
    }

    private static <S extends SqlStatement<S>> S bind(S statement, Id id) {
        return statement.bind("account", id.accountId()).bind("api_key", id.apiKeyId()).bind("key", id.key());
    }
}
