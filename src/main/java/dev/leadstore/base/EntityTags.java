package dev.leadstore.base;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Entity tags of single objects (RFC 9110 §8.8.3): strong, one per version. A version is an object's
 * id and its updated_at, which moves forward by at least a millisecond on every real change and
 * never otherwise.
 */
public final class EntityTags {
    private EntityTags() {
    }

    /** The tag of this version of the object, quotes included: {@code "cnt_t5cvv9cibqol.mhb6n5d2"}. */
    public static String of(String id, Instant updatedAt) {
        return "\"" + id + "." + Long.toString(updatedAt.toEpochMilli(), 36) + "\"";
    }

    /**
     * If-None-Match: true when the value is "*" or lists this tag, compared weakly (a {@code W/} prefix
     * is ignored). A value that is not a list of entity tags matches nothing.
     */
    public static boolean noneMatchFails(String value, String tag) {
        List<String> members = members(value);
        if (members == null) {
            return false;
        }
        return members.stream().anyMatch(m -> m.equals("*") || opaque(m).equals(opaque(tag)));
    }

    /**
     * The members of an If-Match or If-None-Match value as written ({@code "x"}, {@code W/"x"}, or
     * {@code *} alone); null when the value is absent or is not such a list.
     */
    static List<String> members(String value) {
        if (value == null) {
            return null;
        }
        if (value.strip().equals("*")) {
            return List.of("*");
        }
        List<String> tags = new ArrayList<>();
        int i = 0;
        while (true) {
            i = skip(value, i, true);
            if (i == value.length()) {
                return tags.isEmpty() ? null : tags;
            }
            int start = i;
            if (value.startsWith("W/", i)) {
                i += 2;
            }
            if (i >= value.length() || value.charAt(i) != '"') {
                return null;
            }
            int end = value.indexOf('"', i + 1);
            if (end < 0 || !value.substring(i + 1, end).chars().allMatch(EntityTags::tagCharacter)) {
                return null;
            }
            tags.add(value.substring(start, end + 1));
            i = skip(value, end + 1, false);
            if (i < value.length() && value.charAt(i) != ',') {
                return null;
            }
        }
    }

    /** Skips white space, and commas too when `commas`. */
    private static int skip(String value, int i, boolean commas) {
        while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t'
                || (commas && value.charAt(i) == ','))) {
            i++;
        }
        return i;
    }

    /** etagc: any visible character but the double quote, or obs-text. */
    private static boolean tagCharacter(int c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x7e) || (c >= 0x80 && c <= 0xff);
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
