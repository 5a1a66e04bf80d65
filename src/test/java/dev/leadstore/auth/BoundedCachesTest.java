package dev.leadstore.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadstore.account.Account;
import dev.leadstore.account.AccountInput;
import dev.leadstore.account.AccountStore;
import dev.leadstore.account.Plan;
import dev.leadstore.base.ApiException;
import dev.leadstore.base.Metrics;
import dev.leadstore.base.Patch;
import dev.leadstore.db.Database;
import dev.leadstore.db.Invalidation;
import dev.leadstore.support.Http;
import dev.leadstore.support.MutableClock;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The server's in-memory maps hold at most their bound, and forget what has aged out. */
class BoundedCachesTest {
    private static final Instant START = Instant.parse("2026-03-02T10:00:10Z");

    @Test
    void failed_attempts_remember_at_most_their_bound_of_addresses_and_still_refuse_a_guesser() {
        MutableClock clock = new MutableClock(START);
        FailedAttempts failures = new FailedAttempts(3, clock, 50, Metrics.none());
        for (int i = 0; i < 5_000; i++) {
            failures.failed("10.0." + (i / 256) + "." + (i % 256), clock.millis());
        }
        assertThat(failures.size()).isBetween(1L, 50L);

        for (int i = 0; i < 3; i++) {
            failures.failed("192.0.2.1", clock.millis());
        }
        assertThatThrownBy(() -> failures.failed("192.0.2.1", clock.millis())).isInstanceOf(ApiException.class);
    }

    @Test
    void failed_attempts_forget_an_address_two_minutes_after_its_last_failure() {
        MutableClock clock = new MutableClock(START);
        FailedAttempts failures = new FailedAttempts(3, clock, Metrics.none());
        failures.failed("192.0.2.1", clock.millis());
        failures.failed("192.0.2.2", clock.millis());
        assertThat(failures.size()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(90));
        failures.failed("192.0.2.2", clock.millis());
        clock.advance(Duration.ofSeconds(31));

        assertThat(failures.size()).isEqualTo(1);
    }

    @Test
    void last_use_is_due_once_a_minute_per_key_and_holds_at_most_its_bound() {
        MutableClock clock = new MutableClock(START);
        LastUse lastUse = new LastUse(clock, 20);
        assertThat(lastUse.due("key_a")).isTrue();
        assertThat(lastUse.due("key_a")).isFalse();
        clock.advance(Duration.ofSeconds(59));
        assertThat(lastUse.due("key_a")).isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(lastUse.due("key_a")).isTrue();

        for (int i = 0; i < 2_000; i++) {
            lastUse.due("key_" + i);
        }
        assertThat(lastUse.size()).isBetween(1L, 20L);
        clock.advance(Duration.ofMinutes(2));
        assertThat(lastUse.size()).isZero();
    }

    @Test
    void the_key_cache_holds_at_most_its_bound_of_keys_and_every_key_still_authenticates() {
        try (TestDatabase db = TestDatabase.h2(); Database database = Database.open(db.config(null).database());
             Invalidation invalidation = Invalidation.listening(db.config(null).database())) {
            MutableClock clock = new MutableClock(START);
            Account account = new AccountStore(database.jdbi(), invalidation).create(
                    new AccountInput(Patch.of("bounded"), Patch.of(Plan.PRO), Patch.absent()), START);
            KeyStore keys = new KeyStore(database.jdbi(), invalidation);
            KeyCache cache = new KeyCache(keys, invalidation, clock, 8);
            for (int i = 0; i < 60; i++) {
                ApiKey key = keys.create(account.id(), new KeyInput("k" + i, List.of("*"), null, null), START);
                Optional<KeyStore.StoredKey> found = cache.find(ApiKeys.hash(key.key()));
                assertThat(found).isPresent();
                assertThat(cache.find(ApiKeys.hash(key.key()))).isPresent();
            }
            assertThat(cache.size()).isBetween(1L, 8L);
        }
    }

    /**
     * A key changed in the database behind the server's back (no notification) is served from the
     * cache until the entry's time to live ends; then the keys table is read again.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.leadstore.support.TestApp#databases")
    void a_cached_key_is_read_again_from_the_database_once_its_time_to_live_ends(String kind) throws Exception {
        MutableClock clock = new MutableClock(START);
        try (TestApp app = TestApp.start(TestDatabase.of(kind), clock, null)) {
            String account = app.newAccount("enterprise");
            Http api = app.as(app.newKey(account, "*"));
            api.get("/external/v1/contacts").expectStatus(200);
            try (Connection connection = app.database().connect();
                 PreparedStatement revoke = connection.prepareStatement(
                         "UPDATE api_keys SET revoked_at = ? WHERE account_id = ?")) {
                revoke.setLong(1, START.toEpochMilli());
                revoke.setString(2, account);
                assertThat(revoke.executeUpdate()).isEqualTo(1);
            }
            clock.advance(KeyCache.TIME_TO_LIVE.minusSeconds(5));
            api.get("/external/v1/contacts").expectStatus(200);

            clock.advance(Duration.ofSeconds(10));
            assertThat(api.get("/external/v1/contacts").errorCode()).isEqualTo("INVALID_API_KEY");
        }
    }
}
