package dev.leadstore.http;

import dev.leadstore.base.ApiException;
import dev.leadstore.base.ErrorCode;
import dev.leadstore.base.Text;
import dev.leadstore.base.Timestamps;
import dev.leadstore.db.Cursor;
import dev.leadstore.db.PageRequest;
import dev.leadstore.db.PageRequest.SortColumn;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Typed, strict reading of query parameters; a bad value is INVALID_PARAMETER naming it. */
public final class Query {
    public static final int MAX_VALUE_LENGTH = 1000;
    private final Function<String, String> parameters;

    /** Reads the parameters of a request whose raw query string {@link QueryString} has checked. */
    public Query(Context ctx) {
        this(ctx::queryParam);
    }

    /** Reads parameters by name, null for those absent. */
    public Query(Function<String, String> parameters) {
        this.parameters = parameters;
    }

    /** The value, or null when absent; an empty value counts as absent. */
    public String text(String name) {
        String value = parameters.apply(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (Text.length(value) > MAX_VALUE_LENGTH) {
            throw ApiException.invalidParameter(name, "must be at most " + MAX_VALUE_LENGTH + " characters");
        }
        String problem = Text.problem(value, false);
        if (problem != null) {
            throw ApiException.invalidParameter(name, problem);
        }
        return value;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        String value = parameters.apply(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            // ASCII digits only: Character.isDigit would read "٣" as 3.
            if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new NumberFormatException();
            }
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw ApiException.invalidParameter(name, "must be a whole number from " + min + " to " + max);
        }
    }

    public Instant timestamp(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        Instant instant = Timestamps.parse(value);
        if (instant == null) {
            throw ApiException.invalidParameter(name, Timestamps.RULE);
        }
        return instant;
    }

    /** One of the given words, or the default when absent. */
    public String oneOf(String name, String defaultValue, List<String> allowed) {
        String value = parameters.apply(name);
        if (value == null) {
            return defaultValue;
        }
        if (!allowed.contains(value)) {
            throw ApiException.invalidParameter(name, "must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    /**
     * Reads page or cursor, limit, sort_by (one of `columns`, the first being the default) and
     * sort_order. A cursor must come from a list with the same sort and the same filters, whose
     * fingerprint is `filters`.
     */
    public PageRequest page(List<SortColumn> columns, String filters) {
        String token = parameters.apply("cursor");
        if (token != null && parameters.apply("page") != null) {
            throw ApiException.invalidParameter("cursor", "cannot be given with page");
        }
        int page = integer("page", 1, 1, PageRequest.MAX_PAGE);
        int limit = integer("limit", 20, 1, 100);
        String sortBy = oneOf("sort_by", columns.get(0).wire(), columns.stream().map(SortColumn::wire).toList());
        String order = oneOf("sort_order", "desc", List.of("asc", "desc"));
        SortColumn column = columns.stream().filter(c -> c.wire().equals(sortBy)).findFirst().orElseThrow();
        boolean descending = order.equals("desc");
        Cursor cursor = token == null ? null : cursor(token, column, descending, filters);
        return new PageRequest(page, limit, column, descending, filters, cursor);
    }

    private static Cursor cursor(String token, SortColumn column, boolean descending, String filters) {
        Cursor cursor = Cursor.decode(token);
        if (cursor == null) {
            throw ApiException.invalidParameter("cursor", "must be a next_cursor as this list returned it");
        }
        if (!cursor.sortBy().equals(column.wire()) || cursor.descending() != descending) {
            throw ApiException.invalidParameter("cursor", "was made for sort_by=" + cursor.sortBy() + "&sort_order="
                    + (cursor.descending() ? "desc" : "asc") + "; send the sort and filters of its first page");
        }
        if (!cursor.filters().equals(filters)) {
            throw ApiException.invalidParameter("cursor", "was made for other filters; "
                    + "send the sort and filters of its first page");
        }
        try {
            return cursor.withKey(column.bindable(cursor.key()));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("cursor", "must be a next_cursor as this list returned it");
        }
    }

    /** A comma-separated list, items trimmed, empty items dropped; null when none. */
    public List<String> list(String name, int maxItems) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        List<String> items = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .distinct().toList();
        if (items.size() > maxItems) {
            throw ApiException.invalidParameter(name, "must list at most " + maxItems + " values");
        }
        return items.isEmpty() ? null : items;
    }
}
