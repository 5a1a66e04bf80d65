package dev.leadstore.db;

import dev.leadstore.db.PageRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
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

    public static <T> Listing<T> fetch(Handle h, String from, String columns, Where where, PageRequest page,
                                       String idColumn, RowMapper<T> mapper) {
        return fetch(h, from, columns, where, page, idColumn, null, mapper, null);
    }

    /**
     * Counts the matches (or takes the count from `knownTotal` when one is kept), then reads the
     * requested page in the requested order.
     */
    public static <T> Listing<T> fetch(Handle h, String from, String columns, Where where, PageRequest page,
                                       String idColumn, Function<T, String> idOf, RowMapper<T> mapper,
                                       LongSupplier knownTotal) {
        long total = knownTotal != null ? knownTotal.getAsLong()
                : where.bind(h.createQuery("SELECT COUNT(*) FROM " + from + where.sql())).mapTo(Long.class).one();
        if (total <= page.offset()) {
            return new Listing<>(List.of(), total);
        }
        String window = page.orderBy(idColumn) + " LIMIT :limit OFFSET :offset";
        boolean idsFirst = page.offset() >= DEEP_OFFSET
                || Boolean.TRUE.equals(h.getConfig(SqlStatements.class).getAttribute(IDS_FIRST));
        if (idOf == null || !idsFirst) {
            List<T> items = where.bind(h.createQuery("SELECT " + columns + " FROM " + from + where.sql() + window))
                    .bind("limit", page.limit()).bind("offset", page.offset())
                    .map(mapper).list();
            return new Listing<>(items, total);
        }
        List<String> ids = where.bind(h.createQuery("SELECT " + idColumn + " FROM " + from + where.sql() + window))
                .bind("limit", page.limit()).bind("offset", page.offset())
                .mapTo(String.class).list();
        if (ids.isEmpty()) {
            return new Listing<>(List.of(), total);
        }
        Map<String, T> rows = new HashMap<>();
        where.bind(h.createQuery("SELECT " + columns + " FROM " + from + where.sql()
                        + " AND " + idColumn + " IN (<page_ids>)"))
                .bindList("page_ids", ids)
                .map(mapper).forEach(row -> rows.put(idOf.apply(row), row));
        return new Listing<>(ids.stream().map(rows::get).filter(java.util.Objects::nonNull).toList(), total);
    }
}
