package dev.leadstore;

import java.lang.reflect.Proxy;

/**
 * SIGTERM and SIGINT as events rather than as the JVM's exit: the server then stops in order and
 * exits 0. Uses the JDK's sun.misc.Signal (module jdk.unsupported) through reflection, so that its
 * absence costs only the exit status: without it the shutdown hook still stops the server.
 */
final class Signals {
    private Signals() {
    }

    /** Runs `action` on the first SIGTERM or SIGINT; false when this JVM cannot catch signals. */
    static boolean onTerminate(Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object proxy = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handler},
                    (self, method, args) -> {
                        if (method.getName().equals("handle")) {
                            action.run();
                        }
                        return null;
                    });
            for (String name : new String[] {"TERM", "INT"}) {
                Object instance = signal.getConstructor(String.class).newInstance(name);
                signal.getMethod("handle", signal, handler).invoke(null, instance, proxy);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
