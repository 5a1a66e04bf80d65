package dev.leadstore.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One committed change: `data.object` is the resource after it (for a deletion, as it was), and
 * `data.previous` the old values of the fields it changed (updates and stage changes only).
 */
public record Event(String id, String type, Instant createdAt, String objectId, ObjectNode data) {
}
