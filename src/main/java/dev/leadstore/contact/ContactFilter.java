package dev.leadstore.contact;

import dev.leadstore.db.Cursor;
import dev.leadstore.db.Listing;
import dev.leadstore.db.Where;
import dev.leadstore.db.PageRequest;
import dev.leadstore.db.PageRequest.SortColumn;
import dev.leadstore.http.Query;
import dev.leadstore.person.LinkedInProfiles;
import dev.leadstore.person.PersonFields;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The query of a contact list: filters, sort and page. Text filters are lowercased for matching. */
record ContactFilter(
        String search,
        String email,
        String company,
        String source,
        String linkedinUrl,
        List<String> tags,
        Instant createdAfter,
        Instant createdBefore,
        Instant updatedAfter,
        Instant updatedBefore,
        PageRequest page) {
    private static final List<SortColumn> SORTS = List.of(
            SortColumn.millis("created_at", "c.created_at"),
            SortColumn.millis("updated_at", "c.updated_at"),
            SortColumn.text("name", "c.name_lc", false),
            SortColumn.text("company", "c.company_lc", true));
    private static final SortColumn TAG_CREATED = SortColumn.millis("created_at", "t.created_at");

    /** True when the list has no filter, so its total is the account's contact count. */
    boolean unfiltered() {
        return tags == null && noFilterButTags();
    }

    /** The tag when the list's only filter is one tag, else null. */
    String onlyTag() {
        return tags != null && tags.size() == 1 && noFilterButTags() ? tags.get(0) : null;
    }

    private boolean noFilterButTags() {
        return search == null && email == null && company == null && source == null && linkedinUrl == null
                && createdAfter == null && createdBefore == null && updatedAfter == null && updatedBefore == null;
    }

    /**
     * True for one tag in the default order (by creation): the list then walks that tag's index in
     * contact_tags, which carries each contact's creation time, and joins the 20 contacts of the page.
     * Other orders probe contacts in their own index order for the tag.
     */
    private boolean walksTag() {
        return tags != null && tags.size() == 1 && page.sortBy().wire().equals("created_at");
    }

    /**
     * The statements of this list: walking a tag, the order is that of the tag's index; the total
     * comes from the counters when the list has no filter or one tag only, else it is counted. On H2
     * (`embedded`), which has no trigram index, a text filter reads the (account, search text) index's
     * entries rather than whole rows; its planner would otherwise pick the sort's index.
     */
    Listing.Plan plan(String accountId, boolean embedded) {
        boolean textIndex = embedded && !walksTag() && (search != null || company != null);
        String from = walksTag() ? "contact_tags t JOIN contacts c ON c.account_id = t.account_id AND c.id = t.contact_id"
                : textIndex ? "contacts c USE INDEX (contacts_text)" : "contacts c";
        PageRequest order = walksTag() ? page.sortedBy(TAG_CREATED) : page;
        String idColumn = walksTag() ? "t.contact_id" : "c.id";
        String tag = onlyTag();
        String totalSql = unfiltered() ? ContactSql.TOTAL : tag != null ? ContactSql.TAG_TOTAL : null;
        Map<String, Object> totalValues = tag == null ? Map.of("account", accountId)
                : Map.of("account", accountId, "tag", tag);
        // A page's rows are read by key: through the text index each lookup would scan it.
        String rowsFrom = textIndex ? "contacts c" : from;
        return new Listing.Plan(from, ContactSql.COLUMNS, where(accountId), order, idColumn, totalSql, totalValues,
                rowsFrom);
    }

    /** The WHERE clause of the list. */
    private Where where(String accountId) {
        return (walksTag() ? new Where("t.account_id", accountId).equal("t.tag", "tag", tags.get(0))
                : new Where("c.account_id", accountId).inList("EXISTS (SELECT 1 FROM contact_tags t "
                        + "WHERE t.account_id = c.account_id AND t.contact_id = c.id AND t.tag IN (<tags>))", "tags", tags))
                .contains("search", search, "c.search_lc")
                .equal("c.email_lc", "email", email)
                // The search text holds the company: its index narrows, the company column decides.
                .contains("company", company, "c.search_lc")
                .contains("company", company, "c.company_lc")
                .equal("c.source", "source", source)
                .equal("c.linkedin_key", "linkedin", linkedinUrl)
                .between("c.created_at", "created_after", createdAfter, "created_before", createdBefore)
                .between("c.updated_at", "updated_after", updatedAfter, "updated_before", updatedBefore);
    }

    /** The filter of a list request's query parameters, read by the rules of every list. */
    static ContactFilter read(Query query) {
        ContactFilter filter = new ContactFilter(
                lower(query.text("search")),
                PersonFields.emailKey(query.text("email")),
                lower(query.text("company")),
                query.text("source"),
                LinkedInProfiles.key(query.text("linkedin_url")),
                query.list("tags", 100),
                query.timestamp("created_after"),
                query.timestamp("created_before"),
                query.timestamp("updated_after"),
                query.timestamp("updated_before"),
                null);
        return filter.paged(query.page(SORTS, filter.fingerprint()));
    }

    /** What a cursor of this list must have been made with: the same filters, tags in any order. */
    private String fingerprint() {
        return Cursor.fingerprint("contacts", search, email, company, source, linkedinUrl, tags, createdAfter,
                createdBefore, updatedAfter, updatedBefore);
    }

    /** This filter and order, `limit` contacts a page, past the cursor (or from the start): an export's walk. */
    ContactFilter walking(int limit, Cursor after) {
        return paged(page.walking(limit, after));
    }

    private ContactFilter paged(PageRequest page) {
        return new ContactFilter(search, email, company, source, linkedinUrl, tags, createdAfter, createdBefore,
                updatedAfter, updatedBefore, page);
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
