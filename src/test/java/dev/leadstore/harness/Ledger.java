package dev.leadstore.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the server acknowledged: the last acknowledged state of every contact (each contact is
 * written by one client thread only, so its writes are sequential), plus the writes whose outcome
 * is unknown because the server died under them. At most one unknown write per contact: a client
 * never writes a contact again after one.
 */
final class Ledger {
    private static final List<String> FIELDS = List.of("name", "email", "phone", "company", "position", "source",
            "linkedin_url", "tags", "custom_fields");

    private final Map<String, JsonNode> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> unknownUpdates = new ConcurrentHashMap<>();
    private final Queue<JsonNode> unknownCreates = new ConcurrentLinkedQueue<>();

    void acknowledged(JsonNode contact) {
        acknowledged.put(contact.get("id").asText(), contact);
    }

    void unknownCreate(JsonNode body) {
        unknownCreates.add(asRead(body));
    }

    void unknownUpdate(String id, JsonNode body) {
        unknownUpdates.put(id, asRead(body));
    }

    int contacts() {
        return acknowledged.size();
    }

    int unknownCreates() {
        return unknownCreates.size();
    }

    int unknownUpdates() {
        return unknownUpdates.size();
    }

    /** The comparison of everything read back with what was acknowledged. */
    record Check(int missing, int corrupted, int duplicateEmails, int unexplained,
                 int unknownCreatesLanded, int unknownUpdatesLanded, List<String> problems) {
    }

    Check check(Map<String, JsonNode> stored) {
        List<String> problems = new ArrayList<>();
        int missing = 0;
        int corrupted = 0;
        int updatesLanded = 0;
        for (var entry : acknowledged.entrySet()) {
            JsonNode found = stored.get(entry.getKey());
            JsonNode pending = unknownUpdates.get(entry.getKey());
            if (found == null) {
                missing++;
                note(problems, "missing " + entry.getKey() + ", acknowledged as " + entry.getValue());
            } else if (found.equals(entry.getValue())) {
                continue;
            } else if (pending != null && landed(found, entry.getValue(), pending)) {
                updatesLanded++;
            } else {
                corrupted++;
                note(problems, "corrupted " + entry.getKey() + ": acknowledged " + entry.getValue() + ", stored " + found
                        + (pending == null ? "" : ", unknown update " + pending));
            }
        }
        Map<String, List<JsonNode>> byEmail = byEmail(stored);
        Set<String> explained = new HashSet<>(acknowledged.keySet());
        int createsLanded = 0;
        for (JsonNode body : unknownCreates) {
            List<JsonNode> same = byEmail.getOrDefault(lower(body.get("email").asText()), List.of());
            if (same.size() == 1 && matches(same.get(0), body)) {
                createsLanded++;
                explained.add(same.get(0).get("id").asText());
            } else if (!same.isEmpty()) {
                corrupted++;
                note(problems, "an unknown create " + body + " is stored as " + same);
            }
        }
        int duplicates = 0;
        for (var group : byEmail.entrySet()) {
            if (group.getValue().size() > 1) {
                duplicates++;
                note(problems, "email " + group.getKey() + " is stored " + group.getValue().size() + " times");
            }
        }
        int unexplained = 0;
        for (String id : stored.keySet()) {
            if (!explained.contains(id)) {
                unexplained++;
                note(problems, "stored but never written: " + stored.get(id));
            }
        }
        return new Check(missing, corrupted, duplicates, unexplained, createsLanded, updatesLanded, problems);
    }

    /** True when `found` is the acknowledged state with the unknown update applied (updated_at moved on). */
    private static boolean landed(JsonNode found, JsonNode acknowledged, JsonNode update) {
        ObjectNode expected = ((ObjectNode) acknowledged).deepCopy();
        update.fields().forEachRemaining(field -> {
            if (field.getKey().equals("custom_fields")) {
                ObjectNode merged = (ObjectNode) expected.get("custom_fields");
                field.getValue().fields().forEachRemaining(kv -> {
                    if (kv.getValue().isNull()) {
                        merged.remove(kv.getKey());
                    } else {
                        merged.set(kv.getKey(), kv.getValue());
                    }
                });
            } else {
                expected.set(field.getKey(), field.getValue());
            }
        });
        expected.set("updated_at", found.get("updated_at"));
        return found.equals(expected)
                && found.get("updated_at").asText().compareTo(acknowledged.get("updated_at").asText()) > 0;
    }

    /** True when a stored contact holds exactly the fields of a create body (sent in stored form). */
    private static boolean matches(JsonNode found, JsonNode body) {
        for (String field : FIELDS) {
            if (body.has(field) && !body.get(field).equals(found.get(field))) {
                return false;
            }
        }
        return true;
    }

    /** The body as the server's JSON would read back (42 as an int node, not a long one), for equals(). */
    private static JsonNode asRead(JsonNode body) {
        try {
            return Client.JSON.readTree(body.toString());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, List<JsonNode>> byEmail(Map<String, JsonNode> stored) {
        Map<String, List<JsonNode>> byEmail = new HashMap<>();
        for (JsonNode contact : stored.values()) {
            if (contact.hasNonNull("email")) {
                byEmail.computeIfAbsent(lower(contact.get("email").asText()), e -> new ArrayList<>()).add(contact);
            }
        }
        return byEmail;
    }

    private static String lower(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    private static void note(List<String> problems, String problem) {
        if (problems.size() < 10) {
            problems.add(problem);
        }
    }
}
