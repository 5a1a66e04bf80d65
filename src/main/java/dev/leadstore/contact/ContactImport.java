package dev.leadstore.contact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rows of an import written as one batch: each body judged by the API's own validators (as `POST
 * /contacts` or the upsert judges it) and written by the batch's multi-row statements, not atomic,
 * so a bad row is rejected alone with the reason the API would give.
 */
public final class ContactImport {
    /** The most rows a call writes: a batch's limit. */
    public static final int MAX_ROWS = BatchRequest.MAX_OPERATIONS;

    /** `create`: every row is a new contact (a known email is rejected); `upsert`: matched by email or LinkedIn. */
    public enum Mode { CREATE, UPSERT }

    /** What became of one row: `created`, `updated`, `unchanged`, or `failed` with the reason. */
    public record Outcome(String result, String reason) {
        public boolean rejected() {
            return reason != null;
        }
    }

    private final ContactBatch batch;

    public ContactImport(ContactBatch batch) {
        this.batch = batch;
    }

    /** Writes up to {@link #MAX_ROWS} bodies; one outcome per body, in order. */
    public List<Outcome> write(String accountId, List<ObjectNode> bodies, Mode mode, Instant now) {
        BatchRequest.Kind kind = mode == Mode.UPSERT ? BatchRequest.Kind.UPSERT : BatchRequest.Kind.CREATE;
        List<BatchRequest.Op> operations = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            operations.add(new BatchRequest.Op(i, kind, null, bodies.get(i)));
        }
        BatchResult result = batch.run(accountId, new BatchRequest(operations, false), now);
        return result.results().stream()
                .map(item -> new Outcome(item.result(), item.failed() ? reason(item.error()) : null)).toList();
    }

    /** The error as a person reads it: every field and its problem, else the message (and the contact in the way). */
    private static String reason(Map<String, Object> error) {
        Object details = error.get("details");
        if (details instanceof Map<?, ?> map && map.get("fields") instanceof Map<?, ?> fields) {
            return fields.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
        }
        String message = String.valueOf(error.get("message"));
        if (details instanceof Map<?, ?> map && map.get("existing_id") != null) {
            return message + " (" + map.get("existing_id") + ")";
        }
        return message;
    }
}
