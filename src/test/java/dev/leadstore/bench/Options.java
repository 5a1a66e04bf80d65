package dev.leadstore.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The benchmark's command line. */
record Options(
        List<String> databases,
        int clients,
        int warmupSeconds,
        int seconds,
        List<Integer> scales,
        int scaleWarmupSeconds,
        int scaleSeconds,
        int baseRows,
        boolean explain,
        List<String> sections) {

    /** The parts of a run, in order; `--only` picks some (the limits always run: every ratio needs them). */
    static final List<String> SECTIONS = List.of("scenarios", "fresh", "webhook", "growth");

    static final String USAGE = """
            usage: ./bench [--db h2|postgresql|both] [--clients 16] [--seconds 8] [--warmup 2]
                           [--scales 10000,100000,1000000] [--scale-seconds 4] [--quick] [--no-explain]
              --db             which databases to run (default both: H2, then PostgreSQL)
              --clients        concurrent keep-alive HTTP clients, and JDBC threads for the limits (16)
              --seconds        measured seconds per scenario (8), after --warmup seconds (2)
              --scales         contact counts of the growth table, seeded in bulk (H2 stops at 100000)
              --scale-seconds  measured seconds per query and scale (4, after 1 s of warm-up)
              --quick          a smoke run: 1 s + 2 s per scenario, scales 1000,5000, 1000 base rows
              --no-explain     skip the EXPLAIN ANALYZE summaries at the largest PostgreSQL scale
              --only           a comma-separated subset of scenarios,fresh,webhook,growth (default all):
                               the HTTP scenarios, the creates on fresh servers (events, groups), the
                               webhook run, the growth table; the limits and the anchor always run
            PostgreSQL runs create (and drop) their database on the server that LEADSTORE_TEST_PG_URL
            names, user postgres (default postgresql://127.0.0.1:5432/postgres).
            """;

    static Options parse(String[] args) {
        Options o = new Options(List.of("h2", "postgresql"), 16, 2, 8, List.of(10_000, 100_000, 1_000_000),
                1, 4, 10_000, true, SECTIONS);
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (rest.remove("--quick")) {
            o = new Options(o.databases, o.clients, 1, 2, List.of(1_000, 5_000), 1, 1, 1_000, o.explain, o.sections);
        }
        if (rest.remove("--no-explain")) {
            o = o.withExplain(false);
        }
        for (int i = 0; i < rest.size(); i += 2) {
            String name = rest.get(i);
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (i + 1 >= rest.size()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            o = o.with(name, rest.get(i + 1));
        }
        return o;
    }

    private Options with(String name, String value) {
        return switch (name) {
            case "--db" -> new Options(switch (value) {
                case "h2" -> List.of("h2");
                case "postgresql", "pg" -> List.of("postgresql");
                case "both" -> List.of("h2", "postgresql");
                default -> throw new IllegalArgumentException("--db must be h2, postgresql or both");
            }, clients, warmupSeconds, seconds, scales, scaleWarmupSeconds, scaleSeconds, baseRows, explain, sections);
            case "--clients" -> new Options(databases, positive(name, value), warmupSeconds, seconds, scales,
                    scaleWarmupSeconds, scaleSeconds, baseRows, explain, sections);
            case "--warmup" -> new Options(databases, clients, positive(name, value), seconds, scales,
                    scaleWarmupSeconds, scaleSeconds, baseRows, explain, sections);
            case "--seconds" -> new Options(databases, clients, warmupSeconds, positive(name, value), scales,
                    scaleWarmupSeconds, scaleSeconds, baseRows, explain, sections);
            case "--scales" -> new Options(databases, clients, warmupSeconds, seconds,
                    Arrays.stream(value.split(",")).map(s -> positive(name, s.trim())).sorted().toList(),
                    scaleWarmupSeconds, scaleSeconds, baseRows, explain, sections);
            case "--scale-seconds" -> new Options(databases, clients, warmupSeconds, seconds, scales,
                    scaleWarmupSeconds, positive(name, value), baseRows, explain, sections);
            case "--only" -> {
                List<String> picked = Arrays.stream(value.split(",")).map(String::trim).toList();
                for (String section : picked) {
                    if (!SECTIONS.contains(section)) {
                        throw new IllegalArgumentException("--only takes " + String.join(",", SECTIONS) + ", got " + section);
                    }
                }
                yield new Options(databases, clients, warmupSeconds, seconds, scales, scaleWarmupSeconds, scaleSeconds,
                        baseRows, explain, picked);
            }
            default -> throw new IllegalArgumentException("unknown option " + name);
        };
    }

    private Options withExplain(boolean value) {
        return new Options(databases, clients, warmupSeconds, seconds, scales, scaleWarmupSeconds, scaleSeconds,
                baseRows, value, sections);
    }

    boolean runs(String section) {
        return sections.contains(section);
    }

    /** The scales one database runs: the embedded one stops at 100 000 contacts. */
    List<Integer> scalesFor(String database) {
        return database.equals("h2") ? scales.stream().filter(s -> s <= 100_000).toList() : scales;
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, got " + value);
    }
}
