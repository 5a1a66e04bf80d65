package dev.leadstore.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.base.Json;
import dev.leadstore.base.Metrics;
import dev.leadstore.db.Ids;
import dev.leadstore.db.PlainJdbc;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The account's log of committed changes: written by every write in its own transaction, read by
 * the feed, the histories and the webhook dispatcher, never past the {@link Horizon}.
 */
public final class EventLog {
    private final Jdbi jdbi;
    private final Horizon horizon;
    private final boolean enabled;
    private final PlainJdbc insert;
    private final Metrics metrics;

    /** A change to record: its type, the object after it (as it was, for a deletion), and the object before. */
    public record Change(String type, String objectId, Object after, Object before) {
    }

    private EventLog(Jdbi jdbi, Horizon horizon, boolean enabled, Metrics metrics) {
        this.jdbi = jdbi;
        this.metrics = metrics;
        this.horizon = horizon;
        this.enabled = enabled;
        this.insert = PlainJdbc.of("INSERT INTO events (account_id, tx, seq, id, type, object_id, created_at, body) "
                + "VALUES (:account, " + horizon.txSql() + ", " + horizon.seqSql() + ", :id, :type, :object_id, "
                + ":created_at, :body)");
    }

    /** `enabled` false writes nothing: only for measuring what events cost. */
    public static EventLog open(Jdbi jdbi, boolean postgres, boolean enabled, Metrics metrics) {
        long last = jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM events").mapTo(Long.class).one());
        return new EventLog(jdbi, Horizon.of(postgres, last), enabled, metrics);
    }

    /**
     * Appends one event per change, in the writing transaction. `previous` holds the old value of
     * each field the change moved (updated_at aside); a change with `before` null has none.
     */
    public void append(Handle h, String accountId, Instant now, List<Change> changes) {
        append(h, accountId, Collections.nCopies(changes.size(), now), changes);
    }

    /** Appends one event per change, each at its own time (the changes of a group of creates). */
    public void append(Handle h, String accountId, List<Instant> times, List<Change> changes) {
        if (!enabled || changes.isEmpty()) {
            return;
        }
        insert.batch(h, rows(h, accountId, times, changes));
    }

    /**
     * The insert of one change's event, for the caller to run together with its own statement
     * ({@link PlainJdbc#together}); null when events are off.
     */
    public PlainJdbc.Bound insertOf(Handle h, String accountId, Instant now, Change change) {
        if (!enabled) {
            return null;
        }
        return insert.with(rows(h, accountId, List.of(now), List.of(change)).get(0));
    }

    /** The events' rows, counted once the transaction commits. */
    private List<Map<String, Object>> rows(Handle h, String accountId, List<Instant> times, List<Change> changes) {
        long[] claimed = horizon.claim(h);
        List<Map<String, Object>> rows = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            Instant at = times.get(i);
            Map<String, Object> row = new HashMap<>();
            String id = Ids.next("evt");
            row.put("account", accountId);
            row.put("id", id);
            row.put("type", change.type());
            row.put("object_id", change.objectId());
            row.put("created_at", at.toEpochMilli());
            row.put("body", body(id, change, at));
            if (claimed != null) {
                row.put("tx", claimed[0]);
                row.put("seq", i == 0 ? claimed[0] : ((Horizon.Local) horizon).next());
            }
            rows.add(row);
        }
        int written = changes.size();
        if (h.isInTransaction()) {
            h.afterCommit(() -> metrics.eventsWritten(written));
        } else {
            metrics.eventsWritten(written);
        }
        return rows;
    }

    public void append(Handle h, String accountId, Instant now, Change change) {
        append(h, accountId, now, List.of(change));
    }

    /**
     * The event's JSON: id, type, created_at, object_id and data, where `data.object` is the object
     * after the change (for a deletion, as it was) exactly as the API writes it (its text, not a tree
     * made in memory, which would hold 10 as 10.0), and `data.previous` the old values of the fields
     * it changed (updates and stage changes only).
     */
    private static String body(String id, Change change, Instant now) {
        String after = Json.string(change.after());
        try (StringWriter text = new StringWriter(after.length() * (change.before() == null ? 1 : 2) + 200);
             JsonGenerator json = Json.mapper().createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("id", id);
            json.writeStringField("type", change.type());
            json.writeStringField("created_at", Json.timestamp(now));
            json.writeStringField("object_id", change.objectId());
            json.writeObjectFieldStart("data");
            json.writeFieldName("object");
            json.writeRawValue(after);
            if (change.before() != null) {
                json.writeFieldName("previous");
                json.writeTree(previous(Json.parse(Json.string(change.before())), Json.parse(after)));
            }
            json.writeEndObject();
            json.writeEndObject();
            json.flush();
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The old value of every field whose value changed, updated_at aside. */
    private static ObjectNode previous(JsonNode before, JsonNode after) {
        ObjectNode previous = Json.mapper().createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = before.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals("updated_at") && !Objects.equals(field.getValue(), after.get(field.getKey()))) {
                previous.set(field.getKey(), field.getValue());
            }
        }
        return previous;
    }

    /** What a read of the log asks for: after which event, which types, how many, of which object. */
    record Read(String accountId, Position after, List<String> types, int limit, String objectId) {
    }

    /** The events of one read, oldest first, none past the horizon. */
    List<JsonNode> read(Read read) {
        return jdbi.withHandle(h -> {
            long limit = horizon.limit(h);
            StringBuilder sql = new StringBuilder("SELECT body FROM events WHERE account_id = :account "
                    + "AND (tx, seq) > (:tx, :seq) AND tx < :horizon");
            if (read.objectId() != null) {
                sql.append(" AND object_id = :object");
            }
            if (read.types() != null) {
                sql.append(" AND type IN (<types>)");
            }
            sql.append(" ORDER BY tx, seq LIMIT :limit");
            var query = h.createQuery(sql.toString()).bind("account", read.accountId())
                    .bind("tx", read.after().tx()).bind("seq", read.after().seq()).bind("horizon", limit)
                    .bind("limit", read.limit());
            if (read.objectId() != null) {
                query.bind("object", read.objectId());
            }
            if (read.types() != null) {
                query.bindList("types", read.types());
            }
            List<JsonNode> events = new ArrayList<>();
            query.mapTo(String.class).forEach(body -> events.add(Json.parse(body)));
            return events;
        });
    }

    /** One event as the webhook dispatcher sees it: where it stands, whose it is, what it is. */
    public record Logged(Position position, String accountId, String id, String type, long createdAt) {
    }

    /**
     * Every account's events after `after`, oldest first, none past the horizon, read in the
     * caller's transaction (the dispatcher's, which keeps its position in the same one).
     */
    public List<Logged> since(Handle h, Position after, int limit) {
        return h.createQuery("SELECT tx, seq, account_id, id, type, created_at FROM events "
                        + "WHERE (tx, seq) > (:tx, :seq) AND tx < :horizon ORDER BY tx, seq LIMIT :limit")
                .bind("tx", after.tx()).bind("seq", after.seq()).bind("horizon", horizon.limit(h))
                .bind("limit", limit).map((rs, ctx) -> new Logged(new Position(rs.getLong(1), rs.getLong(2)),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6))).list();
    }

    /**
     * One account's committed events of the given types after `after`, oldest first. Not held back by
     * the horizon: a replay wants everything committed by now, and keeps no cursor that could pass an
     * event yet to commit.
     */
    public List<Logged> after(String accountId, Position after, List<String> types, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT tx, seq, account_id, id, type, created_at FROM events "
                        + "WHERE account_id = :account AND (tx, seq) > (:tx, :seq) "
                        + "AND type IN (<types>) ORDER BY tx, seq LIMIT :limit")
                .bind("account", accountId).bind("tx", after.tx()).bind("seq", after.seq())
                .bindList("types", types).bind("limit", limit)
                .map((rs, ctx) -> new Logged(new Position(rs.getLong(1), rs.getLong(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getLong(6))).list());
    }

    /** The JSON of a retained event of the account, as the feed shows it; empty once retention dropped it. */
    public Optional<String> body(String accountId, String eventId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT body FROM events WHERE account_id = :account AND id = :id")
                .bind("account", accountId).bind("id", eventId).mapTo(String.class).findOne());
    }

    /** Where a retained event of the account stands; empty when there is none by that id. */
    public Optional<Position> position(String accountId, String eventId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT tx, seq FROM events WHERE account_id = :account AND id = :id")
                .bind("account", accountId).bind("id", eventId)
                .map((rs, ctx) -> new Position(rs.getLong(1), rs.getLong(2))).findOne());
    }

    /** True when the object has any retained event: its history exists. */
    boolean hasHistory(String accountId, String objectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM events WHERE account_id = :account "
                        + "AND object_id = :object").bind("account", accountId).bind("object", objectId)
                .mapTo(Long.class).one() > 0);
    }

    /** Events purged per statement: each chunk is a short transaction of its own. */
    static final int PURGE_CHUNK = 1000;

    /**
     * Drops events created before the instant, oldest position first, and returns how many. It reads
     * positions in the order of their index (events are written in about the order of their times)
     * and stops at the first event that is not old enough: one written a moment out of order behind
     * it waits for the next purge. An event a transaction still open adds inside a chunk's range is
     * new, and `created_at` keeps it.
     */
    public int purge(Instant before) {
        long cutoff = before.toEpochMilli();
        return jdbi.withHandle(h -> {
            Position after = Position.START;
            int dropped = 0;
            while (true) {
                List<long[]> chunk = h.createQuery("SELECT tx, seq, created_at FROM events "
                                + "WHERE (tx, seq) > (:tx, :seq) ORDER BY tx, seq LIMIT :limit")
                        .bind("tx", after.tx()).bind("seq", after.seq()).bind("limit", PURGE_CHUNK)
                        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).list();
                int old = 0;
                while (old < chunk.size() && chunk.get(old)[2] < cutoff) {
                    old++;
                }
                if (old > 0) {
                    long[] first = chunk.get(0);
                    long[] last = chunk.get(old - 1);
                    dropped += h.createUpdate("DELETE FROM events WHERE tx >= :first_tx AND tx <= :last_tx "
                                    + "AND (tx, seq) >= (:first_tx, :first_seq) AND (tx, seq) <= (:last_tx, :last_seq) "
                                    + "AND created_at < :before")
                            .bind("first_tx", first[0]).bind("first_seq", first[1]).bind("last_tx", last[0])
                            .bind("last_seq", last[1]).bind("before", cutoff).execute();
                    after = new Position(last[0], last[1]);
                }
                if (old < chunk.size() || chunk.size() < PURGE_CHUNK) {
                    return dropped;
                }
            }
        });
    }
}
