package dev.leadstore;

import dev.leadstore.http.HttpBasics;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/** `leadstore serve`: the API server, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the API server.")
final class Serve implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(Serve.class);

    @Override
    public Integer call() throws InterruptedException {
        Config config = Config.fromEnvironment();
        Leadstore leadstore = Leadstore.create(config);
        leadstore.start();
        Runtime.getRuntime().addShutdownHook(new Thread(leadstore::close, "leadstore-shutdown"));
        Bootstrap.start(leadstore.stores(), leadstore.port(), config.database().embedded(), config.adminToken() != null,
                Clock.systemUTC(), System.out);
        // The listening line comes last: whoever waits for it has everything startup prints.
        System.out.println("Leadstore listening on port " + leadstore.port() + " ("
                + (config.database().embedded()
                        ? "embedded H2 in " + config.dataDir().toAbsolutePath().normalize() : "PostgreSQL")
                + (config.redisUrl() == null ? "" : ", shared rate limits in Redis") + ")");
        System.out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        if (!Signals.onTerminate(stop::countDown)) {
            new CountDownLatch(1).await();
        }
        stop.await();
        // SIGTERM: no new connections; requests in flight finish (up to 30 s); then everything closes.
        LOG.info("stopping: finishing requests in flight (up to {} s)", HttpBasics.STOP_MILLIS / 1000);
        long start = System.nanoTime();
        leadstore.close();
        LOG.info("stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
        LogSetup.flush();
        return 0;
    }
}
