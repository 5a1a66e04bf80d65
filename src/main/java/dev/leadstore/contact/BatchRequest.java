package dev.leadstore.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.auth.Permission;
import dev.leadstore.base.FieldErrors;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of `POST /contacts/batch`, checked for shape only: an object with 1 to 1000
 * `operations`, each a known `op` with what it needs (`data` an object, `id` a string). A bad shape
 * is refused before anything runs; each operation's own fields are judged as its single endpoint
 * judges them, one by one, when the batch runs.
 */
record BatchRequest(List<Op> operations, boolean atomic) {
    static final int MAX_OPERATIONS = 1000;

    /** One operation as sent: its position, its kind, the id it names and the body it carries. */
    record Op(int index, Kind kind, String id, ObjectNode data) {
    }

    enum Kind {
        CREATE(Permission.CONTACTS_WRITE, Set.of("op", "data")),
        UPSERT(Permission.CONTACTS_WRITE, Set.of("op", "data")),
        UPDATE(Permission.CONTACTS_WRITE, Set.of("op", "id", "data")),
        DELETE(Permission.CONTACTS_DELETE, Set.of("op", "id"));

        final Permission permission;
        final Set<String> fields;

        Kind(Permission permission, Set<String> fields) {
            this.permission = permission;
            this.fields = fields;
        }

        static Kind of(String wire) {
            for (Kind kind : values()) {
                if (kind.name().toLowerCase(java.util.Locale.ROOT).equals(wire)) {
                    return kind;
                }
            }
            return null;
        }
    }

    static BatchRequest parse(ObjectNode json) {
        FieldErrors errors = new FieldErrors();
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("operations") && !name.equals("atomic")) {
                errors.add(name, "is not a known field");
            }
        }
        JsonNode atomic = json.get("atomic");
        if (atomic != null && !atomic.isBoolean() && !atomic.isNull()) {
            errors.add("atomic", "must be true or false");
        }
        JsonNode operations = json.get("operations");
        List<Op> ops = new ArrayList<>();
        if (operations == null || operations.isNull()) {
            errors.add("operations", "is required");
        } else if (!operations.isArray()) {
            errors.add("operations", "must be an array of operations");
        } else if (operations.isEmpty() || operations.size() > MAX_OPERATIONS) {
            errors.add("operations", "must hold 1 to " + MAX_OPERATIONS + " operations");
        } else {
            for (int i = 0; i < operations.size(); i++) {
                Op op = op(i, operations.get(i), errors);
                if (op != null) {
                    ops.add(op);
                }
            }
        }
        errors.throwIfAny();
        return new BatchRequest(ops, atomic != null && atomic.asBoolean(false));
    }

    /** The permissions the batch needs: those of every kind of operation it holds. */
    Set<Permission> permissions() {
        Set<Permission> needed = new LinkedHashSet<>();
        operations.forEach(op -> needed.add(op.kind().permission));
        return needed;
    }

    private static Op op(int index, JsonNode node, FieldErrors errors) {
        String at = "operations[" + index + "]";
        if (!node.isObject()) {
            errors.add(at, "must be an object");
            return null;
        }
        Kind kind = node.get("op") != null && node.get("op").isTextual() ? Kind.of(node.get("op").textValue()) : null;
        if (kind == null) {
            errors.add(at + ".op", "must be one of create, upsert, update, delete");
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            String name = fields.next().getKey();
            if (!kind.fields.contains(name)) {
                errors.add(at + "." + name, "is not a field of a " + node.get("op").textValue() + " operation");
            }
        }
        JsonNode id = node.get("id");
        if (kind.fields.contains("id") && (id == null || !id.isTextual())) {
            errors.add(at + ".id", "must be the contact's id");
        }
        JsonNode data = node.get("data");
        if (kind.fields.contains("data") && (data == null || !data.isObject())) {
            errors.add(at + ".data", "must be an object of contact fields");
        }
        return errors.isEmpty() ? new Op(index, kind, id == null ? null : id.textValue(),
                data == null || !data.isObject() ? null : (ObjectNode) data) : null;
    }
}
