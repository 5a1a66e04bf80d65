package dev.leadstore.bench;

import dev.leadstore.support.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** EXPLAIN ANALYZE of each list query's two statements (COUNT, then the page) at one scale, condensed. */
final class Explain {
    private static final int MAX_LINES = 10;
    private static final int MAX_WIDTH = 150;

    private Explain() {
    }

    static List<String> plans(TestDatabase database, SeedData data, int rows) throws SQLException {
        String account = data.accountId();
        Map<String, RawSql.ListQuery> queries = new LinkedHashMap<>();
        queries.put(ScaleRun.LIST, RawSql.all(account));
        queries.put(ScaleRun.TAGS, RawSql.tag(account, SeedData.TAG));
        queries.put(ScaleRun.EMAIL, RawSql.email(account, data.email(rows / 2).toLowerCase(Locale.ROOT)));
        queries.put(ScaleRun.SEARCH, RawSql.search(account, SeedData.SEARCH));
        int deepPage = Math.max(1, rows / 100);
        List<String> out = new ArrayList<>();
        out.add("EXPLAIN ANALYZE at " + Report.count(rows) + " contacts (COUNT, then the page of 20):");
        try (Connection c = database.connect()) {
            for (var q : queries.entrySet()) {
                explain(c, out, q.getKey() + " — COUNT", q.getValue().countSql(), q.getValue().countParams());
                explain(c, out, q.getKey() + " — page 1", q.getValue().pageSql(), with(q.getValue().params(), 0));
            }
            RawSql.ListQuery all = RawSql.all(account);
            explain(c, out, ScaleRun.DEEP + " — page " + deepPage, all.pageSql(),
                    with(all.params(), (long) (deepPage - 1) * 20));
        }
        return out;
    }

    private static List<Object> with(List<Object> params, long offset) {
        List<Object> all = new ArrayList<>(params);
        all.add(20);
        all.add(offset);
        return all;
    }

    private static void explain(Connection c, List<String> out, String title, String sql, List<Object> params)
            throws SQLException {
        List<String> plan = new ArrayList<>();
        String time = "?";
        try (PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, COSTS OFF) " + sql)) {
            RawSql.bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String line = rs.getString(1);
                    if (line.startsWith("Execution Time:")) {
                        time = line.substring("Execution Time:".length()).trim();
                    } else if (!line.startsWith("Planning Time:") && plan.size() < MAX_LINES) {
                        plan.add("      " + (line.length() > MAX_WIDTH ? line.substring(0, MAX_WIDTH) + "…" : line));
                    }
                }
            }
        }
        out.add("  " + title + ": " + time);
        out.addAll(plan);
    }
}
