package dev.leadstore;

import dev.leadstore.account.AccountStore;
import dev.leadstore.account.AdminHandlers;
import dev.leadstore.account.KeyStore;
import dev.leadstore.account.TeamStore;
import dev.leadstore.auth.FailedAttempts;
import dev.leadstore.auth.KeyAuth;
import dev.leadstore.contact.ContactHandlers;
import dev.leadstore.db.Database;
import dev.leadstore.db.Invalidation;
import dev.leadstore.idempotency.Idempotency;
import dev.leadstore.opportunity.OpportunityHandlers;
import dev.leadstore.ratelimit.InMemoryRateLimiter;
import dev.leadstore.ratelimit.RateLimiter;
import dev.leadstore.ratelimit.RedisRateLimiter;
import io.javalin.Javalin;
import java.time.Clock;

/** The composition root: database, stores, handlers and the route table. Created unstarted. */
public final class Leadstore implements AutoCloseable {
    private final Config config;
    private final Database database;
    private final RateLimiter limiter;
    private final Invalidation invalidation;
    private final AccountStore accounts;
    private final KeyStore keys;
    private final TeamStore team;
    private final Javalin app;

    private Leadstore(Config config, Clock clock) {
        this.config = config;
        this.database = Database.open(config);
        this.limiter = config.redisUrl() == null ? new InMemoryRateLimiter()
                : new RedisRateLimiter(config.redisUrl(), "leadstore:ratelimit:");
        this.invalidation = Invalidation.start(config, database.postgres());
        FailedAttempts failures = new FailedAttempts(config.authFailuresPerMinute());
        this.accounts = new AccountStore(database.jdbi(), invalidation);
        this.keys = new KeyStore(database.jdbi(), invalidation);
        this.team = new TeamStore(database.jdbi());
        this.app = Routes.build(new Routes.Handlers(
                new KeyAuth(keys, invalidation, limiter, failures, clock),
                new Idempotency(database.jdbi(), clock),
                new ContactHandlers(database.jdbi(), clock),
                new OpportunityHandlers(database.jdbi(), clock),
                config.adminToken() == null ? null
                        : new AdminHandlers(accounts, keys, team, clock, config.adminToken(), failures),
                database,
                config.corsOrigins(),
                config.benchEndpoint()));
    }

    public static Leadstore create(Config config) {
        return create(config, Clock.systemUTC());
    }

    public static Leadstore create(Config config, Clock clock) {
        return new Leadstore(config, clock);
    }

    public Leadstore start() {
        app.start(config.port());
        return this;
    }

    public int port() {
        return app.port();
    }

    public AccountStore accounts() {
        return accounts;
    }

    public KeyStore keys() {
        return keys;
    }

    public TeamStore team() {
        return team;
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        app.stop();
        invalidation.close();
        limiter.close();
        database.close();
    }
}
