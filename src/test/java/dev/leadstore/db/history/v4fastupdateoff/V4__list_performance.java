package dev.leadstore.db.history.v4fastupdateoff;

import dev.leadstore.db.history.ListPerformance;

/** V4 as released in abbbade. */
public class V4__list_performance extends ListPerformance {
    public V4__list_performance() {
        super(Form.FASTUPDATE_OFF);
    }
}
