package dev.leadstore.db;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;

/** One page of a list and the total number of rows matching its filters. */
public record Listing<T>(List<T> items, long total) {
    /** From this offset on, a page first finds its ids alone (an index-only walk), then reads those rows. */
    static final long DEEP_OFFSET = 200;
    /**
     * Set on databases whose planner sorts whole rows unless the query reads index columns only
     * (H2 does, once an account outgrows its cache): there every page is read in two steps.
     */
    static final String IDS_FIRST = "leadstore.idsFirst";

    /**
     * The statements of one list request. The total is counted with the page's own filters, unless
     * `totalSql` reads it from counters kept for that case (with its own `totalValues`).
     */
    public record Plan(String from, String columns, Where where, PageRequest page, String idColumn,
                       String totalSql, Map<String, Object> totalValues) {

        public String countSql() {
            return totalSql != null ? totalSql : "SELECT COUNT(*) FROM " + from + where.sql();
        }

        public Map<String, Object> countValues() {
            return totalSql != null ? totalValues : where.values();
        }

        /** The page in its order, `:limit` rows from `:offset`; `select` names the columns read. */
        public String pageSql(String select) {
            return "SELECT " + select + " FROM " + from + where.sql() + page.orderBy(idColumn)
                    + " LIMIT :limit OFFSET :offset";
        }

        /** The page's values, paging included. */
        public Map<String, Object> pageValues() {
            Map<String, Object> values = new HashMap<>(where.values());
            values.put("limit", page.limit());
            values.put("offset", page.offset());
            return values;
        }
    }

    /** Counts the matches (or reads the kept total), then reads the requested page in its order. */
    public static <T> Listing<T> fetch(Handle h, Plan plan, Function<T, String> idOf, RowMapper<T> mapper) {
        long total = bind(h.createQuery(plan.countSql()), plan.countValues()).mapTo(Long.class).one();
        PageRequest page = plan.page();
        if (total <= page.offset()) {
            return new Listing<>(List.of(), total);
        }
        boolean idsFirst = page.offset() >= DEEP_OFFSET
                || Boolean.TRUE.equals(h.getConfig(SqlStatements.class).getAttribute(IDS_FIRST));
        if (!idsFirst) {
            return new Listing<>(bind(h.createQuery(plan.pageSql(plan.columns())), plan.pageValues()).map(mapper).list(),
                    total);
        }
        List<String> ids = bind(h.createQuery(plan.pageSql(plan.idColumn())), plan.pageValues()).mapTo(String.class).list();
        if (ids.isEmpty()) {
            return new Listing<>(List.of(), total);
        }
        Map<String, T> rows = new HashMap<>();
        plan.where().bind(h.createQuery("SELECT " + plan.columns() + " FROM " + plan.from() + plan.where().sql()
                        + " AND " + plan.idColumn() + " IN (<page_ids>)"))
                .bindList("page_ids", ids)
                .map(mapper).forEach(row -> rows.put(idOf.apply(row), row));
        return new Listing<>(ids.stream().map(rows::get).filter(Objects::nonNull).toList(), total);
    }

    private static Query bind(Query query, Map<String, Object> values) {
        return Where.bind(query, values);
    }
}
