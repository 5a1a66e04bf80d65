package dev.leadstore.base;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What the server counts, in one place: every feature reports through these methods, and GET
 * /metrics shows them in Prometheus text (names there: dots become underscores, counters end in
 * `_total`, timers in `_seconds`). The names are part of the operator's contract (docs/api.md §12.1).
 */
public final class Metrics {
    /** `http_server_requests_seconds{route,method,status}`: count, sum and buckets. */
    public static final String HTTP_REQUESTS = "http.server.requests";
    /** `leadstore_rate_limit_refusals_total{reason}`: 429 answers, by {@link Refusal}. */
    public static final String RATE_LIMIT_REFUSALS = "leadstore.rate.limit.refusals";
    /** `leadstore_events_written_total`: events committed to the event log. */
    public static final String EVENTS_WRITTEN = "leadstore.events.written";
    /**
     * `leadstore_contact_create_groups`: transactions that wrote concurrent creates together, with
     * `_sum` the creates they wrote and `_max` the largest group (see CreateGroups).
     */
    public static final String CREATE_GROUPS = "leadstore.contact.create.groups";
    /** `leadstore_webhook_deliveries_total{outcome}`: delivery attempts, by {@link Delivery}. */
    public static final String WEBHOOK_DELIVERIES = "leadstore.webhook.deliveries";
    /** `leadstore_webhook_backlog`: deliveries waiting to be attempted. */
    public static final String WEBHOOK_BACKLOG = "leadstore.webhook.backlog";
    /** `leadstore_key_cache_trusted`: 1 while the key cache may be used (PostgreSQL: the listener is up). */
    public static final String KEY_CACHE_TRUSTED = "leadstore.key.cache.trusted";

    /** The latency buckets of every route (seconds): few, so that routes × statuses stay cheap to scrape. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    /** Why a request was refused with 429. */
    public enum Refusal {
        /** The key's hourly limit. */
        HOURLY,
        /** The key's requests in flight. */
        IN_FLIGHT,
        /** Too many invalid credentials from one address. */
        AUTH_FAILURES
    }

    /** What became of one webhook delivery attempt. */
    public enum Delivery {
        /** The receiver answered 2xx. */
        DELIVERED,
        /** The attempt failed and will be tried again. */
        FAILED,
        /** The attempt failed and was the last one. */
        ABANDONED
    }

    private final MeterRegistry registry;
    private final Counter eventsWritten;
    private final DistributionSummary createGroups;
    /** The request timers made so far: finding one in the registry by its tags took longer than recording. */
    private final ConcurrentHashMap<RequestKey, Timer> requestTimers = new ConcurrentHashMap<>();

    private record RequestKey(String route, String method, int status) {
    }
    private final AtomicReference<Supplier<? extends Number>> backlog = new AtomicReference<>(() -> 0);

    public Metrics(MeterRegistry registry) {
        this.registry = registry;
        this.eventsWritten = Counter.builder(EVENTS_WRITTEN).description("Events committed to the event log")
                .register(registry);
        this.createGroups = DistributionSummary.builder(CREATE_GROUPS)
                .description("Transactions writing concurrent creates of one account together, by creates written")
                .register(registry);
        for (Refusal refusal : Refusal.values()) {
            refusalCounter(refusal);
        }
        for (Delivery delivery : Delivery.values()) {
            deliveryCounter(delivery);
        }
        Gauge.builder(WEBHOOK_BACKLOG, backlog, b -> b.get().get().doubleValue())
                .description("Webhook deliveries waiting to be attempted").register(registry);
    }

    /** Counts nothing anyone reads: for the command line and for parts built outside a server. */
    public static Metrics none() {
        return new Metrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** One answered HTTP request: its route template (not its path), method and status. */
    public void request(String route, String method, int status, long nanos) {
        requestTimers.computeIfAbsent(new RequestKey(route, method, status), key -> Timer.builder(HTTP_REQUESTS)
                .description("HTTP requests by route template, method and status")
                .tag("route", key.route()).tag("method", key.method()).tag("status", Integer.toString(key.status()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void refused(Refusal refusal) {
        refusalCounter(refusal).increment();
    }

    public void eventsWritten(int count) {
        eventsWritten.increment(count);
    }

    /** One transaction that wrote this many creates. */
    public void createGroup(int creates) {
        createGroups.record(creates);
    }

    /** For the webhook worker: one delivery attempt and what became of it. */
    public void delivery(Delivery outcome) {
        deliveryCounter(outcome).increment();
    }

    /** For the webhook worker: where the backlog gauge reads the number of deliveries waiting. */
    public void webhookBacklog(Supplier<? extends Number> waiting) {
        backlog.set(waiting);
    }

    /** A 0/1 gauge read at every scrape. */
    public void flag(String name, String description, java.util.function.BooleanSupplier value) {
        Gauge.builder(name, value, v -> v.getAsBoolean() ? 1 : 0).description(description).strongReference(true)
                .register(registry);
    }

    private Counter refusalCounter(Refusal refusal) {
        return Counter.builder(RATE_LIMIT_REFUSALS).description("Requests refused with 429")
                .tag("reason", refusal.name().toLowerCase(Locale.ROOT)).register(registry);
    }

    private Counter deliveryCounter(Delivery delivery) {
        return Counter.builder(WEBHOOK_DELIVERIES).description("Webhook delivery attempts by outcome")
                .tag("outcome", delivery.name().toLowerCase(Locale.ROOT)).register(registry);
    }
}
