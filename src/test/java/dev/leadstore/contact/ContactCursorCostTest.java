package dev.leadstore.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadstore.db.Cursor;
import dev.leadstore.db.Listing;
import dev.leadstore.support.Positional;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cursor page costs what the first page costs, at any depth: on PostgreSQL its statement (as the
 * store plans it) seeks into the sort index and reads the page's rows and one more, without a sort,
 * for every sort, both orders, a key shared by hundreds of contacts and a company that is null.
 */
class ContactCursorCostTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 6000;
    private static TestDatabase database;
    private static TestApp app;
    private static String account;

    @BeforeAll
    static void an_account_with_thousands_of_contacts_and_many_ties() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgresConfigured(), "PostgreSQL only");
        database = TestDatabase.postgres();
        app = TestApp.start(database, Clock.systemUTC(), null);
        account = app.newAccount("enterprise");
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO contacts (account_id, id, name, name_lc, company, company_lc, source, tags, "
                    + "custom_fields, created_at, updated_at, search_lc) SELECT '" + account + "', "
                    + "'cnt_' || LPAD(g::text, 12, '0'), 'N' || (g % 5), 'n' || (g % 5), "
                    + "CASE WHEN g % 3 = 0 THEN NULL ELSE 'C' || (g % 4) END, "
                    + "CASE WHEN g % 3 = 0 THEN NULL ELSE 'c' || (g % 4) END, 'other', '[]', '{}', "
                    + "1000000 + g / 2, 2000000 + g, '' FROM generate_series(1, " + ROWS + ") g");
            s.execute("ANALYZE contacts");
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
            database.close();
        }
    }

    @Test
    void a_deep_cursor_page_reads_no_more_rows_than_the_first_page_and_sorts_nothing() throws Exception {
        // Keys in the middle of the account, each shared by many contacts (ties broken by the id).
        Object[][] positions = {
                {"created_at", 1000000L + ROWS / 4, "cnt_" + pad(ROWS / 2)},
                {"updated_at", 2000000L + ROWS / 2, "cnt_" + pad(ROWS / 2)},
                {"name", "n2", "cnt_" + pad(ROWS / 2 + 2)},
                {"company", "c1", "cnt_" + pad(ROWS / 2 + 1)},
                {"company", null, "cnt_" + pad(ROWS / 2)}};
        try (Connection c = database.connect()) {
            for (Object[] position : positions) {
                for (boolean descending : List.of(true, false)) {
                    Map<String, String> query = Map.of("sort_by", (String) position[0], "sort_order",
                            descending ? "desc" : "asc", "limit", "20");
                    String filters = ContactSql.list(account, query).page().filters();
                    String cursor = new Cursor((String) position[0], descending, filters, position[1],
                            (String) position[2]).encode();
                    Map<String, String> deep = new java.util.HashMap<>(query);
                    deep.put("cursor", cursor);
                    String label = position[0] + " " + query.get("sort_order") + " after " + position[1];
                    JsonNode first = explain(c, ContactSql.list(account, query));
                    JsonNode page = explain(c, ContactSql.list(account, deep));
                    assertThat(rowsRead(page)).as(label).isEqualTo(21).isLessThanOrEqualTo(rowsRead(first));
                    assertThat(page.toString()).as(label).doesNotContain("\"Sort\"");
                }
            }
        }
    }

    /** Rows the scans returned or read and dropped. */
    private static long rowsRead(JsonNode plan) {
        long rows = 0;
        if (plan.path("Node Type").asText().contains("Scan")) {
            rows += plan.path("Actual Rows").asLong() + plan.path("Rows Removed by Filter").asLong()
                    + plan.path("Rows Removed by Index Recheck").asLong();
        }
        for (JsonNode child : plan.path("Plans")) {
            rows += rowsRead(child);
        }
        return rows;
    }

    private static JsonNode explain(Connection c, Listing.Plan plan) throws Exception {
        try (PreparedStatement s = Positional.prepare(c, "EXPLAIN (ANALYZE, FORMAT JSON) "
                + plan.pageSql(plan.columns()), plan.pageValues());
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return JSON.readTree(rs.getString(1)).get(0).get("Plan");
        }
    }

    private static String pad(int n) {
        return String.format("%012d", n);
    }
}
