package dev.leadstore.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** A key revoked by another server process (here: another instance on the same database) stops working. */
class KeyRevokedElsewhereTest {
    @Test
    @EnabledIfEnvironmentVariable(named = TestDatabase.PG_URL_VARIABLE, matches = ".+")
    void a_key_revoked_by_another_process_stops_working_on_this_server_without_a_restart() throws Exception {
        TestDatabase database = TestDatabase.postgres();
        try (TestApp app = TestApp.start(database, Clock.systemUTC(), null)) {
            String account = app.newAccount("enterprise");
            String key = app.newKey(account, "*");
            Http api = app.as(key);
            api.get("/external/v1/contacts").expectStatus(200);
            String keyId = app.admin().get("/admin/v1/accounts/" + account + "/api-keys").data()
                    .at("/api_keys/0/id").asText();

            try (TestApp other = TestApp.start(database, Clock.systemUTC(), null)) {
                other.admin().delete("/admin/v1/api-keys/" + keyId).expectStatus(200);
            }

            long deadline = System.nanoTime() + 5_000_000_000L;
            int status = api.get("/external/v1/contacts").status();
            while (status == 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                status = api.get("/external/v1/contacts").status();
            }
            assertThat(status).isEqualTo(401);
        }
    }
}
