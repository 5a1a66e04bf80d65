package dev.leadstore.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a growing log file line by line from an offset, as `tail -f` does. The child writes the
 * file itself (no pipe through this JVM), so a server's chatter under load costs its driver nothing.
 */
final class LogFollower {
    private final Path file;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private long offset;

    LogFollower(Path file, long offset) {
        this.file = file;
        this.offset = offset;
    }

    /** The complete lines written since the last call. */
    List<String> newLines() {
        List<String> lines = new ArrayList<>();
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(offset);
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                offset += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines.add(partial.toString(StandardCharsets.UTF_8));
                        partial.reset();
                    } else {
                        partial.write(buffer[i]);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** The last lines of a file, read from its end: a log under load may be very large. */
    static String tail(Path file, int count) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - 256L * count);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            List<String> lines = List.of(new String(bytes, StandardCharsets.UTF_8).split("\n"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
