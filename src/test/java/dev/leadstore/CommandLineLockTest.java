package dev.leadstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.Cli;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** A command against an embedded database that a running server holds says so at once. */
class CommandLineLockTest {
    /** What the pool would wait before giving up, were the file not checked first. */
    private static final long POOL_WAIT_MILLIS = 10_000;

    @Test
    void a_command_on_an_embedded_database_held_by_a_server_fails_at_once_naming_the_cause() {
        try (TestDatabase database = TestDatabase.h2();
             TestApp server = TestApp.start(database, Clock.systemUTC(), null)) {
            long started = System.nanoTime();
            Cli.Result result = Cli.run(database.environment(), "accounts", "list");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.refusal()).as(result.toString()).containsExactly("leadstore accounts list: the embedded "
                    + "database in LEADSTORE_DATA_DIR is in use by a running server; stop it first, or use the operator "
                    + "API (/admin/v1, enabled by LEADSTORE_ADMIN_TOKEN)");
            assertThat(result.out()).isEmpty();
            // The whole child JVM, start-up included, in well under the pool's wait (it took 12 s before).
            assertThat(millis).as("milliseconds").isLessThan(POOL_WAIT_MILLIS / 2);
            server.http().get("/health").expectStatus(200);
        }
    }
}
