package dev.leadstore;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** `leadstore serve`: the API server, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the API server.")
final class Serve implements Callable<Integer> {
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
        new CountDownLatch(1).await();
        return 0;
    }
}
