package dev.leadstore.db;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Paging and sorting of a list request: a page number, or a cursor (then `page` is unused), the
 * limit, the sort column and direction, and the fingerprint of the list's filters that cursors carry.
 */
public record PageRequest(int page, int limit, SortColumn sortBy, boolean descending, String filters, Cursor cursor) {
    public static final int MAX_PAGE = 10_000_000;

    /**
     * A column a list may be sorted by: its name in the API and its SQL, from a whitelist, never the
     * request, and the type of its values. `nullable` columns sort their nulls last in both directions.
     */
    public record SortColumn(String wire, String column, boolean nullable, Kind kind) {
        /** What a column holds, so that a cursor keeps its key exactly: epoch milliseconds, text or a decimal. */
        public enum Kind { MILLIS, TEXT, DECIMAL }

        public static SortColumn millis(String wire, String column) {
            return new SortColumn(wire, column, false, Kind.MILLIS);
        }

        public static SortColumn text(String wire, String column, boolean nullable) {
            return new SortColumn(wire, column, nullable, Kind.TEXT);
        }

        public static SortColumn decimal(String wire, String column, boolean nullable) {
            return new SortColumn(wire, column, nullable, Kind.DECIMAL);
        }

        /**
         * The key of a decoded cursor as this column binds it (a decimal's text becomes a BigDecimal);
         * IllegalArgumentException when it cannot be one of the column's values.
         */
        public Object bindable(Object key) {
            boolean valid = switch (kind) {
                case MILLIS -> key instanceof Long;
                case TEXT -> key instanceof String;
                case DECIMAL -> key instanceof String text && new BigDecimal(text).toPlainString().equals(text);
            };
            if (key == null ? !nullable : !valid) {
                throw new IllegalArgumentException("not a key of " + wire);
            }
            return key != null && kind == Kind.DECIMAL ? new BigDecimal((String) key) : key;
        }

        /** The value of this column in the row, read under `label`. */
        Object read(ResultSet rs, String label) throws SQLException {
            return switch (kind) {
                case MILLIS -> {
                    long millis = rs.getLong(label);
                    yield rs.wasNull() ? null : millis;
                }
                case TEXT -> rs.getString(label);
                case DECIMAL -> rs.getBigDecimal(label);
            };
        }
    }

    /** Rows skipped before the page: none on a cursor page, which seeks instead. */
    public long offset() {
        return cursor != null ? 0 : (long) (page - 1) * limit;
    }

    /** The same request sorted by another column of the same name and kind (a walk of another index). */
    public PageRequest sortedBy(SortColumn column) {
        return new PageRequest(page, limit, column, descending, filters, cursor);
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

    /** The same order and filters, `limit` rows a page, from the start (no cursor) or past a cursor: a walk. */
    public PageRequest walking(int limit, Cursor after) {
        return new PageRequest(1, limit, sortBy, descending, filters, after);
    }

    /** The cursor of the page after the row (key, id). */
    Cursor after(Object key, String id) {
        return new Cursor(sortBy.wire(), descending, filters, key, id);
    }

    /**
     * The list body: the items under their name, and the pagination block: `{page, limit, total,
     * total_pages, next_cursor}` for a numbered page, `{limit, total, next_cursor}` for a cursor page.
     */
    public Map<String, Object> page(String name, Listing<?> listing) {
        long total = listing.total();
        String next = listing.next() == null ? null : listing.next().encode();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(name, listing.items());
        body.put("pagination", cursor != null ? new CursorPagination(limit, total, next)
                : new Pagination(page, limit, total, total == 0 ? 0 : (total + limit - 1) / limit, next));
        return body;
    }

    public record Pagination(int page, int limit, long total, long totalPages, String nextCursor) {
    }

    public record CursorPagination(int limit, long total, String nextCursor) {
    }
}
