package dev.leadstore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The targets, judged on one database's figures. PostgreSQL: create ≥ 0.25 × the anchor (one-row
 * insert transactions, pgbench), get by id ≥ 0.45 × the HTTP floor, update ≥ 0.6 × raw update,
 * list p99 growth ≤ 2 × (search ≤ 5 ×) from the smallest to the largest scale, deep page ≤ 10 ×
 * the first page, a cursor page as deep ≤ 2 × the first page, batches, create with events ≥ 0.8 ×
 * create without, grouped creates ≥ 1.0 × each alone (fresh servers), no errors, heap held at 256 MB. H2: create ≥ 0.5 × raw insert, search p99 ≤ 1 s
 * at 100 000 contacts, the same growth and deep-page bounds at its largest scale, no errors, heap
 * held.
 */
final class Targets {
    record Check(String target, String measured, boolean pass) {
    }

    private Targets() {
    }

    static List<Check> judge(Outcome o) {
        List<Check> checks = new ArrayList<>();
        if (o.aborted() != null) {
            checks.add(new Check("the run completes", o.aborted(), false));
        }
        Map<String, Result> api = o.api();
        Map<String, Result> raw = o.limits();
        if (o.postgres()) {
            rate(checks, "create ≥ 0.25 × anchor (one-row insert txn)", api.get(ApiScenarios.CREATE),
                    raw.get(Anchor.NAME), 0.25);
            rate(checks, "get by id ≥ 0.45 × http floor", api.get(ApiScenarios.GET), api.get(ApiScenarios.PING), 0.45);
            rate(checks, "update ≥ 0.60 × raw update", api.get(ApiScenarios.UPDATE), raw.get(RawLimits.UPDATE), 0.6);
            Result batch = api.get(ApiScenarios.BATCH_CREATE);
            checks.add(new Check("batch create ≥ 10 000 contacts/s (4 clients, 1000/request)",
                    batch == null ? "not measured" : String.format("%.0f contacts/s", batch.rate()),
                    batch != null && batch.rate() >= 10_000));
            rate(checks, "batch create ≥ 1.0 × anchor rows/s", batch, raw.get(Anchor.NAME), 1.0);
            rate(checks, "batch upsert of existing ≥ 0.5 × batch create", api.get(ApiScenarios.BATCH_UPSERT), batch, 0.5);
            rate(checks, "create ≥ 0.80 × create without events (fresh servers)", api.get(ApiScenarios.CREATE_EVENTS),
                    api.get(ApiScenarios.CREATE_NO_EVENTS), 0.8);
            rate(checks, "grouped creates ≥ 1.0 × each alone (fresh servers)", api.get(ApiScenarios.CREATE_EVENTS),
                    api.get(ApiScenarios.CREATE_ALONE), 1.0);
        } else {
            rate(checks, "create ≥ 0.50 × raw insert", api.get(ApiScenarios.CREATE), raw.get(RawLimits.INSERT), 0.5);
            searchAt(checks, o, 100_000, 1000);
        }
        growth(checks, o);
        long errors = o.errors();
        checks.add(new Check("zero errors", errors + " errors", errors == 0 && o.aborted() == null));
        checks.add(new Check("server heap capped at 256 MB (" + Stage.HEAP + ") throughout",
                o.heapHeld() ? "no OutOfMemoryError, server alive" : "OutOfMemoryError or server died", o.heapHeld()));
        return checks;
    }

    private static void rate(List<Check> checks, String name, Result scenario, Result limit, double bound) {
        if (scenario == null || limit == null || !(limit.rate() > 0)) {
            checks.add(new Check(name, "not measured" + (limit != null && limit.errors() > 0
                    ? " (" + limit.errors() + " errors in " + limit.name() + ")" : ""), false));
            return;
        }
        double ratio = scenario.rate() / limit.rate();
        checks.add(new Check(name, String.format("%.2f (%.0f / %.0f req/s)", ratio, scenario.rate(), limit.rate()),
                ratio >= bound));
    }

    /** The search list's p99 at one scale, in milliseconds, under a bound. */
    private static void searchAt(List<Check> checks, Outcome o, int scale, double boundMillis) {
        ScaleRun.Scale at = o.scales().get(scale);
        String name = "list search p99 at " + Report.count(scale) + " ≤ " + (int) boundMillis + " ms";
        if (at == null) {
            checks.add(new Check(name, "not measured", false));
            return;
        }
        double p99 = at.queries().get(ScaleRun.SEARCH).p99();
        checks.add(new Check(name, Report.ms(p99) + " ms", p99 <= boundMillis));
    }

    private static void growth(List<Check> checks, Outcome o) {
        if (o.scales().size() < 2) {
            checks.add(new Check("growth bounds", "need two scales", false));
            return;
        }
        List<Integer> scales = List.copyOf(o.scales().keySet());
        int small = scales.get(0);
        int large = scales.get(scales.size() - 1);
        String at = " p99 at " + Report.count(large) + " ≤ ";
        for (String query : List.of(ScaleRun.LIST, ScaleRun.TAGS, ScaleRun.EMAIL, ScaleRun.SEARCH)) {
            double bound = query.equals(ScaleRun.SEARCH) ? 5 : 2;
            Result before = o.scales().get(small).queries().get(query);
            Result after = o.scales().get(large).queries().get(query);
            double ratio = after.p99() / before.p99();
            checks.add(new Check(query + at + (int) bound + " × at " + Report.count(small),
                    String.format("%.2f (%s → %s ms)", ratio, Report.ms(before.p99()), Report.ms(after.p99())),
                    ratio <= bound));
        }
        Result first = o.scales().get(large).queries().get(ScaleRun.LIST);
        Result deep = o.scales().get(large).queries().get(ScaleRun.DEEP);
        double ratio = deep.p99() / first.p99();
        checks.add(new Check("deep page (page " + Math.max(1, large / 100) + ") at " + Report.count(large)
                + " p99 ≤ 10 × first page", String.format("%.2f (%s vs %s ms)", ratio, Report.ms(deep.p99()),
                Report.ms(first.p99())),
                ratio <= 10));
        Result cursor = o.scales().get(large).queries().get(ScaleRun.CURSOR);
        double cursorRatio = cursor.p99() / first.p99();
        checks.add(new Check("cursor page 20 % into " + Report.count(large) + " p99 ≤ 2 × first page",
                String.format("%.2f (%s vs %s ms)", cursorRatio, Report.ms(cursor.p99()), Report.ms(first.p99())),
                cursorRatio <= 2));
    }
}
