package dev.leadstore.db;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Paging and sorting of a list request: page, limit, sort column and direction. */
public record PageRequest(int page, int limit, SortColumn sortBy, boolean descending) {
    public static final int MAX_PAGE = 10_000_000;

    /**
     * A column a list may be sorted by: its name in the API and its SQL, from a whitelist, never the
     * request. `nullable` columns sort their nulls last in both directions.
     */
    public record SortColumn(String wire, String column, boolean nullable) {
        public SortColumn(String wire, String column) {
            this(wire, column, false);
        }
    }

    public long offset() {
        return (long) (page - 1) * limit;
    }

    /**
     * ORDER BY with the id as the tie-breaker, and nulls last in both directions where the column
     * can be null. Only there: on a NOT NULL column "DESC NULLS LAST" would not match the index's
     * order, and PostgreSQL would sort the whole account instead of reading 20 index entries.
     */
    public String orderBy(String idColumn) {
        String direction = descending ? " DESC" : " ASC";
        return " ORDER BY " + sortBy.column() + direction + (sortBy.nullable() ? " NULLS LAST" : "") + ", "
                + idColumn + direction;
    }

    /** The list body: the items under their name, and the pagination block. */
    public Map<String, Object> page(String name, List<?> items, long total) {
        long pages = total == 0 ? 0 : (total + limit - 1) / limit;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(name, items);
        body.put("pagination", new Pagination(page, limit, total, pages));
        return body;
    }

    public record Pagination(int page, int limit, long total, long totalPages) {
    }
}
