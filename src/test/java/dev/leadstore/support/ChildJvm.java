package dev.leadstore.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command of a child JVM running dev.leadstore.Main: the running JVM's java, the shaded jar or
 * else this JVM's own classpath, and an environment holding no LEADSTORE_* variable but the given
 * ones (a developer's shell may well have some set).
 */
final class ChildJvm {
    private ChildJvm() {
    }

    static ProcessBuilder main(List<String> jvmOptions, Path jar, List<String> args, Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(jar != null ? jar.toString() : classpath());
        command.add("dev.leadstore.Main");
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("LEADSTORE_"));
        builder.environment().putAll(environment);
        return builder;
    }

    /** Surefire runs tests from a manifest-only jar; it names the real classpath in its own property. */
    private static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
