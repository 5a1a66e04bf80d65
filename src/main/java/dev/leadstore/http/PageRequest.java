package dev.leadstore.http;

import java.util.List;

/** Paging and sorting of a list request: page, limit, sort column and direction. */
public record PageRequest<S extends PageRequest.SortColumn>(int page, int limit, S sortBy, boolean descending) {
    public static final int MAX_PAGE = 10_000_000;

    /** A column a list may be sorted by, from a whitelist: never the request's text. */
    public interface SortColumn {
        String wire();

        String column();
    }

    public static <S extends Enum<S> & SortColumn> PageRequest<S> read(Query query, Class<S> columns, S defaultColumn) {
        List<String> names = java.util.Arrays.stream(columns.getEnumConstants()).map(SortColumn::wire).toList();
        int page = query.integer("page", 1, 1, MAX_PAGE);
        int limit = query.integer("limit", 20, 1, 100);
        String sortBy = query.oneOf("sort_by", defaultColumn.wire(), names);
        String order = query.oneOf("sort_order", "desc", List.of("asc", "desc"));
        S column = java.util.Arrays.stream(columns.getEnumConstants())
                .filter(c -> c.wire().equals(sortBy)).findFirst().orElseThrow();
        return new PageRequest<>(page, limit, column, order.equals("desc"));
    }

    public long offset() {
        return (long) (page - 1) * limit;
    }

    /** ORDER BY with nulls last in both directions and the id as the tie-breaker. */
    public String orderBy(String idColumn) {
        String direction = descending ? " DESC" : " ASC";
        return " ORDER BY " + sortBy.column() + direction + " NULLS LAST, " + idColumn + direction;
    }

    /** The list body: the items under their name, and the pagination block. */
    public java.util.Map<String, Object> page(String name, List<?> items, long total) {
        long pages = total == 0 ? 0 : (total + limit - 1) / limit;
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put(name, items);
        body.put("pagination", new Pagination(page, limit, total, pages));
        return body;
    }

    public record Pagination(int page, int limit, long total, long totalPages) {
    }
}
