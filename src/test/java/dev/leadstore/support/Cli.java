package dev.leadstore.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The command line as an operator runs it: `java dev.leadstore.Main <args>` in a child JVM with no
 * LEADSTORE_* variables but the given ones, and what came of it.
 */
public final class Cli {
    private static final long GUARD_SECONDS = 120;

    private Cli() {
    }

    /** How the command ended and what it printed. */
    public record Result(int exitCode, String out, String err) {
        /** The refusal on standard error: the "leadstore …: message" line and every line after it. */
        public List<String> refusal() {
            List<String> lines = err.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("leadstore")) {
                    return lines.subList(i, lines.size());
                }
            }
            return List.of();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    public static Result run(Map<String, String> environment, String... args) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("leadstore-cli-", ".out");
            err = Files.createTempFile("leadstore-cli-", ".err");
            Process process = ChildJvm.main(ServerLaunch.TEST_JVM, null, List.of(args), environment)
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(GUARD_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("leadstore " + String.join(" ", args) + " did not end in "
                        + GUARD_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            file.toFile().delete();
        }
    }
}
