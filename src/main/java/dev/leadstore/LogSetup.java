package dev.leadstore;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * How the server logs, from the environment (no logback.xml): to standard error, as plain text or
 * with LEADSTORE_LOG_FORMAT=json one JSON object a line; at LEADSTORE_LOG_LEVEL (info); Flyway and
 * Hikari only from WARN unless the level is debug; the access log (`leadstore.access`) off with
 * LEADSTORE_ACCESS_LOG=off. Lines are written by a background thread, so a request never waits for
 * the terminal or the pipe. A `-Dlogback.configurationFile=…` replaces all of this.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
    /** The access log's logger: one line per request. */
    public static final String ACCESS = "leadstore.access";
    /** The lines waiting for the writer thread before a request waits for room. */
    private static final int QUEUE = 8192;
    /**
     * The text format: time, level, logger, the request's id, account and key when there is a
     * request, and the message.
     */
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0}"
            + "%replace( req=%X{request_id}){' req=$', ''}"
            + "%replace( account=%X{account_id}){' account=$', ''}"
            + "%replace( key=%X{key_id}){' key=$', ''}"
            + " - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configure(context, System.getenv());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Writes every line still queued (the logger's thread stops); before the process exits. */
    static void flush() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }

    static void configure(LoggerContext context, Map<String, String> env) {
        String format = env.getOrDefault("LEADSTORE_LOG_FORMAT", "text").trim().toLowerCase(Locale.ROOT);
        Level level = Level.toLevel(env.getOrDefault("LEADSTORE_LOG_LEVEL", "info").trim(), Level.INFO);
        boolean access = !"off".equals(env.getOrDefault("LEADSTORE_ACCESS_LOG", "on").trim());

        Layout<ILoggingEvent> layout;
        if (format.equals("json")) {
            JsonLineLayout json = new JsonLineLayout();
            json.setContext(context);
            layout = json;
        } else {
            PatternLayout text = new PatternLayout();
            text.setContext(context);
            text.setPattern(TEXT_PATTERN);
            layout = text;
        }
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();

        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("async");
        async.setQueueSize(QUEUE);
        // Never drop a line (the default drops INFO and below when the queue is 80% full).
        async.setDiscardingThreshold(0);
        async.setMaxFlushTime(5_000);
        async.addAppender(console);
        async.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(level);
        root.addAppender(async);
        // Flyway's and Hikari's chatter (and Jetty's and Javalin's start-up lines) only from WARN,
        // unless debugging.
        Level libraries = level.isGreaterOrEqual(Level.WARN) ? level : level.isGreaterOrEqual(Level.INFO) ? Level.WARN
                : level;
        for (String quiet : new String[] {"org.flywaydb", "com.zaxxer.hikari", "org.eclipse.jetty", "io.javalin"}) {
            context.getLogger(quiet).setLevel(libraries);
        }
        if (level.isGreaterOrEqual(Level.INFO)) {
            // Flyway's warning at every start that it was not verified with this H2 version: not news.
            context.getLogger("org.flywaydb.core.internal.database.base.Database").setLevel(Level.ERROR);
        }
        context.getLogger(ACCESS).setLevel(access ? null : Level.OFF);
    }
}
