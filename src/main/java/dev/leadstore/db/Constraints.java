package dev.leadstore.db;

import java.sql.SQLException;

/** Recognises the database telling us an invariant held (a unique index refused a row). */
public final class Constraints {
    private Constraints() {
    }

    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The escape character of LIKE patterns. Not a backslash: Jdbi's SQL parser reads {@code '\'} as an
     * unterminated string literal and swallows the named parameters that follow it.
     */
    public static final char LIKE_ESCAPE = '!';

    /** A substring pattern for {@code LIKE ... ESCAPE '!'}, with LIKE's wildcards taken literally. */
    public static String containsPattern(String lowercased) {
        StringBuilder pattern = new StringBuilder("%");
        for (char c : lowercased.toCharArray()) {
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                pattern.append(LIKE_ESCAPE);
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }
}
