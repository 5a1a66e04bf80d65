package dev.leadstore.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium for browser tests: Debian's `chromium` and `chromium-driver`, never a
 * downloaded browser. Where they are not installed the test is skipped with a message saying so
 * (`.ci/run` installs them).
 */
public final class Browser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A fresh browser `width` pixels wide, or the test is skipped when there is none. */
    public static Browser open(int width, int height) {
        return open(width, height, null);
    }

    /** The same, saving what the page downloads into `downloads` without asking (when not null). */
    public static Browser open(int width, int height, Path downloads) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "no browser: install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver) "
                        + "to run the browser tests");
        try {
            Path profile = Files.createTempDirectory("leadstore-browser-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            // The flags this machine's Chromium needs: no sandbox as root, and no calls to Google's hosts,
            // which the closed network refuses.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
            if (downloads != null) {
                options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                        "download.prompt_for_download", false, "download.directory_upgrade", true,
                        "safebrowsing.enabled", false));
            }
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** What the page wrote to the console at level SEVERE (errors, refused resources, policy violations). */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    @Override
    public void close() {
        driver.quit();
        Folders.delete(profile);
    }
}
