package dev.leadstore.db;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * One page of a list, the total number of rows matching its filters, and the cursor of the page
 * after it (null on the last page).
 */
public record Listing<T>(List<T> items, long total, Cursor next) {
    /** From this offset on, a page first finds its ids alone (an index-only walk), then reads those rows. */
    static final long DEEP_OFFSET = 200;
    /**
     * Set on databases whose planner sorts whole rows unless the query reads index columns only
     * (H2 does, once an account outgrows its cache): there every page is read in two steps.
     */
    static final String IDS_FIRST = "leadstore.idsFirst";
    /** The sort key of each row, read beside it for the next cursor. */
    private static final String KEY = "page_key";
    private static final String ID = "page_id";

    /**
     * The statements of one list request. The total is counted with the page's own filters, unless
     * `totalSql` reads it from counters kept for that case (with its own `totalValues`).
     */
    public record Plan(String from, String columns, Where where, PageRequest page, String idColumn,
                       String totalSql, Map<String, Object> totalValues, String rowsFrom) {

        /** A plan whose rows are read by id from the same FROM as the page. */
        public Plan(String from, String columns, Where where, PageRequest page, String idColumn, String totalSql,
                    Map<String, Object> totalValues) {
            this(from, columns, where, page, idColumn, totalSql, totalValues, from);
        }

        public String countSql() {
            return totalSql != null ? totalSql : "SELECT COUNT(*) FROM " + from + where.sql();
        }

        public Map<String, Object> countValues() {
            return totalSql != null ? totalValues : where.values();
        }

        /**
         * The page's first statement in its order, `:limit` rows (one more than the page holds, to know
         * whether another page follows): from `:offset` for a numbered page, past the cursor's row for a
         * cursor page. `select` names the columns read.
         */
        public String pageSql(String select) {
            return pageSql(select, Keyset.steps(page, idColumn).get(0));
        }

        /** The values of {@link #pageSql}. */
        public Map<String, Object> pageValues() {
            return pageValues(Keyset.steps(page, idColumn).get(0), page.limit() + 1);
        }

        String pageSql(String select, Keyset.Step step) {
            return "SELECT " + select + " FROM " + from + where.sql() + step.condition() + page.orderBy(idColumn)
                    + (page.cursor() == null ? " LIMIT :limit OFFSET :offset" : " LIMIT :limit");
        }

        Map<String, Object> pageValues(Keyset.Step step, int limit) {
            Map<String, Object> values = new HashMap<>(where.values());
            values.putAll(step.values());
            values.put("limit", limit);
            if (page.cursor() == null) {
                values.put("offset", page.offset());
            }
            return values;
        }
    }

    /** A row of the page: its id and sort key, and the row itself once read. */
    private record Row<T>(String id, Object key, T item) {
    }

    /**
     * Counts the matches (or reads the kept total), then reads the requested page in its order, one row
     * more than it holds: when that row exists, the page's last row makes the next cursor.
     */
    public static <T> Listing<T> fetch(Handle h, Plan plan, Function<T, String> idOf, RowMapper<T> mapper) {
        long total = bind(h.createQuery(plan.countSql()), plan.countValues()).mapTo(Long.class).one();
        PageRequest page = plan.page();
        if (page.cursor() == null && total <= page.offset()) {
            return new Listing<>(List.of(), total, null);
        }
        return page(h, plan, total, idOf, mapper);
    }

    /**
     * One page of a walk through every matching row (an export), by keyset from the page's cursor:
     * no total is counted, which would cost a scan of the matches for every page (`total` is -1).
     */
    public static <T> Listing<T> walk(Handle h, Plan plan, Function<T, String> idOf, RowMapper<T> mapper) {
        return page(h, plan, -1, idOf, mapper);
    }

    private static <T> Listing<T> page(Handle h, Plan plan, long total, Function<T, String> idOf, RowMapper<T> mapper) {
        PageRequest page = plan.page();
        boolean idsFirst = page.offset() >= DEEP_OFFSET
                || Boolean.TRUE.equals(h.getConfig(SqlStatements.class).getAttribute(IDS_FIRST));
        int wanted = page.limit() + 1;
        List<Row<T>> rows = new ArrayList<>();
        for (Keyset.Step step : Keyset.steps(page, plan.idColumn())) {
            if (rows.size() < wanted) {
                rows.addAll(read(h, plan, step, wanted - rows.size(), idsFirst, idOf, mapper));
            }
        }
        Cursor next = null;
        if (rows.size() > page.limit()) {
            rows = rows.subList(0, page.limit());
            Row<T> last = rows.get(rows.size() - 1);
            next = page.after(last.key(), last.id());
        }
        if (idsFirst) {
            rows = withItems(h, plan, rows, idOf, mapper);
        }
        return new Listing<>(rows.stream().map(Row::item).filter(Objects::nonNull).toList(), total, next);
    }

    /** Up to `limit` rows of one step: whole rows, or only their ids and keys when reading ids first. */
    private static <T> List<Row<T>> read(Handle h, Plan plan, Keyset.Step step, int limit, boolean idsFirst,
                                         Function<T, String> idOf, RowMapper<T> mapper) {
        PageRequest.SortColumn sort = plan.page().sortBy();
        String key = sort.column() + " AS " + KEY;
        Query query = bind(h.createQuery(plan.pageSql(idsFirst ? plan.idColumn() + " AS " + ID + ", " + key
                : plan.columns() + ", " + key, step)), plan.pageValues(step, limit));
        if (idsFirst) {
            return query.map((rs, ctx) -> new Row<T>(rs.getString(ID), sort.read(rs, KEY), null)).list();
        }
        return query.map((rs, ctx) -> {
            T item = mapper.map(rs, ctx);
            return new Row<>(idOf.apply(item), sort.read(rs, KEY), item);
        }).list();
    }

    /** The rows of these ids, in their order; a row deleted in between is left out. */
    private static <T> List<Row<T>> withItems(Handle h, Plan plan, List<Row<T>> ids, Function<T, String> idOf,
                                              RowMapper<T> mapper) {
        if (ids.isEmpty()) {
            return ids;
        }
        Map<String, T> items = new HashMap<>();
        // rowsFrom: a FROM that names an index for the filter would make every lookup by id scan that index.
        String select = "SELECT " + plan.columns() + " FROM " + plan.rowsFrom() + plan.where().sql() + " AND " + plan.idColumn();
        if (Boolean.TRUE.equals(h.getConfig(SqlStatements.class).getAttribute(IDS_FIRST))) {
            // H2 looks up an IN list through an index only on the index's first column (here the account):
            // the list would be compared with every row of the account. One lookup by key per row instead.
            for (Row<T> row : ids) {
                plan.where().bind(h.createQuery(select + " = :page_id")).bind("page_id", row.id())
                        .map(mapper).findOne().ifPresent(item -> items.put(idOf.apply(item), item));
            }
        } else {
            plan.where().bind(h.createQuery(select + " IN (<page_ids>)"))
                    .bindList("page_ids", ids.stream().map(Row::id).toList())
                    .map(mapper).forEach(item -> items.put(idOf.apply(item), item));
        }
        return ids.stream().map(row -> new Row<>(row.id(), row.key(), items.get(row.id()))).toList();
    }

    private static Query bind(Query query, Map<String, Object> values) {
        return Where.bind(query, values);
    }
}
