package dev.leadstore.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.leadstore.db.Invalidation;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The connection that hears other nodes' key changes (PostgreSQL LISTEN) can be lost loudly (its
 * backend terminated) or silently (its peer stops answering). Either way the key cache stops being
 * trusted within a few seconds, and the listener connects again.
 */
@EnabledIfEnvironmentVariable(named = TestDatabase.PG_URL_VARIABLE, matches = ".+")
class InvalidationListenerTest {
    private TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.start(TestDatabase.postgres(), Map.of("LEADSTORE_INVALIDATION_CHECK_SECONDS", "1"));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void a_terminated_listener_stops_the_cache_being_trusted_and_connects_again() throws Exception {
        int listener = awaitListener(-1);
        String account = app.newAccount("enterprise");
        String first = app.newKey(account, "contacts:read");
        app.as(first).get("/external/v1/contacts").expectStatus(200);

        sql("SELECT pg_terminate_backend(" + listener + ")");
        revokeQuietly(first);
        assertThat(app.as(first).get("/external/v1/contacts").errorCode()).isEqualTo("INVALID_API_KEY");

        int again = awaitListener(listener);
        assertThat(again).isNotEqualTo(listener);
        assertTrustedAndHearing(account);
    }

    @Test
    void a_listener_whose_connection_went_silent_stops_the_cache_being_trusted_within_two_checks() throws Exception {
        int listener = awaitListener(-1);
        assumeTrue(isLocalPostgresProcess(listener), "the PostgreSQL server runs on another machine");
        String account = app.newAccount("enterprise");
        String key = app.newKey(account, "contacts:read");
        app.as(key).get("/external/v1/contacts").expectStatus(200);

        assumeTrue(signal("STOP", listener), "cannot pause a PostgreSQL process here");
        try {
            // The connection is open and says nothing, as a half-open one does.
            Thread.sleep(2_500);
            revokeQuietly(key);
            assertThat(app.as(key).get("/external/v1/contacts").errorCode()).isEqualTo("INVALID_API_KEY");
            sql("SELECT pg_terminate_backend(" + listener + ")");
        } finally {
            signal("CONT", listener);
        }

        int again = awaitListener(listener);
        assertThat(again).isNotEqualTo(listener);
        assertTrustedAndHearing(account);
    }

    /**
     * Trusted: a key changed behind the server's back (no notification) is still served from the
     * cache. Hearing: the same change announced as another node announces it reaches the next requests.
     */
    private void assertTrustedAndHearing(String account) throws Exception {
        String key = app.newKey(account, "contacts:read");
        Http api = app.as(key);
        long deadline = System.nanoTime() + 10_000_000_000L;
        boolean served = false;
        while (!served && System.nanoTime() < deadline) {
            api.get("/external/v1/contacts").expectStatus(200);
            api.get("/external/v1/contacts").expectStatus(200);
            revokeQuietly(key);
            served = api.get("/external/v1/contacts").status() == 200;
            if (!served) {
                unrevoke(key);
                Thread.sleep(100);
            }
        }
        assertThat(served).as("the cache serves a key again once the listener is back").isTrue();

        sql("SELECT pg_notify('leadstore_invalidate', '')");
        deadline = System.nanoTime() + 5_000_000_000L;
        int status = api.get("/external/v1/contacts").status();
        while (status == 200 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            status = api.get("/external/v1/contacts").status();
        }
        assertThat(status).isEqualTo(401);
    }

    /** The listener's backend, once there is one other than `previous`. */
    private int awaitListener(int previous) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<Integer> pid = listenerPid();
            if (pid.isPresent() && pid.get() != previous) {
                return pid.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no invalidation listener (other than " + previous + ") in pg_stat_activity");
    }

    private Optional<Integer> listenerPid() throws SQLException {
        try (Connection connection = app.database().connect();
             PreparedStatement query = connection.prepareStatement("SELECT pid FROM pg_stat_activity "
                     + "WHERE application_name = ? AND datname = current_database() ORDER BY backend_start DESC")) {
            query.setString(1, Invalidation.APPLICATION_NAME);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getInt(1)) : Optional.empty();
            }
        }
    }

    /** Revokes a key in the database without telling any server. */
    private void revokeQuietly(String key) throws SQLException {
        sql("UPDATE api_keys SET revoked_at = 1 WHERE key_hash = '" + ApiKeys.hash(key) + "'");
    }

    private void unrevoke(String key) throws SQLException {
        sql("UPDATE api_keys SET revoked_at = NULL WHERE key_hash = '" + ApiKeys.hash(key) + "'");
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = app.database().connect(); Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    private static boolean isLocalPostgresProcess(int pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().command()).map(c -> c.contains("postgres")).orElse(false);
    }

    private static boolean signal(String signal, int pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Integer.toString(pid)).redirectErrorStream(true).start();
        return kill.waitFor() == 0;
    }
}
