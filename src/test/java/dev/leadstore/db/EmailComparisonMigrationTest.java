package dev.leadstore.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * V7: stored emails take their comparison form (IDNA domain) where that loses nothing. Two contacts
 * that already hold two spellings of one address both stay, and the address stays taken.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#databases")
class EmailComparisonMigrationTest {
    @Parameter
    String kind;

    @Test
    void non_ascii_domains_get_their_ascii_form_and_existing_twins_both_survive() {
        TestDatabase target = TestDatabase.of(kind);
        DatabaseSettings settings = target.config(null).database();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.effectiveUser());
        config.setPassword(settings.effectivePassword());
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Flyway flyway = Migrations.flyway(pool, settings.postgres());
            Flyway.configure().configuration(flyway.getConfiguration()).target("6").load().migrate();
            Jdbi.create(pool).useHandle(h -> {
                h.execute("INSERT INTO accounts (id, name, plan, created_at) VALUES ('acc_aaaaaaaaaaaa', 'a', 'pro', 1)");
                h.execute("INSERT INTO contact_counts (account_id, shard, n) VALUES ('acc_aaaaaaaaaaaa', 0, 3)");
                insert(h, "cnt_aaaaaaaaaaa1", "x@münchen.de", 10);
                insert(h, "cnt_aaaaaaaaaaa2", "x@xn--mnchen-3ya.de", 20);
                insert(h, "cnt_aaaaaaaaaaa3", "Y@Bücher.de", 30);
            });
        }
        try (TestApp app = TestApp.start(target, Clock.systemUTC(), null)) {
            var rows = app.leadstore().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT id, email_lc FROM contacts ORDER BY id").map((rs, ctx) -> rs.getString(1) + "=" + rs.getString(2)).list());
            assertThat(rows).containsExactly("cnt_aaaaaaaaaaa1=x@münchen.de", "cnt_aaaaaaaaaaa2=x@xn--mnchen-3ya.de",
                    "cnt_aaaaaaaaaaa3=y@xn--bcher-kva.de");
            Http api = app.as(app.newKey("acc_aaaaaaaaaaaa", "*"));
            assertThat(api.post("/external/v1/contacts", Map.of("name", "n", "email", "y@bücher.de")).errorCode())
                    .isEqualTo("ALREADY_EXISTS");
            assertThat(api.post("/external/v1/contacts", Map.of("name", "n", "email", "x@mu\u0308nchen.de")).json()
                    .at("/error/details/existing_id").asText()).isEqualTo("cnt_aaaaaaaaaaa2");
            assertThat(api.get("/external/v1/contacts").data().at("/pagination/total").asInt()).isEqualTo(3);
        }
    }

    private static void insert(org.jdbi.v3.core.Handle h, String id, String email, long created) {
        String lower = email.toLowerCase(java.util.Locale.ROOT);
        h.createUpdate("INSERT INTO contacts (account_id, id, name, name_lc, email, email_lc, source, tags, custom_fields, "
                        + "created_at, updated_at, search_lc) VALUES ('acc_aaaaaaaaaaaa', :id, 'n', 'n', :email, :lower, "
                        + "'other', '[]', '{}', :created, :created, :search)")
                .bind("id", id).bind("email", email).bind("lower", lower).bind("created", created)
                .bind("search", "n\n" + lower + "\n").execute();
    }
}
