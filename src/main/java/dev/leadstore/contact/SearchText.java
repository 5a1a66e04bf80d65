package dev.leadstore.contact;

import java.util.Locale;

/**
 * The text a `search` matches: name, email and company, lowercased in Java (so both databases
 * agree) and joined by newlines, which a search term can never contain, so no match spans two fields.
 */
final class SearchText {
    private SearchText() {
    }

    static String of(String name, String email, String company) {
        return lower(name) + '\n' + lower(email) + '\n' + lower(company);
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }
}
