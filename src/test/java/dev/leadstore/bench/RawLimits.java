package dev.leadstore.bench;

import dev.leadstore.support.Positional;
import dev.leadstore.db.Database;
import dev.leadstore.contact.ContactSql;
import dev.leadstore.person.LinkedInProfiles;
import dev.leadstore.db.Listing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * The floor of what the database costs: the server's own statements (RawSql) issued by N threads
 * through the server's own connection pool (Database.open: HikariCP, 16 connections, same
 * settings), with no HTTP and no JSON. Each operation borrows a connection, as a request does.
 */
final class RawLimits {
    static final String INSERT = "raw insert";
    static final String SELECT = "raw select by id";
    static final String UPDATE = "raw update";
    static final String LIST = "raw list";
    static final String SEARCH = "raw list search";
    static final String TAGS = "raw list tags";
    /** The tags of every raw insert, as the create scenario sends. */
    private static final List<String> INSERTED_TAGS = List.of("bench", "inbound");

    private final DataSource pool;
    private final SeedData data;
    private final int rows;
    private final String nonce = Long.toString(System.nanoTime(), 36);

    private RawLimits(DataSource pool, SeedData data, int rows) {
        this.pool = pool;
        this.data = data;
        this.rows = rows;
    }

    /** Measures every raw limit; the account already holds `rows` seeded contacts. */
    static Map<String, Result> measure(Database database, SeedData data, int rows, Options o, Runnable settle) {
        RawLimits raw = new RawLimits(database.dataSource(), data, rows);
        Map<String, Result> results = new LinkedHashMap<>();
        // Reads and updates first, inserts last: every list sees the same seeded rows as the API's lists.
        results.put(SELECT, raw.run(SELECT, o, raw::select));
        settle.run();
        results.put(UPDATE, raw.run(UPDATE, o, raw::update));
        results.put(LIST, raw.run(LIST, o, w -> raw.list(RawSql.all(data.accountId()))));
        results.put(SEARCH, raw.run(SEARCH, o, w -> raw.list(RawSql.search(data.accountId(), SeedData.SEARCH, !database.postgres()))));
        results.put(TAGS, raw.run(TAGS, o, w -> raw.list(RawSql.tag(data.accountId(), SeedData.TAG))));
        raw.prepareCounters();
        settle.run();
        results.put(INSERT, raw.run(INSERT, o, raw::insert));
        return results;
    }

    private Result run(String name, Options o, Load.Step step) {
        Result result = Load.run(name, o.clients(), o.warmupSeconds(), o.seconds(), step);
        Bench.progress(result);
        return result;
    }

    private String randomId() {
        return data.id(ThreadLocalRandom.current().nextInt(rows));
    }

    private void select(int worker) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement s = Positional.prepare(c, ContactSql.SELECT_BY_ID,
                     Map.of("account", data.accountId(), "id", randomId()))) {
            if (RawSql.readRows(s.executeQuery()) != 1) {
                throw new IllegalStateException("select by id found no row");
            }
        }
    }

    /** Two fields change (company, position) under the row lock, as PUT does; tags stay. */
    private void update(int worker) throws SQLException {
        String id = data.id(data.randomUpdatable(rows));
        inTransaction(c -> {
            Map<String, Object> row = new HashMap<>();
            try (PreparedStatement s = Positional.prepare(c, ContactSql.SELECT_FOR_UPDATE,
                    Map.of("account", data.accountId(), "id", id));
                 ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("update found no row");
                }
                String name = rs.getString("name");
                String email = rs.getString("email");
                String company = "Updated " + worker + " " + ThreadLocalRandom.current().nextInt();
                row.put("name", name);
                row.put("name_lc", name.toLowerCase(Locale.ROOT));
                row.put("email", email);
                row.put("email_lc", email == null ? null : email.toLowerCase(Locale.ROOT));
                row.put("phone", rs.getString("phone"));
                row.put("company", company);
                row.put("company_lc", company.toLowerCase(Locale.ROOT));
                row.put("position", "Head of " + company);
                row.put("source", rs.getString("source"));
                row.put("linkedin_url", rs.getString("linkedin_url"));
                row.put("linkedin_key", LinkedInProfiles.key(rs.getString("linkedin_url")));
                row.put("tags", rs.getString("tags"));
                row.put("custom_fields", rs.getString("custom_fields"));
                row.put("updated_at", Math.max(System.currentTimeMillis(), rs.getLong("updated_at") + 1));
                row.put("search_lc", ContactSql.searchText(name, email, company));
                row.put("account", data.accountId());
                row.put("id", id);
            }
            try (PreparedStatement u = Positional.prepare(c, ContactSql.UPDATE, row)) {
                u.executeUpdate();
            }
        });
    }

    /**
     * One contact row with its unique email, two contact_tags rows and their counters, and the
     * account's counter, in one transaction: the statements of ContactStore.create. The tags' counter
     * rows are made beforehand, as the server makes them on first use.
     */
    private void insert(int worker) throws SQLException {
        long n = ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
        String id = "cnt_" + String.format("%12s", Long.toString(n, 36)).replace(' ', '0').substring(0, 12);
        String email = "raw-" + nonce + "-" + worker + "-" + Long.toString(n, 36) + "@example.com";
        long now = System.currentTimeMillis();
        Map<String, Object> row = new HashMap<>();
        row.put("account", data.accountId());
        row.put("id", id);
        row.put("name", "Jane Smith");
        row.put("name_lc", "jane smith");
        row.put("email", email);
        row.put("email_lc", email);
        row.put("phone", "+5511988888888");
        row.put("company", "Tech Corp");
        row.put("company_lc", "tech corp");
        row.put("position", "CTO");
        row.put("source", "website");
        row.put("linkedin_url", null);
        row.put("linkedin_key", null);
        row.put("tags", "[\"bench\",\"inbound\"]");
        row.put("custom_fields", "{}");
        row.put("created_at", now);
        row.put("updated_at", now);
        row.put("search_lc", ContactSql.searchText("Jane Smith", email, "Tech Corp"));
        int shard = ThreadLocalRandom.current().nextInt(ContactSql.SHARDS);
        inTransaction(c -> {
            try (PreparedStatement s = Positional.prepare(c, ContactSql.INSERT, row)) {
                s.executeUpdate();
            }
            try (PreparedStatement t = Positional.batch(c, ContactSql.INSERT_TAG, INSERTED_TAGS.stream()
                    .map(tag -> Map.of("account", data.accountId(), "id", id, "tag", tag, "created_at", now)).toList())) {
                t.executeBatch();
            }
            try (PreparedStatement t = Positional.batch(c, ContactSql.MOVE_TAG_COUNT, INSERTED_TAGS.stream()
                    .map(tag -> Map.of("delta", 1, "account", data.accountId(), "tag", tag, "shard", shard)).toList())) {
                t.executeBatch();
            }
            try (PreparedStatement counter = Positional.prepare(c, ContactSql.ADD_COUNT,
                    Map.of("delta", 1L, "account", data.accountId(), "shard", shard))) {
                counter.executeUpdate();
            }
        });
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    /** Runs the work in one transaction on a pooled connection, as the server's writes do. */
    private void inTransaction(SqlWork work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** The counter rows the raw inserts move, made as the server makes them on an account's first writes. */
    private void prepareCounters() {
        try (Connection c = pool.getConnection();
             PreparedStatement tags = c.prepareStatement("INSERT INTO contact_tag_counts (account_id, tag, shard, n) "
                     + "SELECT ?, ?, ?, 0 WHERE NOT EXISTS (SELECT 1 FROM contact_tag_counts "
                     + "WHERE account_id = ? AND tag = ? AND shard = ?)");
             PreparedStatement total = c.prepareStatement("INSERT INTO contact_counts (account_id, shard, n) "
                     + "SELECT ?, ?, 0 WHERE NOT EXISTS (SELECT 1 FROM contact_counts WHERE account_id = ? AND shard = ?)")) {
            for (int shard = 0; shard < ContactSql.SHARDS; shard++) {
                for (String tag : INSERTED_TAGS) {
                    tags.setString(1, data.accountId());
                    tags.setString(2, tag);
                    tags.setInt(3, shard);
                    tags.setString(4, data.accountId());
                    tags.setString(5, tag);
                    tags.setInt(6, shard);
                    tags.executeUpdate();
                }
                total.setString(1, data.accountId());
                total.setInt(2, shard);
                total.setString(3, data.accountId());
                total.setInt(4, shard);
                total.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the counters of the raw inserts", e);
        }
    }

    /** Every list of the seeded account has rows: a list that reads none would be no floor at all. */
    private void list(Listing.Plan plan) throws SQLException {
        try (Connection c = pool.getConnection()) {
            if (RawSql.run(c, plan) == 0) {
                throw new IllegalStateException("the raw list read no row: " + plan.pageSql(plan.columns()));
            }
        }
    }
}
