package dev.leadstore.db;

import java.security.SecureRandom;

/** Opaque ids: a type prefix and 12 random lowercase alphanumerics, never sequential. */
public final class Ids {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 36^12: the number of distinct 12-character tails; a draw below it is one tail, uniformly. */
    private static final long TAILS = 4_738_381_338_321_616_896L;

    private Ids() {
    }

    /**
     * One draw of 63 random bits per id (kept when below 36^12, about half the time), where a draw
     * per character took the generator's lock twelve times (docs/performance.md).
     */
    public static String next(String prefix) {
        long tail;
        do {
            tail = RANDOM.nextLong() & Long.MAX_VALUE;
        } while (tail >= TAILS);
        char[] id = new char[prefix.length() + 13];
        prefix.getChars(0, prefix.length(), id, 0);
        id[prefix.length()] = '_';
        for (int i = id.length - 1; i > prefix.length(); i--) {
            id[i] = ALPHABET[(int) (tail % ALPHABET.length)];
            tail /= ALPHABET.length;
        }
        return new String(id);
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
