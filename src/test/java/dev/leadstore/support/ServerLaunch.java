package dev.leadstore.support;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a server process is started: the environment that configures it, its port (0: any free one,
 * read from its "listening" line), the JVM options, the shaded jar to run (null: the running JVM's
 * classpath) and the log file its output is appended to (null: a temporary file).
 */
public record ServerLaunch(Map<String, String> environment, int port, List<String> jvmOptions, Path jar, Path log) {
    /** Quick to start and small: what tests use. */
    public static final List<String> TEST_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m");

    public ServerLaunch {
        environment = Map.copyOf(environment);
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** The tests' launch: any free port, the test JVM options, the classpath, a temporary log. */
    public static ServerLaunch of(Map<String, String> environment) {
        return new ServerLaunch(environment, 0, TEST_JVM, null, null);
    }

    public ServerLaunch with(String variable, String value) {
        Map<String, String> more = new HashMap<>(environment);
        more.put(variable, value);
        return new ServerLaunch(more, port, jvmOptions, jar, log);
    }

    /** A port of its own, kept across restarts, so that clients find a restarted server where it was. */
    public ServerLaunch onFreePort() {
        return new ServerLaunch(environment, ServerProcess.freePort(), jvmOptions, jar, log);
    }

    public ServerLaunch jvm(String... options) {
        return new ServerLaunch(environment, port, List.of(options), jar, log);
    }

    public ServerLaunch fromJar(Path shadedJar) {
        return new ServerLaunch(environment, port, jvmOptions, shadedJar, log);
    }

    public ServerLaunch logTo(Path file) {
        return new ServerLaunch(environment, port, jvmOptions, jar, file);
    }
}
