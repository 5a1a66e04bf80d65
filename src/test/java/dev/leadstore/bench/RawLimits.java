package dev.leadstore.bench;

import dev.leadstore.db.Database;
import dev.leadstore.contact.Counts;
import dev.leadstore.contact.SearchText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
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
        results.put(SEARCH, raw.run(SEARCH, o, w -> raw.list(RawSql.search(data.accountId(), SeedData.SEARCH))));
        results.put(TAGS, raw.run(TAGS, o, w -> raw.list(RawSql.tag(data.accountId(), SeedData.TAG))));
        raw.prepareTagCounters();
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
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(RawSql.SELECT_BY_ID)) {
            RawSql.bind(s, List.of(data.accountId(), randomId()));
            if (RawSql.readRows(s.executeQuery()) != 1) {
                throw new IllegalStateException("select by id found no row");
            }
        }
    }

    /** Two fields change (company, position) under the row lock, as PUT does; tags stay. */
    private void update(int worker) throws SQLException {
        String id = data.id(data.randomUpdatable(rows));
        inTransaction(c -> {
            List<Object> row;
            try (PreparedStatement s = c.prepareStatement(RawSql.SELECT_FOR_UPDATE)) {
                RawSql.bind(s, List.of(data.accountId(), id));
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("update found no row");
                    }
                    String name = rs.getString("name");
                    String email = rs.getString("email");
                    String company = "Updated " + worker + " " + ThreadLocalRandom.current().nextInt();
                    row = Arrays.asList(name, name.toLowerCase(Locale.ROOT), email,
                            email == null ? null : email.toLowerCase(Locale.ROOT), rs.getString("phone"),
                            company, company.toLowerCase(Locale.ROOT), "Head of " + company, rs.getString("source"),
                            rs.getString("linkedin_url"), rs.getString("tags"), rs.getString("custom_fields"),
                            Math.max(System.currentTimeMillis(), rs.getLong("updated_at") + 1),
                            SearchText.of(name, email, company), data.accountId(), id);
                }
            }
            try (PreparedStatement u = c.prepareStatement(RawSql.UPDATE)) {
                RawSql.bind(u, row);
                u.executeUpdate();
            }
        });
    }

    /**
     * One contact row with its unique email, two contact_tags rows and their counters, and the
     * account's counter, in one transaction. The tags' counter rows are made beforehand, as the
     * server makes them on first use.
     */
    private void insert(int worker) throws SQLException {
        long n = ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
        String id = "cnt_" + String.format("%12s", Long.toString(n, 36)).replace(' ', '0').substring(0, 12);
        String email = "raw-" + nonce + "-" + worker + "-" + Long.toString(n, 36) + "@example.com";
        long now = System.currentTimeMillis();
        List<Object> row = Arrays.asList(data.accountId(), id, "Jane Smith", "jane smith", email, email,
                "+5511988888888", "Tech Corp", "tech corp", "CTO", "website", null, "[\"bench\",\"inbound\"]", "{}",
                now, now, SearchText.of("Jane Smith", email, "Tech Corp"));
        inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(RawSql.INSERT_CONTACT);
                 PreparedStatement t = c.prepareStatement(RawSql.INSERT_TAG);
                 PreparedStatement tagCounter = c.prepareStatement(RawSql.TAG_COUNT_UP);
                 PreparedStatement counter = c.prepareStatement(RawSql.COUNT_UP)) {
                RawSql.bind(s, row);
                s.executeUpdate();
                for (String tag : INSERTED_TAGS) {
                    RawSql.bind(t, List.of(data.accountId(), id, tag, now));
                    t.addBatch();
                }
                t.executeBatch();
                int shard = Counts.shard();
                for (String tag : INSERTED_TAGS) {
                    RawSql.bind(tagCounter, List.of(data.accountId(), tag, shard));
                    tagCounter.addBatch();
                }
                tagCounter.executeBatch();
                RawSql.bind(counter, List.of(data.accountId(), shard));
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

    private void prepareTagCounters() {
        try (Connection c = pool.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO contact_tag_counts (account_id, tag, shard, n) "
                     + "SELECT ?, ?, ?, 0 WHERE NOT EXISTS (SELECT 1 FROM contact_tag_counts "
                     + "WHERE account_id = ? AND tag = ? AND shard = ?)")) {
            for (String tag : INSERTED_TAGS) {
                for (int shard = 0; shard < Counts.SHARDS; shard++) {
                    RawSql.bind(insert, List.of(data.accountId(), tag, shard, data.accountId(), tag, shard));
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the tag counters of the raw inserts", e);
        }
    }

    /** Every list of the seeded account has rows: a list that reads none would be no floor at all. */
    private void list(RawSql.ListQuery query) throws SQLException {
        try (Connection c = pool.getConnection()) {
            if (query.run(c, 1, 20) == 0) {
                throw new IllegalStateException("the raw list read no row: " + query.pageSql());
            }
        }
    }
}
