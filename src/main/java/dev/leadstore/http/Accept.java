package dev.leadstore.http;

import java.util.Locale;

/** What a request's Accept header allows (RFC 9110 §12.5.1): no header allows anything. */
public final class Accept {
    private Accept() {
    }

    /**
     * True when a media range of the header covers the type (`type/subtype`, `type/*` or `*&#47;*`)
     * with a weight above zero.
     */
    public static boolean allows(String header, String mediaType) {
        if (header == null || header.isBlank()) {
            return true;
        }
        String wanted = mediaType.toLowerCase(Locale.ROOT);
        String anySubtype = wanted.substring(0, wanted.indexOf('/') + 1) + "*";
        for (String range : header.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            if ((type.equals(wanted) || type.equals(anySubtype) || type.equals("*/*")) && weight(parts) > 0) {
                return true;
            }
        }
        return false;
    }

    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException e) {
                    return 1;
                }
            }
        }
        return 1;
    }
}
