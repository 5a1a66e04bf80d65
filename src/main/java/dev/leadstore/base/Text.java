package dev.leadstore.base;

/** Rules every string of the API obeys: counted in code points, no control characters, valid UTF-16. */
public final class Text {
    private Text() {
    }

    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Returns a problem description, or null when the string is acceptable. */
    public static String problem(String s, boolean allowTabAndNewline) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must be valid Unicode text (unpaired surrogate)";
            }
            if (Character.isLowSurrogate(c)) {
                return "must be valid Unicode text (unpaired surrogate)";
            }
            if (isControl(c) && !(allowTabAndNewline && (c == '\t' || c == '\n'))) {
                return "must not contain control characters";
            }
        }
        return null;
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }
}
