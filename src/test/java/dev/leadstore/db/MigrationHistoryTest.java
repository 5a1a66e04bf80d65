package dev.leadstore.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flywaydb.core.api.output.ValidateResult;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A database left by any earlier release reaches, by the server's own start, the schema a fresh
 * database gets, with a history Flyway accepts, its rows intact and every derived column and
 * counter right (see db/migration/README.md).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#databases")
class MigrationHistoryTest {
    private static final String HISTORY = "SELECT \"version\" AS \"version\", \"description\" AS \"description\", "
            + "\"type\" AS \"type\", \"checksum\" AS \"checksum\", \"success\" AS \"success\" "
            + "FROM \"flyway_schema_history\" ORDER BY \"installed_rank\"";
    /** Per database kind: the schema and history of a fresh database. */
    private static final Map<String, Fresh> FRESH = new ConcurrentHashMap<>();

    @Parameter
    String kind;

    private record Fresh(List<String> schema, List<String> history) {
    }

    @ParameterizedTest(name = "released at {0}")
    @EnumSource(Release.class)
    void a_database_of_an_earlier_release_gets_the_fresh_schema_and_keeps_its_data(Release release) {
        DatabaseSettings settings = TestDatabase.of(kind).config(null).database();
        release.build(settings);
        try (Database database = Database.open(settings)) {
            ValidateResult validation = Migrations.flyway(database.dataSource(), database.postgres()).validateWithResult();
            assertThat(validation.validationSuccessful).as(validation.getAllErrorMessages()).isTrue();
            database.jdbi().useHandle(h -> {
                assertThat(rows(h, HISTORY)).as("history").containsExactlyElementsOf(fresh().history());
                List<String> schema = SchemaSnapshot.of(h, database.postgres());
                assertThat(only(fresh().schema(), schema)).as("only in a fresh database").isEmpty();
                assertThat(only(schema, fresh().schema())).as("only in the migrated database").isEmpty();
                assertDataSurvived(h, release);
            });
        }
    }

    private static void assertDataSurvived(Handle h, Release release) {
        assertThat(rows(h, "SELECT account_id, id, name, email, company, tags, created_at, search_lc FROM contacts"))
                .as("contacts").containsExactlyInAnyOrderElementsOf(FieldData.expectedContacts());
        assertThat(rows(h, "SELECT account_id, contact_id, tag, created_at FROM contact_tags"))
                .as("tags").containsExactlyInAnyOrderElementsOf(FieldData.expectedTags());
        assertThat(rows(h, "SELECT account_id, SUM(n) FROM contact_counts GROUP BY account_id"))
                .as("contact counters").containsExactlyInAnyOrderElementsOf(FieldData.expectedContactCounts());
        assertThat(rows(h, "SELECT account_id, tag, SUM(n) FROM contact_tag_counts GROUP BY account_id, tag"))
                .as("tag counters").containsExactlyInAnyOrderElementsOf(FieldData.expectedTagCounts());
        assertThat(rows(h, "SELECT account_id, id, name, company, deal_value, campaign_id FROM opportunities"))
                .as("opportunities")
                .containsExactlyInAnyOrderElementsOf(release.hasOpportunities() ? FieldData.expectedOpportunities() : List.of());
    }

    private Fresh fresh() {
        return FRESH.computeIfAbsent(kind, k -> {
            try (Database database = Database.open(TestDatabase.of(k).config(null).database())) {
                return database.jdbi().withHandle(h -> new Fresh(SchemaSnapshot.of(h, database.postgres()), rows(h, HISTORY)));
            }
        });
    }

    /** The lines of {@code in} that {@code notIn} lacks, each as often as it lacks it. */
    private static List<String> only(List<String> in, List<String> notIn) {
        List<String> only = new ArrayList<>(in);
        notIn.forEach(only::remove);
        return only;
    }

    /** Each row as a line, as FieldData writes the expected ones. */
    private static List<String> rows(Handle h, String query) {
        return h.createQuery(query).map((rs, ctx) -> {
            Object[] values = new Object[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rs.getString(i + 1);
            }
            return FieldData.row(values);
        }).list();
    }
}
