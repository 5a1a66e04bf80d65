package dev.leadstore;

import java.io.PrintStream;
import java.util.Locale;

/**
 * How far a long command is, on standard error: a bar redrawn in place on a terminal, else a plain
 * line each tenth of the work (for logs and pipes).
 */
final class Progress {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream err;
    private final boolean terminal;
    private final String label;
    private final long total;
    private final long started = System.nanoTime();
    private long lastDrawn;
    private int lastTenth;

    /** `total` is the size of the work in the unit `done` counts (bytes of a file, say). */
    Progress(PrintStream err, boolean terminal, String label, long total) {
        this.err = err;
        this.terminal = terminal;
        this.label = label;
        this.total = Math.max(total, 1);
    }

    /** `done` of the total, and the rows handled so far. */
    void update(long done, long rows) {
        double fraction = Math.min(1.0, (double) done / total);
        if (terminal) {
            long now = System.nanoTime();
            if (now - lastDrawn >= REDRAW_NANOS || fraction >= 1.0) {
                lastDrawn = now;
                int filled = (int) Math.round(fraction * WIDTH);
                err.print(String.format(Locale.ROOT, "\r%s [%s%s] %3d%% %,d rows %,d rows/s", label,
                        "#".repeat(filled), ".".repeat(WIDTH - filled), Math.round(fraction * 100), rows, rate(rows)));
                err.flush();
            }
            return;
        }
        int tenth = (int) Math.floor(fraction * 10);
        if (tenth > lastTenth) {
            lastTenth = tenth;
            err.println(String.format(Locale.ROOT, "%s: %d%% (%d rows, %d rows/s)", label, tenth * 10, rows, rate(rows)));
        }
    }

    /** Ends the bar's line, so what follows starts on its own. */
    void finish() {
        if (terminal && lastDrawn != 0) {
            err.println();
        }
    }

    long rate(long rows) {
        return Math.round(rows / Math.max(seconds(), 0.001));
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
