package dev.leadstore.bench;

import dev.leadstore.support.Positional;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import dev.leadstore.contact.ContactSql;
import dev.leadstore.support.TestDatabase;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Bulk seeding straight into the tables, not through the API: COPY on PostgreSQL (with the
 * secondary indexes rebuilt afterwards for large batches), JDBC batches on H2. Rows are exactly what the server would store for the same contact (lowercased copies,
 * JSON text of tags and custom fields, epoch milliseconds), with one contact_tags row per tag.
 */
public final class Seeder {
    private static final int CHUNK = 50_000;
    /** From this many new rows on, the secondary indexes are dropped and rebuilt: sorting beats inserting. */
    private static final int REBUILD_FROM = 200_000;
    private static final String CONTACT_COLUMNS = "account_id, id, name, name_lc, email, email_lc, phone, company, "
            + "company_lc, job_position, source, linkedin_url, tags, custom_fields, created_at, updated_at, search_lc";

    private Seeder() {
    }

    /** Seeds rows [from, to) of the data's account; returns the seconds it took, ANALYZE included. */
    public static double seed(TestDatabase database, SeedData data, int from, int to) throws SQLException, IOException {
        long start = System.nanoTime();
        try (Connection c = database.connect()) {
            // The account's contact counters follow, as the server's inserts keep them (its rows made first,
            // as the server makes them before an account's first contact).
            openCounters(c, data.accountId());
            try (PreparedStatement count = Positional.prepare(c, ContactSql.ADD_COUNT,
                    Map.of("delta", (long) (to - from), "account", data.accountId(), "shard", 0))) {
                if (count.executeUpdate() != 1) {
                    throw new IllegalStateException("no contact counters for " + data.accountId());
                }
            }
            countTags(c, data, from, to);
            if (database.isPostgres()) {
                List<String> indexes = to - from >= REBUILD_FROM ? dropSecondaryIndexes(c) : List.of();
                copy(c, data, from, to);
                long copied = System.nanoTime();
                try (Statement s = c.createStatement()) {
                    s.execute("SET maintenance_work_mem = '256MB'");
                    for (String index : indexes) {
                        s.execute(index);
                    }
                    long indexed = System.nanoTime();
                    // What autovacuum does after bulk inserts: statistics for the planner, and the
                    // visibility map that lets index-only scans skip the table.
                    s.execute("VACUUM (ANALYZE) contacts");
                    s.execute("VACUUM (ANALYZE) contact_tags");
                    Bench.progress(String.format("  seeded %d rows: COPY %.1f s, %d indexes rebuilt %.1f s, VACUUM %.1f s",
                            to - from, (copied - start) / 1e9, indexes.size(), (indexed - copied) / 1e9,
                            (System.nanoTime() - indexed) / 1e9));
                }
            } else {
                batches(c, data, from, to);
                try (Statement s = c.createStatement()) {
                    s.execute("ANALYZE");
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The account's counter rows, made if absent, as the server makes them before an account's first write. */
    private static void openCounters(Connection c, String accountId) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO contact_counts (account_id, shard, n) "
                + "SELECT ?, ?, 0 WHERE NOT EXISTS (SELECT 1 FROM contact_counts WHERE account_id = ? AND shard = ?)")) {
            for (int shard = 0; shard < ContactSql.SHARDS; shard++) {
                insert.setString(1, accountId);
                insert.setInt(2, shard);
                insert.setString(3, accountId);
                insert.setInt(4, shard);
                insert.executeUpdate();
            }
        }
    }

    /** The per-tag counters follow too (on shard 0, made if absent), as the server's writes keep them. */
    private static void countTags(Connection c, SeedData data, int from, int to) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        for (int i = from; i < to; i++) {
            for (String tag : data.tags(i)) {
                counts.merge(tag, 1L, Long::sum);
            }
        }
        try (PreparedStatement update = c.prepareStatement(
                     "UPDATE contact_tag_counts SET n = n + ? WHERE account_id = ? AND tag = ? AND shard = 0");
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO contact_tag_counts (account_id, tag, shard, n) VALUES (?, ?, 0, ?)")) {
            for (Map.Entry<String, Long> count : counts.entrySet()) {
                update.setLong(1, count.getValue());
                update.setString(2, data.accountId());
                update.setString(3, count.getKey());
                if (update.executeUpdate() == 0) {
                    insert.setString(1, data.accountId());
                    insert.setString(2, count.getKey());
                    insert.setLong(3, count.getValue());
                    insert.executeUpdate();
                }
            }
        }
    }

    /**
     * Drops the indexes of contacts and contact_tags that back no constraint, and returns their
     * definitions to run again after the COPY. Read from the catalog, so whatever indexes the
     * migrations create (a trigram index, say) are rebuilt exactly as they were.
     */
    private static List<String> dropSecondaryIndexes(Connection c) throws SQLException {
        List<String> definitions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT i.indexname, i.indexdef FROM pg_indexes i "
                     + "WHERE i.schemaname = current_schema() AND i.tablename IN ('contacts', 'contact_tags') "
                     + "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)")) {
            while (rs.next()) {
                names.add(rs.getString(1));
                definitions.add(rs.getString(2));
            }
        }
        try (Statement s = c.createStatement()) {
            for (String name : names) {
                s.execute("DROP INDEX \"" + name + "\"");
            }
        }
        return definitions;
    }

    private static void copy(Connection c, SeedData data, int from, int to) throws SQLException, IOException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        for (int chunk = from; chunk < to; chunk += CHUNK) {
            int end = Math.min(to, chunk + CHUNK);
            StringBuilder contacts = new StringBuilder(CHUNK * 320);
            StringBuilder tags = new StringBuilder(CHUNK * 60);
            for (int i = chunk; i < end; i++) {
                Object[] row = row(data, i);
                for (int k = 0; k < row.length; k++) {
                    contacts.append(k == 0 ? "" : "\t").append(text(row[k]));
                }
                contacts.append('\n');
                for (String tag : data.tags(i)) {
                    tags.append(data.accountId()).append('\t').append(data.id(i)).append('\t').append(text(tag))
                            .append('\t').append(data.createdAt(i)).append('\n');
                }
            }
            copy.copyIn("COPY contacts (" + CONTACT_COLUMNS + ") FROM STDIN", bytes(contacts));
            copy.copyIn("COPY contact_tags (account_id, contact_id, tag, created_at) FROM STDIN", bytes(tags));
        }
    }

    private static void batches(Connection c, SeedData data, int from, int to) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement contacts = c.prepareStatement("INSERT INTO contacts (" + CONTACT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement tags = c.prepareStatement(
                     "INSERT INTO contact_tags (account_id, contact_id, tag, created_at) VALUES (?, ?, ?, ?)")) {
            for (int i = from; i < to; i++) {
                Object[] row = row(data, i);
                for (int k = 0; k < row.length; k++) {
                    contacts.setObject(k + 1, row[k]);
                }
                contacts.addBatch();
                for (String tag : data.tags(i)) {
                    tags.setString(1, data.accountId());
                    tags.setString(2, data.id(i));
                    tags.setString(3, tag);
                    tags.setLong(4, data.createdAt(i));
                    tags.addBatch();
                }
                if ((i + 1 - from) % 1000 == 0 || i + 1 == to) {
                    contacts.executeBatch();
                    tags.executeBatch();
                    c.commit();
                }
            }
        }
        c.setAutoCommit(true);
    }

    /** The stored row of contact i, in CONTACT_COLUMNS order. */
    private static Object[] row(SeedData d, int i) {
        String name = d.name(i);
        String email = d.email(i);
        String company = d.company(i);
        long created = d.createdAt(i);
        return new Object[] {d.accountId(), d.id(i), name, name.toLowerCase(Locale.ROOT), email,
            email.toLowerCase(Locale.ROOT), d.phone(i), company, company == null ? null : company.toLowerCase(Locale.ROOT),
            d.position(i), d.source(i), d.linkedinUrl(i), d.tagsJson(i), d.customFieldsJson(i), created, created,
            ContactSql.searchText(name, email, company)};
    }

    /** A value in COPY's text format. */
    private static String text(Object value) {
        if (value == null) {
            return "\\N";
        }
        String s = value.toString();
        if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static ByteArrayInputStream bytes(StringBuilder text) {
        return new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
