package dev.leadstore.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/api.md §1.11 and §7.1: an unreachable database is 503 SERVICE_UNAVAILABLE, and /health says so.
 * Only PostgreSQL can become unreachable under a running server (it refuses connections here);
 * the embedded H2 database has no such state, and closing its pool is a shutdown, not an outage.
 */
@ParameterizedClass(name = "{0}", allowZeroInvocations = true)
@MethodSource("databasesThatCanBeUnreachable")
class DatabaseOutageTest {
    private static final String CONTACTS = "/external/v1/contacts";

    @Parameter
    String kind;

    static List<String> databasesThatCanBeUnreachable() {
        return TestApp.databases().stream().filter("postgresql"::equals).toList();
    }

    @Test
    void an_unreachable_database_is_503_service_unavailable_and_health_says_so() throws SQLException {
        try (TestApp app = TestApp.start(TestDatabase.of(kind), Clock.systemUTC(), null)) {
            Http api = app.newTenant();
            String path = CONTACTS + "/" + TestApp.createContact(api, Map.of("name", "Before")).get("id").asText();
            String database = app.database().jdbcUrl().replaceAll(".*/([^/?]+)(\\?.*)?$", "$1");

            admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
            try {
                admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
                for (Http.Response response : List.of(api.get(path), api.post(CONTACTS, Map.of("name", "During")))) {
                    ErrorEnvelopeTest.assertError(response, 503, "SERVICE_UNAVAILABLE");
                }
                Http.Response health = app.http().get("/health");
                assertThat(health.status()).isEqualTo(503);
                assertThat(health.header("Content-Type").orElseThrow()).startsWith("application/json");
                ErrorEnvelopeTest.assertNothingInternal(health);
            } finally {
                admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            }

            assertThat(healthAfterRecovery(app)).isEqualTo(200);
            assertThat(api.get(path).expectStatus(200).data().get("name").asText()).isEqualTo("Before");
            assertThat(api.get(CONTACTS).data().at("/pagination/total").asLong()).isEqualTo(1);
        }
    }

    /** The pool reconnects on its own schedule; a few health checks give it the chance. */
    private static int healthAfterRecovery(TestApp app) {
        int status = 0;
        for (int attempt = 0; attempt < 10 && status != 200; attempt++) {
            status = app.http().get("/health").status();
        }
        return status;
    }

    private static void admin(String sql) throws SQLException {
        String url = System.getenv(TestDatabase.PG_URL_VARIABLE);
        try (Connection connection = DriverManager.getConnection(url.startsWith("jdbc:") ? url : "jdbc:" + url,
                "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
