package dev.leadstore.db;

import java.util.List;
import java.util.Map;

/**
 * The conditions that seek a cursor page: the rows after the cursor's (sort key, id) in the list's
 * order, found through the sort index like a first page, never by skipping rows. A numbered page
 * has one step without a condition.
 *
 * <p>On a nullable column, whose nulls come last both ways, a page may need two steps: the rest of
 * the values after the key, then the nulls (all of them, or, after a null key, those past the id).
 * Each step is one range of the index; an OR of the two would read the index from its start. An
 * OR within the values ("key beyond, or key equal and id beyond") would read every tie of the key
 * before the id, which is why the seek is a row comparison.
 */
final class Keyset {
    /** A condition appended to the list's WHERE clause, and its values. */
    record Step(String condition, Map<String, Object> values) {
    }

    private Keyset() {
    }

    static List<Step> steps(PageRequest page, String idColumn) {
        Cursor cursor = page.cursor();
        if (cursor == null) {
            return List.of(new Step("", Map.of()));
        }
        String column = page.sortBy().column();
        String beyond = page.descending() ? " < " : " > ";
        if (cursor.key() == null) {
            return List.of(new Step(" AND " + column + " IS NULL AND " + idColumn + beyond + ":after_id",
                    Map.of("after_id", cursor.id())));
        }
        // The row comparison is the seek itself; the bound on the column alone lets every planner see a
        // range of the sort index even where it does not use row comparisons for one.
        Step values = new Step(" AND " + column + " " + beyond.strip() + "= :after_key AND (" + column + ", "
                + idColumn + ")" + beyond + "(:after_key, :after_id)",
                Map.of("after_key", cursor.key(), "after_id", cursor.id()));
        if (!page.sortBy().nullable()) {
            return List.of(values);
        }
        return List.of(values, new Step(" AND " + column + " IS NULL", Map.of()));
    }
}
