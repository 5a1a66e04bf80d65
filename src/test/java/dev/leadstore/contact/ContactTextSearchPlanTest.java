package dev.leadstore.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.db.Listing;
import dev.leadstore.support.Http;
import dev.leadstore.support.Positional;
import dev.leadstore.support.TestApp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * `search` and `company` read an index of the search text, never every row of the account: on
 * PostgreSQL its trigram index (whose pending list keeps inserts cheap; the company has no trigram
 * index of its own), on H2 the (account, search text) index. docs/performance.md, "Write path".
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ContactTextSearchPlanTest {
    @Parameter
    TestApp app;

    @Test
    void search_and_company_filters_read_the_search_text_index_and_find_what_they_should() throws Exception {
        Http api = app.newTenant();
        String acme = TestApp.createContact(api, Map.of("name", "Ana", "company", "Acme Widgets")).get("id").asText();
        String named = TestApp.createContact(api, Map.of("name", "Acme Fan", "company", "Other")).get("id").asText();
        assertThat(ids(api.get("/external/v1/contacts?company=widg").expectStatus(200).data()))
                .as("company matches the company only, though the index holds the name too").containsExactly(acme);
        assertThat(ids(api.get("/external/v1/contacts?search=acme").expectStatus(200).data()))
                .containsExactlyInAnyOrder(acme, named);
        boolean embedded = !app.database().isPostgres();
        try (Connection c = app.database().connect()) {
            for (Map<String, String> query : List.of(Map.of("search", "acme"), Map.of("company", "acme"))) {
                Listing.Plan plan = ContactSql.list("acc_x", query, embedded);
                String count = explain(c, plan.countSql(), plan.countValues());
                String page = explain(c, plan.pageSql(plan.columns()), plan.pageValues());
                if (embedded) {
                    assertThat(count).as(query + " count").containsIgnoringCase("CONTACTS_TEXT");
                    assertThat(page).as(query + " page").containsIgnoringCase("CONTACTS_TEXT");
                    // H2 reads a page's ids first, then each row by its key: that lookup must not scan the text index.
                    Map<String, Object> byId = new java.util.HashMap<>(plan.where().values());
                    byId.put("page_id", "cnt_000000000000");
                    String row = explain(c, "SELECT " + plan.columns() + " FROM " + plan.rowsFrom()
                            + plan.where().sql() + " AND c.id = :page_id", byId);
                    assertThat(row).as(query + " row by id").containsIgnoringCase("PRIMARY_KEY")
                            .doesNotContainIgnoringCase("CONTACTS_TEXT");
                } else {
                    // The planner picks by size; what matters is that the trigram index can serve both filters.
                    assertThat(plan.countSql()).as(query + " count").contains("c.search_lc LIKE :");
                }
            }
            if (!embedded) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT reloptions::text FROM pg_class "
                        + "WHERE relname = 'contacts_search'")) {
                    rs.next();
                    assertThat(rs.getString(1)).contains("fastupdate=on").contains("gin_pending_list_limit=512");
                }
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM pg_class "
                        + "WHERE relname = 'contacts_company_trgm'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("the company's trigram index is gone").isZero();
                }
            }
        }
    }

    private static List<String> ids(JsonNode data) {
        List<String> ids = new ArrayList<>();
        data.get("contacts").forEach(contact -> ids.add(contact.get("id").asText()));
        return ids;
    }

    /** The database's plan of a statement with named parameters. */
    private static String explain(Connection c, String sql, Map<String, Object> values) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement s = Positional.prepare(c, "EXPLAIN " + sql, values);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
