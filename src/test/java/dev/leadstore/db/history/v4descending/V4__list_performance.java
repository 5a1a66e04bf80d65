package dev.leadstore.db.history.v4descending;

import dev.leadstore.db.history.ListPerformance;

/** V4 as released in 6718453. */
public class V4__list_performance extends ListPerformance {
    public V4__list_performance() {
        super(Form.DESCENDING);
    }
}
