package dev.leadstore.webhook;

import dev.leadstore.base.Metrics;
import dev.leadstore.event.EventLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends webhooks in the background. One loop reads the event log below the horizon into pending
 * deliveries (writes of contacts and opportunities do no webhook work) and claims due deliveries
 * for a bounded pool of senders. Everything pending lives in the database: a crash or a restart
 * loses nothing, and with several nodes each attempt is made by one of them.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int SENDERS = 8;
    private static final int FAN_OUT_BATCH = 500;
    private static final long IDLE_MILLIS = 200;
    private static final long SHUTDOWN_GRACE_MILLIS = 2000;

    private final WebhookStore store;
    private final Metrics metrics;
    private final EventLog log;
    private final WebhookSettings settings;
    private final UrlGuard guard;
    private final Clock clock;
    private final Sender sender = new Sender();
    private final Semaphore free = new Semaphore(SENDERS);
    private final Set<WebhookStore.Claim> inFlight = ConcurrentHashMap.newKeySet();
    private final ExecutorService senders;
    private final Thread loop;
    private final Object wake = new Object();
    private long lastWarning = System.nanoTime() - 120_000_000_000L;
    private volatile boolean stopping;

    public Dispatcher(WebhookStore store, EventLog log, WebhookSettings settings, Clock clock, Metrics metrics) {
        this.store = store;
        this.metrics = metrics;
        metrics.webhookBacklog(store::backlog);
        this.log = log;
        this.settings = settings;
        this.guard = new UrlGuard(settings.allowPrivate());
        this.clock = clock;
        AtomicInteger number = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(SENDERS, r -> {
            Thread thread = new Thread(r, "leadstore-webhook-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.loop = new Thread(this::run, "leadstore-webhooks");
        this.loop.setDaemon(true);
    }

    public void start() {
        loop.start();
    }

    private void run() {
        while (!stopping) {
            boolean busy = false;
            try {
                busy = store.fanOut(log, FAN_OUT_BATCH, now()) == FAN_OUT_BATCH;
                int slots = free.availablePermits();
                if (slots > 0) {
                    Instant now = now();
                    List<WebhookStore.Claim> claims = store.claim(now, now.plus(lease()), slots);
                    for (WebhookStore.Claim claim : claims) {
                        free.acquireUninterruptibly();
                        inFlight.add(claim);
                        senders.execute(() -> attempt(claim));
                    }
                    // Claimed some: more may be due; the senders' slots free up as attempts end.
                    busy |= !claims.isEmpty();
                }
            } catch (RuntimeException e) {
                // The database away (an outage) would repeat this every 200 ms: once a minute is enough.
                long now = System.nanoTime();
                if (!stopping && now - lastWarning > 60_000_000_000L) {
                    lastWarning = now;
                    LOG.warn("webhooks: {}", e.toString());
                }
            }
            if (!busy) {
                synchronized (wake) {
                    try {
                        if (!stopping) {
                            wake.wait(IDLE_MILLIS);
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** How long a claimed delivery is held by its attempt: well past the answer's deadline. */
    private Duration lease() {
        return settings.timeout().multipliedBy(2).plusSeconds(10);
    }

    private void attempt(WebhookStore.Claim claim) {
        try {
            Outcome outcome = send(claim);
            if (stopping && outcome.aborted()) {
                store.release(claim, now());
            } else if (outcome.delivered()) {
                store.delivered(claim, outcome.status(), now());
                metrics.delivery(Metrics.Delivery.DELIVERED);
            } else {
                int attempts = claim.attempts() + 1;
                Duration retryIn = outcome.final_() || attempts > settings.schedule().size() ? null
                        : settings.schedule().get(attempts - 1);
                store.attemptFailed(claim, outcome.status() == 0 ? null : outcome.status(), outcome.error(), retryIn, now());
                metrics.delivery(retryIn == null ? Metrics.Delivery.ABANDONED : Metrics.Delivery.FAILED);
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.warn("webhook delivery {}: {}", claim.id(), e.toString());
            }
        } finally {
            inFlight.remove(claim);
            free.release();
            // A free sender: the loop may claim the next due delivery now rather than after its pause.
            synchronized (wake) {
                wake.notifyAll();
            }
        }
    }

    private record Outcome(int status, String error, boolean final_, boolean aborted) {
        boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    private Outcome send(WebhookStore.Claim claim) {
        if (!claim.enabled()) {
            return new Outcome(0, "the webhook is disabled", true, false);
        }
        String body = claim.body();
        if (body == null) {
            Optional<String> event = log.body(claim.accountId(), claim.eventId());
            if (event.isEmpty()) {
                return new Outcome(0, "the event is no longer kept", true, false);
            }
            body = event.get();
        }
        UrlGuard.Target target;
        try {
            target = guard.check(claim.url());
        } catch (UrlGuard.Refused e) {
            return new Outcome(0, "url " + e.getMessage(), false, false);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", claim.eventId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", Signature.sign(claim.secret(), claim.eventId(), timestamp, bytes));
        Sender.Outcome sent = sender.post(target, headers, bytes, settings.timeout());
        String error = sent.error() != null ? sent.error() : sent.delivered() ? null : "answered " + sent.status();
        return new Outcome(sent.status(), error, false, stopping && sent.status() == 0);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Stops claiming, gives the attempts in progress a moment, aborts the rest and hands their
     * deliveries back (due at once): a stop loses no delivery.
     */
    @Override
    public void close() {
        // No interrupts: a thread interrupted inside the embedded database's file I/O closes its file.
        stopping = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            loop.join(5000);
            senders.shutdown();
            if (!senders.awaitTermination(SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                sender.abortAll();
                senders.awaitTermination(SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (WebhookStore.Claim claim : inFlight) {
            try {
                store.release(claim, now());
            } catch (RuntimeException e) {
                LOG.warn("webhook delivery {} not handed back: {}", claim.id(), e.toString());
            }
        }
    }
}
