package dev.leadstore.support;

import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/** Records, at the end of a run, how many tests passed and failed on each database. */
public final class DatabaseCountingListener implements TestExecutionListener {
    private final Map<String, int[]> counts = new TreeMap<>();
    private TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest() || plan == null) {
            return;
        }
        int[] count = counts.computeIfAbsent(database(test), k -> new int[3]);
        count[switch (result.getStatus()) {
            case SUCCESSFUL -> 0;
            case FAILED -> 1;
            case ABORTED -> 2;
        }]++;
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (counts.isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder("Tests by database:\n");
        int[] total = new int[3];
        counts.forEach((db, c) -> {
            out.append(String.format("%s: %d passed, %d failed, %d skipped%n", db, c[0], c[1], c[2]));
            for (int i = 0; i < 3; i++) {
                total[i] += c[i];
            }
        });
        out.append(String.format("total: %d passed, %d failed, %d skipped%n", total[0], total[1], total[2]));
        // Surefire keeps a fork's own output in its report files; the CI script prints this file.
        try {
            java.nio.file.Path file = java.nio.file.Path.of("target", "tests-by-database.txt");
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, out.toString());
        } catch (java.io.IOException e) {
            System.err.print(out);
        }
    }

    private String database(TestIdentifier test) {
        for (TestIdentifier t = test; t != null; t = plan.getParent(t).orElse(null)) {
            String name = t.getDisplayName();
            if (name.contains("postgresql")) {
                return "postgresql";
            }
            if (name.contains("h2")) {
                return "h2";
            }
        }
        return "unit";
    }
}
