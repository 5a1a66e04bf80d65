package dev.leadstore;

import dev.leadstore.account.AccountHandlers;
import dev.leadstore.auth.FailedAttempts;
import dev.leadstore.auth.InFlight;
import dev.leadstore.auth.KeyAuth;
import dev.leadstore.auth.KeyCache;
import dev.leadstore.auth.KeyHandlers;
import dev.leadstore.auth.OperatorAuth;
import dev.leadstore.auth.SelfHandler;
import dev.leadstore.base.Metrics;
import dev.leadstore.contact.ContactBatch;
import dev.leadstore.contact.ContactHandlers;
import dev.leadstore.contact.ContactStore;
import dev.leadstore.contact.Counts;
import dev.leadstore.contact.TagCounts;
import dev.leadstore.db.Database;
import dev.leadstore.db.Invalidation;
import dev.leadstore.event.EventHandlers;
import dev.leadstore.event.EventLog;
import dev.leadstore.http.ClientAddress;
import dev.leadstore.http.DocsPage;
import dev.leadstore.http.OpenApiDocument;
import dev.leadstore.idempotency.Idempotency;
import dev.leadstore.idempotency.IdempotencyStore;
import dev.leadstore.opportunity.OpportunityHandlers;
import dev.leadstore.opportunity.OpportunityStore;
import dev.leadstore.ratelimit.InMemoryRateLimiter;
import dev.leadstore.ratelimit.RateLimiter;
import dev.leadstore.ratelimit.RedisRateLimiter;
import dev.leadstore.web.Dashboard;
import dev.leadstore.webhook.Dispatcher;
import dev.leadstore.webhook.WebhookHandlers;
import dev.leadstore.webhook.WebhookStore;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Map;

/**
 * The composition root: every long-lived object of the server is made here, from the database up
 * to the route table, and handed down by constructor. Created unstarted.
 */
public final class Leadstore implements AutoCloseable {
    private final Config config;
    private final Database database;
    private final Invalidation invalidation;
    private final RateLimiter limiter;
    private final Stores stores;
    private final EventLog events;
    private final Chores chores;
    private final Dispatcher dispatcher;
    private final Javalin app;
    private final PrometheusMeterRegistry meters;
    private final AutoCloseable jvmMeters;
    private final Metrics metrics;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Leadstore(Config config, Clock clock) {
        this.config = config;
        this.meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.jvmMeters = Meters.bindJvm(meters);
        this.metrics = new Metrics(meters);
        this.database = Database.open(config.database(), meters);
        this.invalidation = Invalidation.listening(config.database(),
                java.time.Duration.ofSeconds(config.invalidationCheckSeconds()));
        this.limiter = config.redisUrl() == null ? new InMemoryRateLimiter()
                : new RedisRateLimiter(config.redisUrl(), "leadstore:ratelimit:");
        this.stores = Stores.over(database, invalidation);
        var jdbi = database.jdbi();
        this.events = EventLog.open(jdbi, database.postgres(), config.eventsEnabled(), metrics);
        WebhookStore webhookStore = new WebhookStore(jdbi, database.postgres());
        this.chores = new Chores(events, webhookStore, config.eventRetentionDays(), clock);
        this.dispatcher = new Dispatcher(webhookStore, events, config.webhooks(), clock, metrics);
        FailedAttempts failures = new FailedAttempts(config.authFailuresPerMinute(), clock, metrics);
        metrics.flag(Metrics.KEY_CACHE_TRUSTED, "1 while the key cache is trusted (PostgreSQL: its listener is up)",
                invalidation::reliable);
        KeyCache keyCache = new KeyCache(stores.keys(), invalidation, clock);
        Counts counts = new Counts(jdbi);
        TagCounts tagCounts = new TagCounts(jdbi);
        ContactStore contactStore = new ContactStore(database, counts, tagCounts, events, config.groupCreates(),
                metrics);
        OpportunityStore opportunityStore = new OpportunityStore(jdbi, events);
        Routes routes = new Routes(
                new KeyAuth(stores.keys(), keyCache, limiter, failures, new InFlight(), clock, metrics),
                new Idempotency(new IdempotencyStore(jdbi), clock),
                new SelfHandler(stores.accounts()),
                new ContactHandlers(contactStore, new ContactBatch(jdbi, counts, tagCounts, events), clock),
                new OpportunityHandlers(opportunityStore, clock),
                new EventHandlers(events, Map.of("cnt", contactStore::exists, "opp", opportunityStore::exists)),
                new WebhookHandlers(webhookStore, events, config.webhooks(), clock),
                config.adminToken() == null ? null : new Routes.Operator(
                        new OperatorAuth(config.adminToken(), failures, clock),
                        new AccountHandlers(stores.accounts(), stores.team(), clock),
                        new KeyHandlers(stores.accounts(), stores.keys(), clock),
                        ctx -> Meters.scrape(ctx, meters)),
                DocsPage.load(),
                OpenApiDocument.load(),
                Dashboard.load(),
                database::healthy);
        this.app = routes.app(config.corsOrigins(), new ClientAddress(config.trustedProxies()), config.benchEndpoint(), metrics);
    }

    public static Leadstore create(Config config) {
        return create(config, Clock.systemUTC());
    }

    public static Leadstore create(Config config, Clock clock) {
        return new Leadstore(config, clock);
    }

    public Leadstore start() {
        app.start(config.port());
        chores.start();
        dispatcher.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    /** The running app, whose registered routes RouteTableDocumentedTest compares with the document. */
    Javalin app() {
        return app;
    }

    Stores stores() {
        return stores;
    }

    /** The event log, as every write appends to it (tests hold its transactions open on purpose). */
    public EventLog events() {
        return events;
    }

    /** Runs the hourly chores (retention of events and webhook deliveries) now, by the server's clock. */
    public void runChores() {
        chores.runNow();
    }

    public Database database() {
        return database;
    }

    /**
     * Stops in order: the HTTP server stops accepting and lets requests in flight finish (up to 30 s),
     * then the background work stops, then the listener, the rate limiter and the pool close.
     * Closing twice does nothing the second time.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        app.stop();
        dispatcher.close();
        chores.close();
        invalidation.close();
        limiter.close();
        database.close();
        Meters.close(jvmMeters);
        meters.close();
    }
}
