package dev.leadstore;

import dev.leadstore.event.EventLog;
import dev.leadstore.webhook.WebhookStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server's background work on a schedule: dropping events, and webhook deliveries, older than their retention. */
final class Chores implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Chores.class);

    private final EventLog events;
    private final WebhookStore webhooks;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "leadstore-chores");
        thread.setDaemon(true);
        return thread;
    });

    Chores(EventLog events, WebhookStore webhooks, int retentionDays, Clock clock) {
        this.events = events;
        this.webhooks = webhooks;
        this.retention = Duration.ofDays(retentionDays);
        this.clock = clock;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
    }

    /** Does now what the schedule does hourly. */
    void runNow() {
        purge();
    }

    private void purge() {
        try {
            int deliveries = webhooks.purge(clock.instant().minus(retention));
            if (deliveries > 0) {
                LOG.info("dropped {} webhook deliveries older than {} days", deliveries, retention.toDays());
            }
            int dropped = events.purge(clock.instant().minus(retention));
            if (dropped > 0) {
                LOG.info("dropped {} events older than {} days", dropped, retention.toDays());
            }
        } catch (RuntimeException e) {
            LOG.warn("event retention: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
