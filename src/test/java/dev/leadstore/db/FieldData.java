package dev.leadstore.db;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * Rows that a database in the field held before its later migrations ran, written as the server of
 * the time wrote them, and what each table must say about them once migrated.
 */
final class FieldData {
    private static final String FIRST = "acc_history00001";
    private static final String SECOND = "acc_history00002";
    private static final String CAMPAIGN = "cmp_history00001";

    /** With and without email, company and tags; one email in both accounts; text beyond ASCII. */
    private static final List<Person> CONTACTS = List.of(
            new Person(FIRST, "cnt_history00001", "Ada Lovelace", "Ada@Example.COM", "Analytical Engines",
                    List.of("vip", "math"), 1_600_000_000_001L),
            new Person(FIRST, "cnt_history00002", "Grace Hopper", null, "US Navy", List.of("vip"), 1_600_000_000_002L),
            new Person(FIRST, "cnt_history00003", "Plain Person", null, null, List.of(), 1_600_000_000_003L),
            new Person(SECOND, "cnt_history00004", "Ada Lovelace", "ada@example.com", null, List.of("vip"),
                    1_600_000_000_004L),
            new Person(SECOND, "cnt_history00005", "Émile Zola", "Emile@Example.FR", "Éditions Charpentier",
                    List.of("écrivain"), 1_600_000_000_005L));

    /** One opportunity with company, value and campaign, one with none of them. */
    private static final List<Person> OPPORTUNITIES = List.of(
            new Person(FIRST, "opp_history00001", "Engine order", "ada@example.com", "Analytical Engines",
                    List.of(), 1_600_000_000_006L),
            new Person(SECOND, "opp_history00002", "Loose lead", null, null, List.of(), 1_600_000_000_007L));
    private static final BigDecimal VALUE = new BigDecimal("1234.50");

    private FieldData() {
    }

    record Person(String account, String id, String name, String email, String company, List<String> tags,
            long createdAt) {
    }

    /** Into the schema of V1. */
    static void putAccountsAndContacts(Jdbi jdbi) {
        jdbi.useTransaction(h -> {
            for (String account : List.of(FIRST, SECOND)) {
                h.execute("INSERT INTO accounts (id, name, plan, rate_limit_per_hour, created_at) VALUES (?, ?, 'free', NULL, ?)",
                        account, "Account " + account, 1_500_000_000_000L);
            }
            for (Person c : CONTACTS) {
                h.execute("INSERT INTO contacts (account_id, id, name, name_lc, email, email_lc, phone, company, company_lc, "
                        + "job_position, source, linkedin_url, tags, custom_fields, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, NULL, 'other', NULL, ?, '{}', ?, ?)",
                        c.account(), c.id(), c.name(), lower(c.name()), c.email(), lower(c.email()), c.company(),
                        lower(c.company()), json(c.tags()), c.createdAt(), c.createdAt());
                for (String tag : c.tags()) {
                    h.execute("INSERT INTO contact_tags (account_id, contact_id, tag) VALUES (?, ?, ?)",
                            c.account(), c.id(), tag);
                }
            }
        });
    }

    /** Into the schema of V2. */
    static void putOpportunities(Jdbi jdbi) {
        jdbi.useTransaction(h -> {
            h.execute("INSERT INTO campaigns (account_id, id, name, created_at) VALUES (?, ?, 'Spring', ?)",
                    FIRST, CAMPAIGN, 1_500_000_000_000L);
            for (Person o : OPPORTUNITIES) {
                boolean full = o.company() != null;
                h.execute("INSERT INTO opportunities (account_id, id, name, name_lc, email, email_lc, company, company_lc, "
                        + "status, source, deal_value, deal_currency, campaign_id, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'new', 'other', ?, 'BRL', ?, ?, ?)",
                        o.account(), o.id(), o.name(), lower(o.name()), o.email(), lower(o.email()), o.company(),
                        lower(o.company()), full ? VALUE : null, full ? CAMPAIGN : null, o.createdAt(), o.createdAt());
            }
        });
    }

    /** Each contact with its search text as V4 computes it: name, email, company, lowercased, one a line. */
    static List<String> expectedContacts() {
        return CONTACTS.stream().map(c -> row(c.account(), c.id(), c.name(), c.email(), c.company(), json(c.tags()),
                c.createdAt(), lower(c.name()) + "\n" + orEmpty(lower(c.email())) + "\n" + orEmpty(lower(c.company()))))
                .toList();
    }

    /** Each tag row beside its contact's creation time. */
    static List<String> expectedTags() {
        return CONTACTS.stream().flatMap(c -> c.tags().stream().map(tag -> row(c.account(), c.id(), tag, c.createdAt())))
                .toList();
    }

    /** Per account, its number of contacts. */
    static List<String> expectedContactCounts() {
        return CONTACTS.stream().collect(Collectors.groupingBy(Person::account, Collectors.counting()))
                .entrySet().stream().map(e -> row(e.getKey(), e.getValue())).toList();
    }

    /** Per account and tag, its number of contacts. */
    static List<String> expectedTagCounts() {
        return CONTACTS.stream().flatMap(c -> c.tags().stream().map(tag -> row(c.account(), tag)))
                .collect(Collectors.groupingBy(key -> key, Collectors.counting()))
                .entrySet().stream().map(e -> row(e.getKey(), e.getValue())).toList();
    }

    static List<String> expectedOpportunities() {
        return OPPORTUNITIES.stream().map(o -> row(o.account(), o.id(), o.name(), o.company(),
                o.company() != null ? VALUE : null, o.company() != null ? CAMPAIGN : null)).toList();
    }

    /** One row as a line, the way MigrationHistoryTest reads rows back. */
    static String row(Object... values) {
        return Stream.of(values).map(String::valueOf).collect(Collectors.joining(" | "));
    }

    private static String json(List<String> tags) {
        return tags.stream().map(tag -> '"' + tag + '"').collect(Collectors.joining(",", "[", "]"));
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
