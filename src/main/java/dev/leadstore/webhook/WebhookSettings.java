package dev.leadstore.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How webhooks are delivered: the delays between attempts (`1s,1s,1s` is four attempts), whether
 * private addresses may be called (self-hosted setups and tests), and how long a receiver has to
 * answer.
 */
public record WebhookSettings(List<Duration> schedule, boolean allowPrivate, Duration timeout) {
    public static final String DEFAULT_SCHEDULE = "5s,5m,30m,2h,5h,10h,10h";
    private static final int MAX_RETRIES = 20;

    public WebhookSettings {
        schedule = List.copyOf(schedule);
    }

    public static WebhookSettings defaults() {
        return new WebhookSettings(schedule("LEADSTORE_WEBHOOK_RETRY_SCHEDULE", DEFAULT_SCHEDULE), false,
                Duration.ofSeconds(10));
    }

    /** The settings from their variables' values (null: the default); a bad value names its variable. */
    public static WebhookSettings parse(String schedule, String allowPrivate, String timeout) {
        Duration answerWithin = timeout == null ? Duration.ofSeconds(10)
                : duration("LEADSTORE_WEBHOOK_TIMEOUT", timeout.strip());
        if (answerWithin.compareTo(Duration.ofMillis(100)) < 0 || answerWithin.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("LEADSTORE_WEBHOOK_TIMEOUT must be between 100ms and 60s, got: " + timeout);
        }
        boolean lifted = switch (allowPrivate == null ? "false" : allowPrivate.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(
                    "LEADSTORE_WEBHOOK_ALLOW_PRIVATE must be true or false, got: " + allowPrivate);
        };
        return new WebhookSettings(schedule("LEADSTORE_WEBHOOK_RETRY_SCHEDULE",
                schedule == null ? DEFAULT_SCHEDULE : schedule), lifted, answerWithin);
    }

    /** Comma-separated delays like `5s,5m,2h` (units ms, s, m, h, d); empty means a single attempt. */
    static List<Duration> schedule(String name, String value) {
        List<Duration> delays = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                delays.add(duration(name, part.strip()));
            }
        }
        if (delays.size() > MAX_RETRIES) {
            throw new IllegalArgumentException(name + " may list at most " + MAX_RETRIES + " delays, got: " + value);
        }
        return delays;
    }

    private static Duration duration(String name, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int split = 0;
        while (split < lower.length() && Character.isDigit(lower.charAt(split))) {
            split++;
        }
        try {
            if (split == 0 || split > 9) {
                throw new NumberFormatException();
            }
            long amount = Long.parseLong(lower.substring(0, split));
            return switch (lower.substring(split)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must list durations like 5s, 5m, 2h (units ms, s, m, h, d), got: "
                    + text);
        }
    }

    /** Attempts in all: the first and one per delay. */
    public int attempts() {
        return schedule.size() + 1;
    }
}
