package dev.leadstore.db.history.v4companytrigram;

import dev.leadstore.db.history.ListPerformance;

/** V4 as released in bba0172 (and still shipped). */
public class V4__list_performance extends ListPerformance {
    public V4__list_performance() {
        super(Form.COMPANY_TRIGRAM);
    }
}
