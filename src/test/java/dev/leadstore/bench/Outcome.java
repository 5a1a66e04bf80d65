package dev.leadstore.bench;

import java.util.List;
import java.util.Map;

/** Everything measured on one database. `aborted` is null unless the run stopped early. */
record Outcome(
        String kind,
        String version,
        Map<String, Result> limits,
        Map<String, Result> api,
        Map<Integer, ScaleRun.Scale> scales,
        boolean heapHeld,
        String aborted,
        double seconds) {

    boolean postgres() {
        return kind.equals("postgresql");
    }

    String label() {
        return postgres() ? "PostgreSQL" : "H2";
    }

    /** Every error of every scenario, limit and scale query. */
    long errors() {
        long sum = limits.values().stream().mapToLong(Result::errors).sum()
                + api.values().stream().mapToLong(Result::errors).sum();
        for (ScaleRun.Scale s : scales.values()) {
            sum += s.queries().values().stream().mapToLong(Result::errors).sum();
        }
        return sum;
    }

    List<Result> all() {
        List<Result> all = new java.util.ArrayList<>(limits.values());
        all.addAll(api.values());
        scales.values().forEach(s -> all.addAll(s.queries().values()));
        return all;
    }
}
