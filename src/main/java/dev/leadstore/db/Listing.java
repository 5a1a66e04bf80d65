package dev.leadstore.db;

import dev.leadstore.http.PageRequest;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** One page of a list and the total number of rows matching its filters. */
public record Listing<T>(List<T> items, long total) {

    /** Counts the matches, then reads the requested page in the requested order. */
    public static <T> Listing<T> fetch(Handle h, String from, String columns, Where where,
                                       PageRequest<?> page, String idColumn, RowMapper<T> mapper) {
        long total = where.bind(h.createQuery("SELECT COUNT(*) FROM " + from + where.sql())).mapTo(Long.class).one();
        if (total <= page.offset()) {
            return new Listing<>(List.of(), total);
        }
        List<T> items = where.bind(h.createQuery("SELECT " + columns + " FROM " + from + where.sql()
                        + page.orderBy(idColumn) + " LIMIT :limit OFFSET :offset"))
                .bind("limit", page.limit()).bind("offset", page.offset())
                .map(mapper).list();
        return new Listing<>(items, total);
    }
}
