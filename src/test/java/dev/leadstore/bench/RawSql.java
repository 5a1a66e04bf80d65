package dev.leadstore.bench;

import dev.leadstore.db.Constraints;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * THE ONE PLACE where the benchmark repeats the server's contact SQL, for the raw-database limits
 * and for EXPLAIN. Copied (Jdbi's named parameters turned into `?`) from
 * contact/ContactStore.java (COLUMNS, create, insertTags, selectForUpdate, update), db/Counts.java (add, total),
 * db/TagCounts.java (increment, total),
 * contact/ContactFilter.java (where), db/Listing.java (fetch) and http/PageRequest.java
 * (orderBy, offset), because those are package-private and bound to Jdbi and JSON mapping, which
 * the floor must not pay. When the server's statements change, change them here too.
 */
final class RawSql {
    static final String COLUMNS = "c.id, c.name, c.email, c.phone, c.company, c.job_position, c.source, "
            + "c.linkedin_url, c.tags, c.custom_fields, c.created_at, c.updated_at";

    static final String INSERT_CONTACT = "INSERT INTO contacts (account_id, id, name, name_lc, email, email_lc, "
            + "phone, company, company_lc, job_position, source, linkedin_url, tags, custom_fields, created_at, "
            + "updated_at, search_lc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The account's contact counter, moved in the same transaction as the insert. */
    static final String COUNT_UP = "UPDATE contact_counts SET n = n + 1 WHERE account_id = ? AND shard = ?";

    /** An unfiltered list's total: the counters' sum. */
    static final String COUNTERS = "SELECT COALESCE(SUM(n), 0) FROM contact_counts WHERE account_id = ?";

    /** The total of a list filtered by one tag: that tag's counters' sum (db/TagCounts.total). */
    static final String TAG_COUNTERS = "SELECT COALESCE(SUM(n), 0) FROM contact_tag_counts "
            + "WHERE account_id = ? AND tag = ?";

    /** A tag's counter, moved in the same transaction as its contact_tags row (db/TagCounts.increment). */
    static final String TAG_COUNT_UP = "UPDATE contact_tag_counts SET n = n + 1 "
            + "WHERE account_id = ? AND tag = ? AND shard = ?";

    static final String INSERT_TAG = "INSERT INTO contact_tags (account_id, contact_id, tag, created_at) "
            + "VALUES (?, ?, ?, ?)";

    static final String SELECT_BY_ID = "SELECT " + COLUMNS + " FROM contacts c WHERE c.account_id = ? AND c.id = ?";

    static final String SELECT_FOR_UPDATE = SELECT_BY_ID + " FOR UPDATE";

    /** Every column is written back (ContactStore.update binds the whole row). */
    static final String UPDATE = "UPDATE contacts SET name = ?, name_lc = ?, email = ?, email_lc = ?, phone = ?, "
            + "company = ?, company_lc = ?, job_position = ?, source = ?, linkedin_url = ?, tags = ?, "
            + "custom_fields = ?, updated_at = ?, search_lc = ? WHERE account_id = ? AND id = ?";

    /** The default order of a list: created_at descending, ties by id (PageRequest.orderBy). */
    private static final String ORDER = " ORDER BY c.created_at DESC, c.id DESC";

    private RawSql() {
    }

    /** A list request: its WHERE clause and parameters, then COUNT and one page (Listing.fetch). */
    record ListQuery(String from, String where, String order, List<Object> params, String countSql,
                     List<Object> countParams) {
        /** A list of contacts in the default order whose total is counted with its own WHERE clause. */
        ListQuery(String where, List<Object> params) {
            this(" FROM contacts c", where, ORDER, params, "SELECT COUNT(*) FROM contacts c" + where, params);
        }

        String pageSql() {
            return "SELECT " + COLUMNS + from + where + order + " LIMIT ? OFFSET ?";
        }

        /** Runs the list as Listing.fetch does; returns the rows read. */
        int run(Connection c, int page, int limit) throws SQLException {
            long offset = (long) (page - 1) * limit;
            long total;
            try (PreparedStatement count = c.prepareStatement(countSql())) {
                bind(count, countParams);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            if (total <= offset) {
                return 0;
            }
            List<Object> all = new ArrayList<>(params);
            all.add(limit);
            all.add(offset);
            try (PreparedStatement select = c.prepareStatement(pageSql())) {
                bind(select, all);
                return readRows(select.executeQuery());
            }
        }
    }

    static ListQuery all(String account) {
        return new ListQuery(" FROM contacts c", " WHERE c.account_id = ?", ORDER, List.of(account), COUNTERS,
                List.of(account));
    }

    /** ?search=: the search column (name, email, company lowercased) contains the lowercased text. */
    static ListQuery search(String account, String lowercased) {
        String pattern = Constraints.containsPattern(lowercased);
        return new ListQuery(" WHERE c.account_id = ? AND (c.search_lc LIKE ? ESCAPE '" + Constraints.LIKE_ESCAPE
                + "')", List.of(account, pattern));
    }

    /** ?email=: exact, on the lowercased column. */
    static ListQuery email(String account, String lowercased) {
        return new ListQuery(" WHERE c.account_id = ? AND c.email_lc = ?", List.of(account, lowercased));
    }

    /**
     * ?tags= with one tag, in the default order: the tag's index in contact_tags walked by creation
     * time, joined to the page's contacts; the total is the tag's counters (ContactFilter.walksTag).
     */
    static ListQuery tag(String account, String tag) {
        return new ListQuery(" FROM contact_tags t JOIN contacts c ON c.account_id = t.account_id AND c.id = t.contact_id",
                " WHERE t.account_id = ? AND t.tag = ?", " ORDER BY t.created_at DESC, t.contact_id DESC",
                List.of(account, tag), TAG_COUNTERS, List.of(account, tag));
    }

    static void bind(PreparedStatement statement, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v == null) {
                statement.setNull(i + 1, Types.VARCHAR);
            } else if (v instanceof Integer n) {
                statement.setInt(i + 1, n);
            } else if (v instanceof Long n) {
                statement.setLong(i + 1, n);
            } else {
                statement.setString(i + 1, (String) v);
            }
        }
    }

    /** Reads every column of every row, as ContactStore.row does, minus the JSON parsing. */
    static int readRows(ResultSet rs) throws SQLException {
        int rows = 0;
        try (rs) {
            while (rs.next()) {
                for (int k = 1; k <= 10; k++) {
                    rs.getString(k);
                }
                rs.getLong(11);
                rs.getLong(12);
                rows++;
            }
        }
        return rows;
    }
}
