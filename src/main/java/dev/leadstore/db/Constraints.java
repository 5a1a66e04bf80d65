package dev.leadstore.db;

import java.sql.SQLException;

/** Recognises the database telling us an invariant held (a unique index refused a row). */
public final class Constraints {
    /**
     * LIKE's escape character. Not a backslash: with two ESCAPE '\' clauses in one statement, Jdbi's
     * parser reads the text between them as one quoted literal and leaves its parameters unbound.
     */
    public static final char LIKE_ESCAPE = '!';

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

    /** The SQL fragment for a case-insensitive substring pattern, with LIKE's wildcards escaped. */
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
