package dev.leadstore.contact;

import dev.leadstore.base.ApiException;
import dev.leadstore.base.ErrorCode;
import dev.leadstore.base.FieldErrors;
import dev.leadstore.db.Ids;
import dev.leadstore.http.ErrorWriter;
import dev.leadstore.person.LinkedInProfiles;
import dev.leadstore.person.PersonFields;
import java.time.Instant;
import dev.leadstore.event.EventLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The contacts a batch touches, as each operation leaves them: the rows read (and locked) before
 * the first operation, then every change in order, in memory, so that a later operation sees the
 * earlier ones. The rules are those of the single endpoints; what is finally written is the
 * difference between the rows read and the state after the last operation.
 */
final class BatchState {
    private final Map<String, Contact> original;
    private final Map<String, Contact> current;
    private final Map<String, String> byEmail = new HashMap<>();
    private final Map<String, TreeSet<Contact>> byProfile = new HashMap<>();
    /** Every change, in the order of the operations: one event each. */
    private final List<EventLog.Change> changes = new ArrayList<>();

    private static final Comparator<Contact> OLDEST_FIRST =
            Comparator.comparing(Contact::createdAt).thenComparing(Contact::id);

    BatchState(Map<String, Contact> rows) {
        this.original = Map.copyOf(rows);
        this.current = new LinkedHashMap<>(rows);
        rows.values().forEach(this::index);
    }

    Map<String, Contact> original() {
        return original;
    }

    /** Every contact touched, as it stands now; null for one deleted. */
    Map<String, Contact> current() {
        return current;
    }

    List<EventLog.Change> changes() {
        return changes;
    }

    /** Runs one operation; its input is null when its body was refused (`invalid`). */
    BatchResult.Item apply(BatchRequest.Op op, ContactInput input, ApiException invalid, Instant now) {
        try {
            if (invalid != null) {
                throw invalid;
            }
            return switch (op.kind()) {
                case CREATE -> create(op, input, now);
                case UPSERT -> upsert(op, input, now);
                case UPDATE -> update(op, input, now);
                case DELETE -> delete(op);
            };
        } catch (ApiException e) {
            return new BatchResult.Item(op.index(), e.code().status(), "failed", op.kind() == BatchRequest.Kind.CREATE
                    || op.kind() == BatchRequest.Kind.UPSERT ? null : op.id(), null, ErrorWriter.error(e));
        }
    }

    private BatchResult.Item create(BatchRequest.Op op, ContactInput input, Instant now) {
        Contact contact = input.applyTo(Contact.blank(Ids.next("cnt"), now));
        refuseTakenEmail(contact, null);
        put(null, contact);
        changes.add(new EventLog.Change("contact.created", contact.id(), contact, null));
        return new BatchResult.Item(op.index(), 201, "created", contact.id(), contact, null);
    }

    private BatchResult.Item upsert(BatchRequest.Op op, ContactInput input, Instant now) {
        String email = PersonFields.emailKey(input.email().value());
        Contact match = email != null ? find(byEmail.get(email))
                : first(byProfile.get(LinkedInProfiles.key(input.linkedinUrl().value())));
        if (match == null) {
            if (!input.name().given()) {
                throw FieldErrors.single("name", "is required");
            }
            BatchResult.Item created = create(op, input, now);
            return created;
        }
        return change(op, match, input, now);
    }

    private BatchResult.Item update(BatchRequest.Op op, ContactInput input, Instant now) {
        Contact old = find(op.id());
        if (old == null) {
            throw ApiException.notFound("Contact");
        }
        return change(op, old, input, now);
    }

    private BatchResult.Item change(BatchRequest.Op op, Contact old, ContactInput input, Instant now) {
        Contact applied = input.applyTo(old);
        if (applied.equals(old)) {
            return new BatchResult.Item(op.index(), 200, "unchanged", old.id(), old, null);
        }
        Contact changed = applied.withUpdatedAt(now.isAfter(old.updatedAt()) ? now : old.updatedAt().plusMillis(1));
        refuseTakenEmail(changed, old.id());
        put(old, changed);
        changes.add(new EventLog.Change("contact.updated", changed.id(), changed, old));
        return new BatchResult.Item(op.index(), 200, "updated", changed.id(), changed, null);
    }

    private BatchResult.Item delete(BatchRequest.Op op) {
        Contact old = find(op.id());
        if (old == null) {
            throw ApiException.notFound("Contact");
        }
        unindex(old);
        current.put(old.id(), null);
        changes.add(new EventLog.Change("contact.deleted", old.id(), old, null));
        return new BatchResult.Item(op.index(), 200, "deleted", old.id(), null, null);
    }

    /** 409 when another contact (stored, or made earlier in the batch) holds the email. */
    private void refuseTakenEmail(Contact contact, String self) {
        String holder = byEmail.get(PersonFields.emailKey(contact.email()));
        if (contact.email() != null && holder != null && !holder.equals(self)) {
            throw new ApiException(ErrorCode.ALREADY_EXISTS, "A contact with this email already exists",
                    Map.of("existing_id", holder));
        }
    }

    private Contact find(String id) {
        return id == null ? null : current.get(id);
    }

    private static Contact first(TreeSet<Contact> contacts) {
        return contacts == null || contacts.isEmpty() ? null : contacts.first();
    }

    private void put(Contact old, Contact now) {
        if (old != null) {
            unindex(old);
        }
        current.put(now.id(), now);
        index(now);
    }

    private void index(Contact c) {
        if (c.email() != null) {
            byEmail.put(PersonFields.emailKey(c.email()), c.id());
        }
        String profile = LinkedInProfiles.key(c.linkedinUrl());
        if (profile != null) {
            byProfile.computeIfAbsent(profile, k -> new TreeSet<>(OLDEST_FIRST)).add(c);
        }
    }

    private void unindex(Contact c) {
        if (c.email() != null) {
            byEmail.remove(PersonFields.emailKey(c.email()), c.id());
        }
        String profile = LinkedInProfiles.key(c.linkedinUrl());
        if (profile != null && byProfile.containsKey(profile)) {
            byProfile.get(profile).removeIf(other -> Objects.equals(other.id(), c.id()));
        }
    }
}
