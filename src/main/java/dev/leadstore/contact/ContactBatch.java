package dev.leadstore.contact;

import dev.leadstore.base.ApiException;
import dev.leadstore.db.Constraints;
import dev.leadstore.db.Ids;
import dev.leadstore.db.PlainJdbc;
import dev.leadstore.event.EventLog;
import dev.leadstore.person.LinkedInProfiles;
import dev.leadstore.person.PersonFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs a batch in one transaction: reads and locks every contact its operations may touch (by id,
 * email and LinkedIn profile) in one statement, applies the operations in order in memory
 * ({@link BatchState}), then writes the difference with one multi-row statement per kind of change.
 * A concurrent write that takes an email first makes the transaction fail on the unique index: it
 * is then run again from the start, and that operation is a 409 like any other.
 */
public final class ContactBatch {
    private static final int ATTEMPTS = 5;
    /** Matches no id, email or profile: an empty IN list is not valid SQL. */
    private static final List<String> NONE = List.of("");

    /*
     * The statements of the write, as plain JDBC: with Jdbi's binding each row's named arguments cost
     * more server CPU than sending them (docs/performance.md). UPDATE is also a single update's.
     */
    private static final PlainJdbc INSERT = PlainJdbc.of(ContactSql.INSERT);
    static final PlainJdbc UPDATE = PlainJdbc.of(ContactSql.UPDATE);
    private static final PlainJdbc DELETE = PlainJdbc.of(ContactSql.DELETE);
    private static final PlainJdbc DELETE_TAGS = PlainJdbc.of(ContactSql.DELETE_TAGS);
    private static final PlainJdbc CLEAR_EMAIL = PlainJdbc.of(ContactSql.CLEAR_EMAIL);
    private static final PlainJdbc INSERT_TAG = PlainJdbc.of(ContactSql.INSERT_TAG);

    private final Jdbi jdbi;
    private final Counts counts;
    private final TagCounts tagCounts;
    private final EventLog events;

    public ContactBatch(Jdbi jdbi, Counts counts, TagCounts tagCounts, EventLog events) {
        this.jdbi = jdbi;
        this.counts = counts;
        this.tagCounts = tagCounts;
        this.events = events;
    }

    /** An atomic batch with a failed operation: nothing was written. */
    static final class Rejected extends RuntimeException {
        final transient BatchResult result;

        Rejected(BatchResult result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    /** The inputs of the operations, each parsed as its single endpoint parses a body. */
    private record Parsed(BatchRequest.Op op, ContactInput input, ApiException invalid) {
    }

    BatchResult run(String accountId, BatchRequest request, Instant now) {
        List<Parsed> parsed = request.operations().stream().map(ContactBatch::parse).toList();
        Set<String> tags = new LinkedHashSet<>();
        parsed.forEach(p -> {
            if (p.input() != null) {
                tags.addAll(p.input().tags().or(List.of()));
            }
        });
        counts.open(accountId);
        int shard = tagCounts.prepare(accountId, tags);
        List<String> profiles = profilesMatched(parsed);
        ContactStore.makeMatchLocks(jdbi, accountId, profiles);
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(h -> attempt(h, accountId, parsed, profiles, request.atomic(), now, shard));
            } catch (RuntimeException e) {
                if (!Constraints.isUniqueViolation(e) || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private BatchResult attempt(Handle h, String accountId, List<Parsed> parsed, List<String> profiles, boolean atomic,
                                Instant now, int shard) {
        if (!profiles.isEmpty()) {
            h.createQuery(ContactSql.LOCK_MATCH).bind("account", accountId).bindList("keys", profiles)
                    .mapTo(String.class).list();
        }
        BatchState state = new BatchState(lockRows(h, accountId, parsed, profiles));
        List<BatchResult.Item> items = new ArrayList<>();
        for (Parsed p : parsed) {
            items.add(state.apply(p.op(), p.input(), p.invalid(), now));
        }
        BatchResult result = BatchResult.of(items);
        if (atomic && !result.failures().isEmpty()) {
            throw new Rejected(result);
        }
        write(h, accountId, state, shard);
        events.append(h, accountId, now, state.changes());
        return result;
    }

    private static Parsed parse(BatchRequest.Op op) {
        try {
            ContactInput input = switch (op.kind()) {
                case CREATE -> ContactInput.parse(op.data(), true);
                case UPSERT -> ContactInput.parseUpsert(op.data());
                case UPDATE -> ContactInput.parse(op.data(), false);
                case DELETE -> null;
            };
            return new Parsed(op, input, null);
        } catch (ApiException e) {
            return new Parsed(op, null, e);
        }
    }

    /** The LinkedIn profiles that upserts without an email match by, in one order. */
    private static List<String> profilesMatched(List<Parsed> parsed) {
        return parsed.stream().filter(p -> p.input() != null && p.op().kind() == BatchRequest.Kind.UPSERT
                        && p.input().email().value() == null)
                .map(p -> LinkedInProfiles.key(p.input().linkedinUrl().value())).distinct().sorted().toList();
    }

    /** Every stored contact an operation may touch, locked in id order. */
    private static Map<String, Contact> lockRows(Handle h, String accountId, List<Parsed> parsed, List<String> profiles) {
        Set<String> ids = new LinkedHashSet<>();
        Set<String> emails = new LinkedHashSet<>();
        for (Parsed p : parsed) {
            if (p.op().id() != null && Ids.looksLike("cnt", p.op().id())) {
                ids.add(p.op().id());
            }
            if (p.input() != null && p.input().email().value() != null) {
                emails.add(PersonFields.emailKey(p.input().email().value()));
            }
        }
        Map<String, Contact> rows = new HashMap<>();
        h.createQuery(ContactSql.SELECT_BATCH_FOR_UPDATE).bind("account", accountId)
                .bindList("ids", ids.isEmpty() ? NONE : List.copyOf(ids))
                .bindList("emails", emails.isEmpty() ? NONE : List.copyOf(emails))
                .bindList("linkedins", profiles.isEmpty() ? NONE : profiles)
                .map((rs, ctx) -> ContactRows.read(rs)).forEach(c -> rows.put(c.id(), c));
        return rows;
    }

    /** The difference between the rows read and the state after the last operation, one statement per kind. */
    private void write(Handle h, String accountId, BatchState state, int shard) {
        List<Contact> inserted = new ArrayList<>();
        List<Contact> updated = new ArrayList<>();
        List<Contact> renamed = new ArrayList<>();
        List<Contact> retagged = new ArrayList<>();
        List<Contact> deleted = new ArrayList<>();
        Map<String, Integer> tagDeltas = new TreeMap<>();
        state.current().forEach((id, now) -> {
            Contact before = state.original().get(id);
            if (before == null && now != null) {
                inserted.add(now);
                now.tags().forEach(tag -> tagDeltas.merge(tag, 1, Integer::sum));
            } else if (before != null && now == null) {
                deleted.add(before);
                before.tags().forEach(tag -> tagDeltas.merge(tag, -1, Integer::sum));
            } else if (before != null && !before.equals(now)) {
                updated.add(now);
                if (!java.util.Objects.equals(PersonFields.emailKey(before.email()), PersonFields.emailKey(now.email()))) {
                    renamed.add(now);
                }
                if (!before.tags().equals(now.tags())) {
                    retagged.add(now);
                    before.tags().forEach(tag -> tagDeltas.merge(tag, -1, Integer::sum));
                    now.tags().forEach(tag -> tagDeltas.merge(tag, 1, Integer::sum));
                }
            }
        });
        // Emails move between contacts in a batch (one deleted, then taken; two swapped): free every
        // email that leaves a row before any row takes one, so the unique index sees only the end state.
        List<Contact> untagged = new ArrayList<>(retagged);
        untagged.addAll(deleted);
        ids(h, DELETE_TAGS, accountId, untagged);
        ids(h, DELETE, accountId, deleted);
        ids(h, CLEAR_EMAIL, accountId, renamed);
        rows(h, UPDATE, accountId, updated);
        rows(h, INSERT, accountId, inserted);
        List<Contact> tagged = new ArrayList<>(inserted);
        tagged.addAll(retagged);
        tags(h, accountId, tagged);
        tagDeltas.values().removeIf(delta -> delta == 0);
        tagCounts.moveAll(h, accountId, tagDeltas, shard);
        if (inserted.size() != deleted.size()) {
            Counts.add(h, accountId, inserted.size() - deleted.size(), shard);
        }
    }

    /** New contacts, their tags and the counters that count them, with one statement of each kind. */
    static void insertAll(Handle h, String accountId, List<Contact> contacts, TagCounts tagCounts, int shard) {
        rows(h, INSERT, accountId, contacts);
        tags(h, accountId, contacts);
        Map<String, Integer> tagDeltas = new TreeMap<>();
        contacts.forEach(c -> c.tags().forEach(tag -> tagDeltas.merge(tag, 1, Integer::sum)));
        tagCounts.moveAll(h, accountId, tagDeltas, shard);
        Counts.add(h, accountId, contacts.size(), shard);
    }

    private static void rows(Handle h, PlainJdbc statement, String accountId, List<Contact> contacts) {
        if (contacts.isEmpty()) {
            return;
        }
        statement.batch(h, contacts.stream().map(c -> ContactRows.values(accountId, c)).toList());
    }

    private static void ids(Handle h, PlainJdbc statement, String accountId, List<Contact> contacts) {
        if (contacts.isEmpty()) {
            return;
        }
        statement.batch(h, contacts.stream().map(c -> Map.of("account", accountId, "id", c.id())).toList());
    }

    /** The tag rows of these contacts, one statement for all. */
    static void tags(Handle h, String accountId, List<Contact> contacts) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Contact c : contacts) {
            for (String tag : c.tags()) {
                rows.add(Map.of("account", accountId, "id", c.id(), "tag", tag, "created_at",
                        c.createdAt().toEpochMilli()));
            }
        }
        if (!rows.isEmpty()) {
            INSERT_TAG.batch(h, rows);
        }
    }
}
