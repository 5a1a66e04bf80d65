package dev.leadstore.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints one database's tables: limits and scenarios, the growth table, the targets. */
final class Report {
    private static final String ROW = "%-30s %10s %9s %9s %7s %8s %9s %9s%n";

    private Report() {
    }

    static void print(PrintStream out, Outcome o, Options opt) {
        out.println();
        out.printf("=== %s (%s): %d clients, %d s warm-up + %d s measured per scenario, server %s ===%n",
                o.label(), o.version(), opt.clients(), opt.warmupSeconds(), opt.seconds(), Stage.HEAP);
        out.printf(ROW, "scenario", "req/s", "p50 ms", "p99 ms", "errors", "RSS MB", "÷ raw DB", "÷ HTTP");
        Result ping = o.api().get(ApiScenarios.PING);
        out.println("-- limits: raw JDBC (" + opt.clients() + " threads, the server's pool of 16) and the HTTP floor");
        for (Result r : o.limits().values()) {
            row(out, r, null, null);
        }
        if (ping != null) {
            row(out, ping, null, ping);
        }
        out.println("-- scenarios: HTTP, " + opt.clients() + " keep-alive clients, one account of "
                + count(opt.baseRows()) + " seeded contacts");
        for (Result r : o.api().values()) {
            if (r != ping) {
                row(out, r, o.limits().get(rawOf(r.name())), ping);
            }
        }
        printScales(out, o, opt);
        for (Result r : o.all()) {
            for (String sample : r.errorSamples()) {
                out.println("error in " + r.name() + ": " + sample);
            }
        }
        out.println();
        out.println("Targets (" + o.label() + ", " + opt.clients() + " clients):");
        for (Targets.Check c : Targets.judge(o)) {
            out.printf("  %s  %-58s %s%n", c.pass() ? "PASS" : "FAIL", c.target(), c.measured());
        }
        out.flush();
    }

    private static void printScales(PrintStream out, Outcome o, Options opt) {
        if (o.scales().isEmpty()) {
            return;
        }
        List<Integer> scales = List.copyOf(o.scales().keySet());
        out.println();
        out.printf("Growth: one account seeded in bulk; %d clients, %d s warm-up + %d s measured per query; "
                + "p50 / p99 ms%n", opt.clients(), opt.scaleWarmupSeconds(), opt.scaleSeconds());
        StringBuilder header = new StringBuilder(String.format("%-26s", "query"));
        scales.forEach(s -> header.append(String.format(" %19s", count(s))));
        out.println(header.append(String.format(" %9s", "p99 ×")));
        for (String query : ScaleRun.QUERIES) {
            StringBuilder line = new StringBuilder(String.format("%-26s", query));
            for (int s : scales) {
                Result r = o.scales().get(s).queries().get(query);
                line.append(String.format(" %19s", ms(r.p50()) + " / " + ms(r.p99())));
            }
            double first = o.scales().get(scales.get(0)).queries().get(query).p99();
            double last = o.scales().get(scales.get(scales.size() - 1)).queries().get(query).p99();
            out.println(line.append(String.format(" %9.2f", last / first)));
        }
        StringBuilder rates = new StringBuilder(String.format("%-26s", "req/s (all six queries)"));
        StringBuilder seeded = new StringBuilder(String.format("%-26s", "seeded in (s, + VACUUM)"));
        StringBuilder rss = new StringBuilder(String.format("%-26s", "server peak RSS MB"));
        for (int s : scales) {
            ScaleRun.Scale scale = o.scales().get(s);
            double sum = scale.queries().values().stream().mapToDouble(Result::rate).sum();
            rates.append(String.format(" %19.0f", sum));
            seeded.append(String.format(" %19.1f", scale.seedSeconds()));
            rss.append(String.format(" %19d", scale.peakRssMb()));
        }
        out.println(rates);
        out.println(seeded);
        out.println(rss);
        out.println("(deep page: page N/100 of limit 20, i.e. 20 % into the list; page "
                + Math.max(1, scales.get(scales.size() - 1) / 100) + " at " + count(scales.get(scales.size() - 1))
                + "; the cursor page follows it, read by its next_cursor)");
        o.scales().values().forEach(s -> s.explain().forEach(out::println));
    }

    private static void row(PrintStream out, Result r, Result raw, Result ping) {
        out.printf(ROW, r.name(), String.format("%.0f", r.rate()), ms(r.p50()), ms(r.p99()), r.errors(), r.peakRssMb() < 0 ? "–" : Long.toString(r.peakRssMb()),
                raw == null ? "–" : String.format("%.2f", r.rate() / raw.rate()),
                ping == null ? "–" : String.format("%.2f", r.rate() / ping.rate()));
    }

    /** Milliseconds with two decimals, or n/a when no request succeeded. */
    static String ms(double millis) {
        return Double.isNaN(millis) ? "n/a" : String.format("%.2f", millis);
    }

    /** The raw-database limit of an HTTP scenario, if it has one. */
    static String rawOf(String scenario) {
        return Map.of(ApiScenarios.CREATE, RawLimits.INSERT, ApiScenarios.GET, RawLimits.SELECT,
                ApiScenarios.UPDATE, RawLimits.UPDATE, ApiScenarios.LIST, RawLimits.LIST,
                ApiScenarios.SEARCH, RawLimits.SEARCH, ApiScenarios.TAGS, RawLimits.TAGS).getOrDefault(scenario, "");
    }

    /** 1000000 → "1 000 000". */
    static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
    }
}
