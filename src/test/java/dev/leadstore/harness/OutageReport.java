package dev.leadstore.harness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/** Sorts an outage run's answers by phase and prints the figures and the verdict. */
final class OutageReport {
    private static final String UNAVAILABLE = "503 SERVICE_UNAVAILABLE";
    private static final double RECOVERY_LIMIT_SECONDS = 10;

    private final OutageRun.Timeline t;
    private final List<Client.Reply> load;
    private final List<Client.Reply> health;
    private final List<Client.Reply> burst;
    private final int outageSeconds;
    private final List<String> failures = new ArrayList<>();

    OutageReport(OutageRun.Timeline t, List<Client.Reply> load, List<Client.Reply> health,
                 List<Client.Reply> burst, int outageSeconds) {
        this.t = t;
        this.load = load;
        this.health = health;
        this.burst = burst;
        this.outageSeconds = outageSeconds;
    }

    boolean print(long threadsBefore, long threadsDuring, long threadsAfter) {
        System.out.println();
        System.out.printf("== database outage: PostgreSQL stopped for %d s under load ==%n", outageSeconds);
        boolean sawOutage = phases("", load, r -> r.label().equals(UNAVAILABLE));
        line("burst of " + burst.size() + " at once", burst);
        requireOutageAnswers("the burst", burst, r -> r.label().equals(UNAVAILABLE));
        sawOutage &= phases("/health ", health, r -> r.status() == 503);

        long serverErrors = List.of(load, health, burst).stream().flatMap(List::stream)
                .filter(r -> r.status() == 500).count();
        System.out.printf("%-26s %d%n", "500 answers", serverErrors);
        System.out.printf("%-26s before %d, end of outage %d, after %d%n", "server threads", threadsBefore,
                threadsDuring, threadsAfter);
        if (serverErrors > 0) {
            failures.add(serverErrors + " answers were 500");
        }
        if (!sawOutage) {
            failures.add("no request was answered during the outage");
        }
        failures.forEach(f -> System.out.println("  FAIL: " + f));
        boolean pass = failures.isEmpty();
        System.out.println("RESULT: " + (pass ? "PASS" : "FAIL") + " (bar: during the outage every answer within "
                + OutageRun.LIMIT_MILLIS / 1000 + " s and " + UNAVAILABLE + ", /health 503; no 500; afterwards 2xx"
                + " and /health 200 again within " + (int) RECOVERY_LIMIT_SECONDS + " s, same server process)");
        return pass;
    }

    /**
     * Sorts answers into phases by when they started and ended, prints and checks each; true when
     * some answer came entirely within the outage.
     */
    private boolean phases(String prefix, List<Client.Reply> replies, Predicate<Client.Reply> unavailable) {
        List<Client.Reply> before = select(replies, r -> r.endNanos() < t.stopBegin);
        List<Client.Reply> atStop = select(replies, r -> r.startNanos() < t.stopDone && r.endNanos() >= t.stopBegin);
        List<Client.Reply> during = select(replies, r -> r.startNanos() >= t.stopDone && r.endNanos() < t.startBegin);
        List<Client.Reply> atRestart = select(replies, r -> r.startNanos() >= t.stopDone
                && r.startNanos() < t.startBegin && r.endNanos() >= t.startBegin);
        List<Client.Reply> after = select(replies, r -> r.startNanos() >= t.startBegin);
        line(prefix + "before the outage", before);
        line(prefix + "at the stop", atStop);
        line(prefix + "during the outage", during);
        line(prefix + "at the restart", atRestart);
        line(prefix + "after the restart", after);
        requireAll(prefix + "before the outage", before, Client.Reply::ok);
        requireOutageAnswers(prefix + "at the stop", atStop, unavailable.or(Client.Reply::ok));
        requireOutageAnswers(prefix + "during the outage", during, unavailable);
        requireOutageAnswers(prefix + "at the restart", atRestart, unavailable.or(Client.Reply::ok));
        requireRecovery(prefix + "recovery", after);
        return !during.isEmpty();
    }

    private void line(String phase, List<Client.Reply> replies) {
        Samples samples = new Samples();
        replies.forEach(samples::add);
        System.out.printf("%-26s %5d answers, max %5d ms, p99 %5d ms: %s%n", phase, samples.size(),
                samples.max() / 1000, samples.percentile(99) / 1000, samples.labels());
    }

    /** Every answer within the limit and acceptable to `rule`. */
    private void requireOutageAnswers(String phase, List<Client.Reply> replies, Predicate<Client.Reply> rule) {
        requireAll(phase + " (time)", replies, r -> r.failure() == Client.Failure.NONE
                && r.millis() <= OutageRun.LIMIT_MILLIS);
        requireAll(phase + " (answer)", replies, rule);
    }

    /** After the restart: errors stop within the limit and successes follow, with no restart of the server. */
    private void requireRecovery(String what, List<Client.Reply> after) {
        Comparator<Client.Reply> byEnd = Comparator.comparingLong(Client.Reply::endNanos);
        Client.Reply last = after.stream().filter(r -> !r.ok()).max(byEnd).orElse(null);
        long okSince = after.stream().filter(r -> last == null || r.startNanos() > last.endNanos()).filter(Client.Reply::ok)
                .count();
        Client.Reply firstOk = after.stream().filter(Client.Reply::ok).min(byEnd).orElse(null);
        double recovered = last == null ? 0 : (last.endNanos() - t.startDone) / 1e9;
        System.out.printf("%-26s first 2xx %s after PostgreSQL was ready, last failure %s, %d answers 2xx since%n",
                what, firstOk == null ? "never" : String.format("%.1f s", (firstOk.endNanos() - t.startDone) / 1e9),
                last == null ? "none" : String.format("%.1f s after", recovered), okSince);
        if (recovered > RECOVERY_LIMIT_SECONDS || okSince == 0) {
            failures.add(what + ": not back to 2xx within " + (int) RECOVERY_LIMIT_SECONDS + " s");
        }
    }

    private void requireAll(String phase, List<Client.Reply> replies, Predicate<Client.Reply> rule) {
        List<Client.Reply> broken = select(replies, rule.negate());
        if (!broken.isEmpty()) {
            Client.Reply first = broken.get(0);
            failures.add(String.format("%s: %d of %d break the rule, e.g. %s in %d ms at t=%.1f s", phase,
                    broken.size(), replies.size(), first.label(), first.millis(), t.seconds(first.startNanos())));
        }
    }

    private static List<Client.Reply> select(List<Client.Reply> replies, Predicate<Client.Reply> rule) {
        return replies.stream().filter(rule).toList();
    }
}
