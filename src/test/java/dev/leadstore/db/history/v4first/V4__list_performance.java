package dev.leadstore.db.history.v4first;

import dev.leadstore.db.history.ListPerformance;

/** V4 as released in 8c27c9d. */
public class V4__list_performance extends ListPerformance {
    public V4__list_performance() {
        super(Form.FIRST);
    }
}
