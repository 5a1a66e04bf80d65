package dev.leadstore.webhook;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.base.Json;
import dev.leadstore.db.Ids;
import dev.leadstore.event.EventLog;
import dev.leadstore.event.EventTypes;
import dev.leadstore.event.Position;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** All SQL of webhooks and their deliveries: the endpoints, the fan-out from the event log, claims and results. */
public final class WebhookStore {
    /** An account may have this many webhooks. */
    public static final int MAX_PER_ACCOUNT = 50;
    /** An endpoint that has only failed for this long is disabled. */
    static final Duration DISABLE_AFTER = Duration.ofDays(5);
    private static final String COLUMNS = "id, url, events, description, enabled, created_at, updated_at";
    private static final String DELIVERY_COLUMNS = "id, event_id, event_type, status, attempts, last_status_code, "
            + "last_error, created_at, next_attempt_at, delivered_at";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Jdbi jdbi;
    private final boolean postgres;

    public WebhookStore(Jdbi jdbi, boolean postgres) {
        this.jdbi = jdbi;
        this.postgres = postgres;
    }

    /** A webhook to create, with a URL already checked. */
    record New(String url, List<String> events, String description, boolean enabled) {
    }

    /** Creates the webhook; empty when the account has MAX_PER_ACCOUNT already. */
    Optional<Webhook> create(String accountId, New input, String secret, Instant now) {
        return jdbi.inTransaction(h -> {
            long count = h.createQuery("SELECT COUNT(*) FROM webhooks WHERE account_id = :account")
                    .bind("account", accountId).mapTo(Long.class).one();
            if (count >= MAX_PER_ACCOUNT) {
                return Optional.empty();
            }
            String id = Ids.next("whk");
            h.createUpdate("INSERT INTO webhooks (id, account_id, url, events, description, enabled, secret, created_at, "
                            + "updated_at) VALUES (:id, :account, :url, :events, :description, :enabled, :secret, :now, :now)")
                    .bind("id", id).bind("account", accountId).bind("url", input.url())
                    .bind("events", Json.string(input.events())).bind("description", input.description())
                    .bind("enabled", input.enabled()).bind("secret", secret).bind("now", now.toEpochMilli()).execute();
            return Optional.of(new Webhook(id, input.url(), input.events(), input.description(), input.enabled(), now,
                    now, secret));
        });
    }

    List<Webhook> list(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM webhooks WHERE account_id = :account "
                + "ORDER BY created_at, id").bind("account", accountId).map((rs, ctx) -> webhook(rs)).list());
    }

    Optional<Webhook> find(String accountId, String id) {
        return jdbi.withHandle(h -> find(h, accountId, id));
    }

    private static Optional<Webhook> find(Handle h, String accountId, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM webhooks WHERE account_id = :account AND id = :id")
                .bind("account", accountId).bind("id", id).map((rs, ctx) -> webhook(rs)).findOne();
    }

    /** Applies the given fields; turning a webhook on again forgets how long it was failing. */
    Optional<Webhook> update(String accountId, String id, WebhookInput input, Instant now) {
        return jdbi.inTransaction(h -> {
            Optional<Webhook> found = find(h, accountId, id);
            if (found.isEmpty()) {
                return found;
            }
            Webhook current = found.get();
            Webhook next = new Webhook(id, input.url().or(current.url()), input.events().or(current.events()),
                    input.description().or(current.description()), input.enabled().or(current.enabled()),
                    current.createdAt(), now, null);
            if (next.equals(new Webhook(id, current.url(), current.events(), current.description(), current.enabled(),
                    current.createdAt(), now, null))) {
                return Optional.of(current);
            }
            h.createUpdate("UPDATE webhooks SET url = :url, events = :events, description = :description, "
                            + "enabled = :enabled, updated_at = :now"
                            + (next.enabled() && !current.enabled() ? ", failing_since = NULL" : "")
                            + " WHERE account_id = :account AND id = :id")
                    .bind("url", next.url()).bind("events", Json.string(next.events()))
                    .bind("description", next.description()).bind("enabled", next.enabled())
                    .bind("now", now.toEpochMilli()).bind("account", accountId).bind("id", id).execute();
            return Optional.of(next);
        });
    }

    boolean delete(String accountId, String id) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("DELETE FROM webhook_deliveries WHERE account_id = :account AND webhook_id = :id")
                    .bind("account", accountId).bind("id", id).execute();
            return h.createUpdate("DELETE FROM webhooks WHERE account_id = :account AND id = :id")
                    .bind("account", accountId).bind("id", id).execute() > 0;
        });
    }

    Optional<Webhook> rotate(String accountId, String id, String secret, Instant now) {
        return jdbi.inTransaction(h -> {
            int changed = h.createUpdate("UPDATE webhooks SET secret = :secret, updated_at = :now "
                            + "WHERE account_id = :account AND id = :id").bind("secret", secret)
                    .bind("now", now.toEpochMilli()).bind("account", accountId).bind("id", id).execute();
            return changed == 0 ? Optional.<Webhook>empty() : find(h, accountId, id).map(w -> w.withSecret(secret));
        });
    }

    /** A pending delivery of a ping, whose body is kept with it (pings are not in the event log). */
    Delivery ping(String accountId, String webhookId, String eventId, String body, Instant now) {
        String id = Ids.next("dlv");
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO webhook_deliveries (id, webhook_id, account_id, event_id, "
                        + "event_type, body, status, attempts, created_at, next_attempt_at) VALUES (:id, :webhook, "
                        + ":account, :event, 'ping', :body, 'pending', 0, :now, :now)")
                .bind("id", id).bind("webhook", webhookId).bind("account", accountId).bind("event", eventId)
                .bind("body", body).bind("now", now.toEpochMilli()).execute());
        return new Delivery(id, eventId, "ping", Delivery.PENDING, 0, null, null, now, now, null);
    }

    /** The webhook's deliveries, newest first. */
    List<Delivery> deliveries(String accountId, String webhookId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries "
                        + "WHERE account_id = :account AND webhook_id = :webhook ORDER BY created_at DESC, COALESCE(event_seq, 0) DESC, id DESC LIMIT :limit")
                .bind("account", accountId).bind("webhook", webhookId).bind("limit", limit)
                .map((rs, ctx) -> delivery(rs)).list());
    }

    /** Queues every matching event of the account after `from` for the webhook again; returns how many. */
    int replay(EventLog log, String accountId, Webhook webhook, Position from, Instant now) {
        List<String> types = types(webhook.events());
        int queued = 0;
        Position after = from;
        while (true) {
            List<EventLog.Logged> page = log.after(accountId, after, types, 1000);
            if (page.isEmpty()) {
                return queued;
            }
            jdbi.useTransaction(h -> {
                PreparedBatch batch = h.prepareBatch(INSERT_DELIVERY);
                for (EventLog.Logged event : page) {
                    bindDelivery(batch, webhook.id(), event, now);
                }
                batch.execute();
            });
            queued += page.size();
            after = page.get(page.size() - 1).position();
        }
    }

    private static final String INSERT_DELIVERY = "INSERT INTO webhook_deliveries (id, webhook_id, account_id, "
            + "event_id, event_type, event_seq, status, attempts, created_at, next_attempt_at) VALUES (:id, :webhook, "
            + ":account, :event, :type, :seq, 'pending', 0, :now, :now)";

    private static void bindDelivery(PreparedBatch batch, String webhookId, EventLog.Logged event, Instant now) {
        batch.bind("id", Ids.next("dlv")).bind("webhook", webhookId).bind("account", event.accountId())
                .bind("event", event.id()).bind("type", event.type()).bind("seq", event.position().seq())
                .bind("now", now.toEpochMilli()).add();
    }

    /**
     * Reads the next events of the log below the horizon and queues one delivery per matching enabled
     * webhook made no later than the event, moving the shared position on in the same transaction.
     * The position is read without a lock and moved only if no other node moved it meanwhile (else
     * everything rolls back), so the transaction writes, and on PostgreSQL takes a transaction id
     * that holds the feed's horizon, only for its last milliseconds. Returns the events read.
     */
    int fanOut(EventLog log, int batchSize, Instant now) {
        try {
            return jdbi.inTransaction(h -> {
                Position position = h.createQuery("SELECT tx, seq FROM webhook_fanout WHERE name = 'events'")
                        .map((rs, ctx) -> new Position(rs.getLong(1), rs.getLong(2))).one();
                List<EventLog.Logged> events = log.since(h, position, batchSize);
                if (events.isEmpty()) {
                    return 0;
                }
                Set<String> accounts = events.stream().map(EventLog.Logged::accountId)
                        .collect(Collectors.toCollection(TreeSet::new));
                Map<String, List<Subscription>> byAccount = new LinkedHashMap<>();
                h.createQuery("SELECT id, account_id, events, created_at FROM webhooks WHERE enabled = TRUE "
                                + "AND account_id IN (<accounts>)").bindList("accounts", List.copyOf(accounts))
                        .map((rs, ctx) -> new Subscription(rs.getString(1), rs.getString(2),
                                types(Json.mapper().convertValue(Json.parse(rs.getString(3)), STRINGS)), rs.getLong(4)))
                        .forEach(s -> byAccount.computeIfAbsent(s.accountId(), a -> new ArrayList<>()).add(s));
                Position last = events.get(events.size() - 1).position();
                int moved = h.createUpdate("UPDATE webhook_fanout SET tx = :tx, seq = :seq WHERE name = 'events' "
                                + "AND tx = :fromTx AND seq = :fromSeq").bind("tx", last.tx()).bind("seq", last.seq())
                        .bind("fromTx", position.tx()).bind("fromSeq", position.seq()).execute();
                if (moved == 0) {
                    throw new MovedElsewhere();
                }
                PreparedBatch batch = h.prepareBatch(INSERT_DELIVERY);
                int rows = 0;
                for (EventLog.Logged event : events) {
                    for (Subscription s : byAccount.getOrDefault(event.accountId(), List.of())) {
                        if (s.types().contains(event.type()) && s.createdAt() <= event.createdAt()) {
                            bindDelivery(batch, s.id(), event, now);
                            rows++;
                        }
                    }
                }
                if (rows > 0) {
                    batch.execute();
                }
                return events.size();
            });
        } catch (MovedElsewhere e) {
            return 0;
        }
    }

    /** Another node moved the fan-out position first: this one's work is rolled back. */
    private static final class MovedElsewhere extends RuntimeException {
        MovedElsewhere() {
            super("the fan-out position moved", null, false, false);
        }
    }

    private record Subscription(String id, String accountId, List<String> types, long createdAt) {
    }

    /** The event types a webhook's patterns name. */
    static List<String> types(List<String> patterns) {
        Set<String> types = new java.util.LinkedHashSet<>();
        patterns.forEach(p -> types.addAll(EventTypes.matching(p)));
        return List.copyOf(types);
    }

    /** A delivery taken for one attempt, until `lease` (its next_attempt_at while the attempt runs). */
    record Claim(String id, String webhookId, String accountId, String eventId, String eventType, String body,
                 int attempts, String url, String secret, boolean enabled, long lease) {
    }

    /**
     * Takes up to `limit` due deliveries for an attempt each: their next_attempt_at becomes the lease's
     * end, so a node that dies mid-attempt leaves them due again then. On PostgreSQL rows another node
     * is claiming are skipped.
     */
    List<Claim> claim(Instant now, Instant lease, int limit) {
        return jdbi.inTransaction(h -> {
            List<String> ids = h.createQuery("SELECT id FROM webhook_deliveries WHERE next_attempt_at <= :now "
                            + "ORDER BY next_attempt_at LIMIT :limit" + (postgres ? " FOR UPDATE SKIP LOCKED" : ""))
                    .bind("now", now.toEpochMilli()).bind("limit", limit).mapTo(String.class).list();
            if (ids.isEmpty()) {
                return List.of();
            }
            h.createUpdate("UPDATE webhook_deliveries SET next_attempt_at = :lease WHERE id IN (<ids>)")
                    .bind("lease", lease.toEpochMilli()).bindList("ids", ids).execute();
            return h.createQuery("SELECT d.id, d.webhook_id, d.account_id, d.event_id, d.event_type, d.body, d.attempts, "
                            + "w.url, w.secret, w.enabled FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id "
                            + "WHERE d.id IN (<ids>) ORDER BY d.next_attempt_at, d.created_at")
                    .bindList("ids", ids)
                    .map((rs, ctx) -> new Claim(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8), rs.getString(9),
                            rs.getBoolean(10), lease.toEpochMilli()))
                    .list();
        });
    }

    /** A 2xx: delivered, and the endpoint is no longer failing. */
    void delivered(Claim claim, int status, Instant now) {
        jdbi.useTransaction(h -> {
            int changed = h.createUpdate("UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, "
                            + "last_status_code = :status, last_error = NULL, delivered_at = :now, next_attempt_at = NULL "
                            + "WHERE id = :id AND next_attempt_at = :lease")
                    .bind("status", status).bind("now", now.toEpochMilli()).bind("id", claim.id())
                    .bind("lease", claim.lease()).execute();
            if (changed > 0) {
                h.createUpdate("UPDATE webhooks SET failing_since = NULL WHERE id = :id AND failing_since IS NOT NULL")
                        .bind("id", claim.webhookId()).execute();
            }
        });
    }

    /**
     * A failed attempt: due again after `retryIn`, or `failed` when null. An endpoint failing since
     * more than DISABLE_AFTER with no success in between is disabled.
     */
    void attemptFailed(Claim claim, Integer status, String error, Duration retryIn, Instant now) {
        jdbi.useTransaction(h -> {
            int changed = h.createUpdate("UPDATE webhook_deliveries SET attempts = attempts + 1, status = :state, "
                            + "last_status_code = :status, last_error = :error, next_attempt_at = :next "
                            + "WHERE id = :id AND next_attempt_at = :lease")
                    .bind("state", retryIn == null ? Delivery.FAILED : Delivery.PENDING).bind("status", status)
                    .bind("error", error == null ? null : error.length() > 300 ? error.substring(0, 300) : error)
                    .bind("next", retryIn == null ? null : now.plus(retryIn).toEpochMilli())
                    .bind("id", claim.id()).bind("lease", claim.lease()).execute();
            if (changed > 0 && claim.enabled()) {
                h.createUpdate("UPDATE webhooks SET failing_since = :now WHERE id = :id AND failing_since IS NULL")
                        .bind("now", now.toEpochMilli()).bind("id", claim.webhookId()).execute();
                h.createUpdate("UPDATE webhooks SET enabled = FALSE, updated_at = :now WHERE id = :id "
                                + "AND failing_since <= :since AND enabled = TRUE")
                        .bind("now", now.toEpochMilli()).bind("id", claim.webhookId())
                        .bind("since", now.minus(DISABLE_AFTER).toEpochMilli()).execute();
            }
        });
    }

    /** Gives a claimed delivery back untried (shutdown): due at once, attempts unchanged. */
    void release(Claim claim, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE webhook_deliveries SET next_attempt_at = :now "
                        + "WHERE id = :id AND next_attempt_at = :lease").bind("now", now.toEpochMilli())
                .bind("id", claim.id()).bind("lease", claim.lease()).execute());
    }

    /** Drops deliveries made before the instant (with the events they carry); returns how many. */
    public int purge(Instant before) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM webhook_deliveries WHERE created_at < :before")
                .bind("before", before.toEpochMilli()).execute());
    }

    private static Webhook webhook(ResultSet rs) throws SQLException {
        JsonNode events = Json.parse(rs.getString(3));
        return new Webhook(rs.getString(1), rs.getString(2), Json.mapper().convertValue(events, STRINGS),
                rs.getString(4), rs.getBoolean(5), Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)),
                null);
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        int code = rs.getInt(6);
        Integer lastStatus = rs.wasNull() ? null : code;
        long next = rs.getLong(9);
        Instant nextAt = rs.wasNull() ? null : Instant.ofEpochMilli(next);
        long delivered = rs.getLong(10);
        Instant deliveredAt = rs.wasNull() ? null : Instant.ofEpochMilli(delivered);
        return new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), lastStatus,
                rs.getString(7), Instant.ofEpochMilli(rs.getLong(8)), nextAt, deliveredAt);
    }
}
