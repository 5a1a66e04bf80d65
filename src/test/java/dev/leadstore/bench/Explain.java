package dev.leadstore.bench;

import dev.leadstore.support.Positional;
import dev.leadstore.db.Listing;
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
        Map<String, Listing.Plan> queries = new LinkedHashMap<>();
        queries.put(ScaleRun.LIST, RawSql.all(account));
        queries.put(ScaleRun.TAGS, RawSql.tag(account, SeedData.TAG));
        queries.put(ScaleRun.EMAIL, RawSql.email(account, data.email(rows / 2).toLowerCase(Locale.ROOT)));
        queries.put(ScaleRun.SEARCH, RawSql.search(account, SeedData.SEARCH, false));
        int deepPage = Math.max(1, rows / 100);
        List<String> out = new ArrayList<>();
        out.add("EXPLAIN ANALYZE at " + Report.count(rows) + " contacts (COUNT, then the page of 20):");
        try (Connection c = database.connect()) {
            for (var q : queries.entrySet()) {
                explain(c, out, q.getKey() + " — COUNT", q.getValue().countSql(), q.getValue().countValues());
                explain(c, out, q.getKey() + " — page 1", q.getValue().pageSql(q.getValue().columns()),
                        q.getValue().pageValues());
            }
            Listing.Plan deep = RawSql.page(account, deepPage);
            explain(c, out, ScaleRun.DEEP + " — page " + deepPage, deep.pageSql(deep.idColumn()), deep.pageValues());
        }
        return out;
    }

    private static void explain(Connection c, List<String> out, String title, String sql, Map<String, Object> values)
            throws SQLException {
        List<String> plan = new ArrayList<>();
        String time = "?";
        try (PreparedStatement s = Positional.prepare(c, "EXPLAIN (ANALYZE, COSTS OFF) " + sql, values)) {
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
