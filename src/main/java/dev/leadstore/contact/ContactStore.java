package dev.leadstore.contact;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.base.ApiException;
import dev.leadstore.base.EntityTags;
import dev.leadstore.base.ErrorCode;
import dev.leadstore.base.Json;
import dev.leadstore.base.Metrics;
import dev.leadstore.base.Precondition;
import dev.leadstore.db.Constraints;
import dev.leadstore.db.Database;
import dev.leadstore.db.Ids;
import dev.leadstore.db.Listing;
import dev.leadstore.db.PlainJdbc;
import dev.leadstore.event.EventLog;
import dev.leadstore.person.PersonColumns;
import dev.leadstore.base.FieldErrors;
import dev.leadstore.person.LinkedInProfiles;
import dev.leadstore.person.PersonFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/** All SQL of the contacts and contact_tags tables. */
public final class ContactStore {
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };
    private static final PlainJdbc BY_ID = PlainJdbc.of(ContactSql.SELECT_BY_ID);
    private static final PlainJdbc BY_ID_FOR_UPDATE = PlainJdbc.of(ContactSql.SELECT_FOR_UPDATE);

    private final Jdbi jdbi;
    /** The pool itself, for a read by id without a Jdbi handle (docs/performance.md). */
    private final DataSource pool;
    private final Counts counts;
    private final TagCounts tagCounts;
    private final EventLog events;
    /** H2: lists with a text filter name the index they read (see {@link ContactFilter#plan}). */
    private final boolean embedded;
    /** Concurrent creates written together; null writes each alone. */
    private final CreateGroups groups;

    /**
     * `grouped`: creates that arrive while others of the account are being written share their
     * transaction ({@link CreateGroups}); false writes each create in a transaction of its own.
     */
    public ContactStore(Database database, Counts counts, TagCounts tagCounts, EventLog events, boolean grouped,
                        Metrics metrics) {
        this.jdbi = database.jdbi();
        this.pool = database.dataSource();
        this.embedded = !database.postgres();
        this.counts = counts;
        this.tagCounts = tagCounts;
        this.events = events;
        this.groups = grouped ? new CreateGroups(this::insertGroup, CREATE_LANES, metrics) : null;
    }

    /** Groups of creates of one account in flight at once (see docs/performance.md). */
    private static final int CREATE_LANES = 2;

    Contact create(String accountId, ContactInput input, Instant now) {
        Contact contact = input.applyTo(Contact.blank(Ids.next("cnt"), now));
        counts.open(accountId);
        if (groups != null && groups.write(accountId, contact)) {
            return contact;
        }
        return createAlone(accountId, contact);
    }

    /**
     * Writes the contacts in one transaction of multi-row statements. False when a statement failed
     * (nothing was written); a failure of the commit itself is thrown, since whether it took is unknown.
     */
    private boolean insertGroup(String accountId, List<Contact> contacts) {
        boolean[] written = {false};
        try {
            Set<String> tags = new TreeSet<>();
            contacts.forEach(c -> tags.addAll(c.tags()));
            int shard = tagCounts.prepare(accountId, tags);
            jdbi.useTransaction(h -> {
                ContactBatch.insertAll(h, accountId, contacts, tagCounts, shard);
                events.append(h, accountId, contacts.stream().map(Contact::createdAt).toList(), contacts.stream()
                        .map(c -> new EventLog.Change("contact.created", c.id(), c, null)).toList());
                written[0] = true;
            });
            return true;
        } catch (RuntimeException e) {
            if (written[0]) {
                throw e;
            }
            return false;
        }
    }

    private Contact createAlone(String accountId, Contact contact) {
        int shard = tagCounts.prepare(accountId, contact.tags());
        for (int attempt = 1; ; attempt++) {
            try {
                jdbi.useTransaction(h -> insert(h, accountId, contact, shard));
                return contact;
            } catch (RuntimeException e) {
                RuntimeException conflict = conflictOr(e, accountId, contact.email());
                // The contact holding the email was deleted before it could be named: the email is free again.
                if (!(conflict instanceof ApiException api && api.details() == null && attempt < 3)) {
                    throw conflict;
                }
            }
        }
    }

    private void insert(Handle h, String accountId, Contact contact, int shard) {
        ContactBatch.insertAll(h, accountId, List.of(contact), tagCounts, shard);
        events.append(h, accountId, contact.createdAt(), new EventLog.Change("contact.created", contact.id(), contact, null));
    }

    /** Whether the account holds this contact now. */
    public boolean exists(String accountId, String id) {
        return find(accountId, id).isPresent();
    }

    Optional<Contact> find(String accountId, String id) {
        if (!Ids.looksLike("cnt", id)) {
            return Optional.empty();
        }
        return BY_ID.first(pool, Map.of("account", accountId, "id", id), ContactRows::read);
    }

    /**
     * Applies the given fields under a row lock, so concurrent merges of custom_fields all survive and
     * If-Match is compared with the version this update would change.
     */
    Contact update(String accountId, String id, ContactInput input, Instant now, Precondition ifMatch) {
        if (!Ids.looksLike("cnt", id)) {
            throw ApiException.notFound("Contact");
        }
        String[] email = new String[1];
        counts.open(accountId);
        int shard = tagCounts.prepare(accountId, input.tags().or(List.of()));
        try {
            return jdbi.inTransaction(h -> {
                Contact old = selectForUpdate(h, accountId, id).orElseThrow(() -> ApiException.notFound("Contact"));
                ifMatch.check(EntityTags.of(old.id(), old.updatedAt()));
                Contact applied = input.applyTo(old);
                email[0] = applied.email();
                if (applied.equals(old)) {
                    return old;
                }
                Contact changed = applied.withUpdatedAt(later(now, old.updatedAt()));
                rewrite(h, accountId, old, changed, shard);
                return changed;
            });
        } catch (RuntimeException e) {
            throw conflictOr(e, accountId, email[0]);
        }
    }

    /** What an upsert did: `created`, `updated` or `unchanged`, and the contact as it is now. */
    record Upserted(String result, Contact contact) {
    }

    /**
     * Creates the contact, or applies the body to the one that holds its email (or, without an email,
     * its LinkedIn profile). Upserts of one email meet at its unique index: the loser of a race finds
     * the winner's contact and updates it. Profiles are not unique, so upserts of one profile take
     * turns on a lock row of their own.
     */
    Upserted upsert(String accountId, ContactInput input, Instant now) {
        String email = PersonFields.emailKey(input.email().value());
        String profile = email == null ? LinkedInProfiles.key(input.linkedinUrl().value()) : null;
        counts.open(accountId);
        int shard = tagCounts.prepare(accountId, input.tags().or(List.of()));
        if (profile != null) {
            makeMatchLocks(jdbi, accountId, List.of(profile));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(h -> {
                    Optional<Contact> match = email != null ? selectFirst(h, ContactSql.SELECT_BY_EMAIL_FOR_UPDATE,
                            accountId, "email", email) : lockedProfile(h, accountId, profile);
                    if (match.isPresent()) {
                        Contact old = match.get();
                        Contact applied = input.applyTo(old);
                        if (applied.equals(old)) {
                            return new Upserted("unchanged", old);
                        }
                        Contact changed = applied.withUpdatedAt(later(now, old.updatedAt()));
                        rewrite(h, accountId, old, changed, shard);
                        return new Upserted("updated", changed);
                    }
                    if (!input.name().given()) {
                        throw FieldErrors.single("name", "is required");
                    }
                    Contact contact = input.applyTo(Contact.blank(Ids.next("cnt"), now));
                    insert(h, accountId, contact, shard);
                    return new Upserted("created", contact);
                });
            } catch (RuntimeException e) {
                if (!Constraints.isUniqueViolation(e) || attempt >= 5) {
                    throw conflictOr(e, accountId, input.email().value());
                }
                // Another request created the contact first: the next attempt finds and updates it.
            }
        }
    }

    /**
     * The lock rows of these profiles, each made in a transaction of its own (autocommit) before the
     * writing one; a concurrent request may make one first, which is as good.
     */
    static void makeMatchLocks(Jdbi jdbi, String accountId, List<String> profiles) {
        jdbi.useHandle(h -> {
            for (String profile : profiles) {
                try {
                    h.createUpdate(ContactSql.INSERT_MATCH_LOCK).bind("account", accountId).bind("key", profile)
                            .execute();
                } catch (RuntimeException e) {
                    if (!Constraints.isUniqueViolation(e)) {
                        throw e;
                    }
                }
            }
        });
    }

    private static Optional<Contact> lockedProfile(Handle h, String accountId, String profile) {
        h.createQuery(ContactSql.LOCK_MATCH).bind("account", accountId).bindList("keys", List.of(profile))
                .mapTo(String.class).list();
        return selectFirst(h, ContactSql.SELECT_BY_LINKEDIN_FOR_UPDATE, accountId, "linkedin", profile);
    }

    private static Optional<Contact> selectFirst(Handle h, String sql, String accountId, String name, String value) {
        return h.createQuery(sql).bind("account", accountId).bind(name, value)
                .map((rs, ctx) -> ContactRows.read(rs)).findFirst();
    }

    /** Writes a changed contact over its old row, moving its tags and their counters when they changed. */
    private void rewrite(Handle h, String accountId, Contact old, Contact changed, int shard) {
        // The row and its event in one message on PostgreSQL: one round trip fewer (docs/performance.md).
        PlainJdbc.Bound event = events.insertOf(h, accountId, changed.updatedAt(),
                new EventLog.Change("contact.updated", changed.id(), changed, old));
        PlainJdbc.Bound row = ContactBatch.UPDATE.with(ContactRows.values(accountId, changed));
        PlainJdbc.together(h, event == null ? List.of(row) : List.of(row, event));
        if (!changed.tags().equals(old.tags())) {
            h.createUpdate(ContactSql.DELETE_TAGS).bind("account", accountId).bind("id", old.id()).execute();
            ContactBatch.tags(h, accountId, List.of(changed));
            tagCounts.move(h, accountId, without(old.tags(), changed.tags()), without(changed.tags(), old.tags()),
                    shard);
        }
    }

    boolean delete(String accountId, String id, Instant now, Precondition ifMatch) {
        if (!Ids.looksLike("cnt", id)) {
            return false;
        }
        return jdbi.inTransaction(h -> {
            // The row lock first: a concurrent tag change is then either wholly before or wholly after.
            Optional<Contact> old = selectForUpdate(h, accountId, id);
            if (old.isEmpty()) {
                return false;
            }
            ifMatch.check(EntityTags.of(id, old.get().updatedAt()));
            h.createUpdate(ContactSql.DELETE_TAGS).bind("account", accountId).bind("id", id).execute();
            h.createUpdate(ContactSql.DELETE).bind("account", accountId).bind("id", id).execute();
            int shard = Counts.shard();
            tagCounts.move(h, accountId, old.get().tags(), List.of(), shard);
            Counts.add(h, accountId, -1, shard);
            events.append(h, accountId, now, new EventLog.Change("contact.deleted", id, old.get(), null));
            return true;
        });
    }

    Listing<Contact> list(String accountId, ContactFilter filter) {
        Listing.Plan plan = filter.plan(accountId, embedded);
        return jdbi.withHandle(h -> Listing.fetch(h, plan, Contact::id, (rs, ctx) -> ContactRows.read(rs)));
    }

    /** One page of a walk through every contact the filter matches, without counting them. */
    Listing<Contact> walk(String accountId, ContactFilter filter) {
        Listing.Plan plan = filter.plan(accountId, embedded);
        return jdbi.withHandle(h -> Listing.walk(h, plan, Contact::id, (rs, ctx) -> ContactRows.read(rs)));
    }

    private static List<String> without(List<String> tags, List<String> removed) {
        return tags.stream().filter(tag -> !removed.contains(tag)).toList();
    }

    /** updated_at always moves forward on a change, even within one millisecond. */
    private static Instant later(Instant now, Instant previous) {
        return now.isAfter(previous) ? now : previous.plusMillis(1);
    }

    private RuntimeException conflictOr(RuntimeException e, String accountId, String email) {
        if (!Constraints.isUniqueViolation(e) || email == null) {
            return e;
        }
        String existing = jdbi.withHandle(h -> h.createQuery(
                        "SELECT id FROM contacts WHERE account_id = :account AND email_lc = :email")
                .bind("account", accountId).bind("email", PersonFields.emailKey(email))
                .mapTo(String.class).findOne().orElse(null));
        return new ApiException(ErrorCode.ALREADY_EXISTS, "A contact with this email already exists",
                existing == null ? null : Map.of("existing_id", existing));
    }

    private static Optional<Contact> selectForUpdate(Handle h, String accountId, String id) {
        return BY_ID_FOR_UPDATE.first(h, Map.of("account", accountId, "id", id), ContactRows::read);
    }
}
