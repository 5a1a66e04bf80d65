package dev.leadstore.db;

import java.security.SecureRandom;

/** Opaque ids: a type prefix and 12 random lowercase alphanumerics, never sequential. */
public final class Ids {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String next(String prefix) {
        StringBuilder id = new StringBuilder(prefix.length() + 13).append(prefix).append('_');
        for (int i = 0; i < 12; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }

    /** True when the text could be an id of that prefix; anything else is simply not found. */
    public static boolean looksLike(String prefix, String id) {
        if (id == null || id.length() != prefix.length() + 13 || !id.startsWith(prefix + "_")) {
            return false;
        }
        for (int i = prefix.length() + 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }
}
