package dev.leadstore.opportunity;

import dev.leadstore.db.Cursor;
import dev.leadstore.db.Where;
import dev.leadstore.db.PageRequest;
import dev.leadstore.db.PageRequest.SortColumn;
import dev.leadstore.http.Query;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The query of an opportunity list: filters, sort and page. */
record OpportunityFilter(String search, String status, String source, String campaignId, String responsibleUserId,
                         Instant createdAfter, Instant createdBefore, Instant updatedAfter, Instant updatedBefore,
                         PageRequest page) {
    private static final List<SortColumn> SORTS = List.of(
            SortColumn.millis("created_at", "o.created_at"),
            SortColumn.millis("updated_at", "o.updated_at"),
            SortColumn.text("name", "o.name_lc", false),
            SortColumn.text("company", "o.company_lc", true),
            SortColumn.decimal("deal_value", "o.deal_value", true));

    static OpportunityFilter read(Query query) {
        String search = query.text("search");
        OpportunityFilter filter = new OpportunityFilter(
                search == null ? null : search.toLowerCase(Locale.ROOT),
                query.oneOf("status", null, Vocabulary.STATUSES),
                query.oneOf("source", null, Vocabulary.SOURCES),
                query.text("campaign_id"),
                query.text("responsible_user_id"),
                query.timestamp("created_after"),
                query.timestamp("created_before"),
                query.timestamp("updated_after"),
                query.timestamp("updated_before"),
                null);
        return filter.paged(query.page(SORTS, filter.fingerprint()));
    }

    /** What a cursor of this list must have been made with: the same filters. */
    private String fingerprint() {
        return Cursor.fingerprint("opportunities", search, status, source, campaignId, responsibleUserId, createdAfter,
                createdBefore, updatedAfter, updatedBefore);
    }

    private OpportunityFilter paged(PageRequest page) {
        return new OpportunityFilter(search, status, source, campaignId, responsibleUserId, createdAfter, createdBefore,
                updatedAfter, updatedBefore, page);
    }

    Where where(String accountId) {
        return new Where("o.account_id", accountId)
                .contains("search", search, "o.name_lc", "o.email_lc", "o.company_lc")
                .equal("o.status", "status", status)
                .equal("o.source", "source", source)
                .equal("o.campaign_id", "campaign_id", campaignId)
                .equal("o.responsible_user_id", "responsible_user_id", responsibleUserId)
                .between("o.created_at", "created_after", createdAfter, "created_before", createdBefore)
                .between("o.updated_at", "updated_after", updatedAfter, "updated_before", updatedBefore);
    }
}
