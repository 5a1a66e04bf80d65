package dev.leadstore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The targets of the issue, judged on one database's figures. PostgreSQL: create ≥ 0.7 × raw
 * insert, get ≥ 0.6 × the HTTP floor, update ≥ 0.6 × raw update, list p99 growth ≤ 2 × (search
 * ≤ 5 ×) from the smallest to the largest scale, deep page ≤ 10 × the first page, no errors, heap
 * held at 256 MB. H2: create ≥ 0.5 × raw insert, the same growth and deep-page bounds at its
 * largest scale (100 000), no errors, heap held.
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
            rate(checks, "create ≥ 0.70 × raw insert", api.get(ApiScenarios.CREATE), raw.get(RawLimits.INSERT), 0.7);
            rate(checks, "get by id ≥ 0.60 × http floor", api.get(ApiScenarios.GET), api.get(ApiScenarios.PING), 0.6);
            rate(checks, "update ≥ 0.60 × raw update", api.get(ApiScenarios.UPDATE), raw.get(RawLimits.UPDATE), 0.6);
        } else {
            rate(checks, "create ≥ 0.50 × raw insert", api.get(ApiScenarios.CREATE), raw.get(RawLimits.INSERT), 0.5);
        }
        growth(checks, o);
        long errors = o.errors();
        checks.add(new Check("zero errors", errors + " errors", errors == 0 && o.aborted() == null));
        checks.add(new Check("server heap capped at 256 MB (" + Stage.HEAP + ") throughout",
                o.heapHeld() ? "no OutOfMemoryError, server alive" : "OutOfMemoryError or server died", o.heapHeld()));
        return checks;
    }

    private static void rate(List<Check> checks, String name, Result scenario, Result limit, double bound) {
        if (scenario == null || limit == null) {
            checks.add(new Check(name, "not measured", false));
            return;
        }
        double ratio = scenario.rate() / limit.rate();
        checks.add(new Check(name, String.format("%.2f (%.0f / %.0f req/s)", ratio, scenario.rate(), limit.rate()),
                ratio >= bound));
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
    }
}
