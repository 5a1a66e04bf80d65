package dev.leadstore.base;

import java.util.List;

/**
 * The If-Match of a write, checked against the object's current tag under its row lock: absent,
 * "*" (any existing object), or a list of entity tags of which one must be the current tag, compared
 * strongly (a weak tag never matches). A value that is not a list of entity tags matches nothing.
 */
public record Precondition(String value) {
    public static final Precondition NONE = new Precondition(null);

    /** True when any existing object passes: no If-Match, or "*". */
    public boolean anyVersion() {
        return value == null || value.strip().equals("*");
    }

    /** Throws 412 PRECONDITION_FAILED unless the object in its current version passes. */
    public void check(String currentTag) {
        if (anyVersion()) {
            return;
        }
        List<String> members = EntityTags.members(value);
        if (members == null || !members.contains(currentTag)) {
            throw new ApiException(ErrorCode.PRECONDITION_FAILED,
                    "If-Match does not name the current version; read the object again and retry");
        }
    }
}
