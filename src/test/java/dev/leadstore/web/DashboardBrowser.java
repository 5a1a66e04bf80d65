package dev.leadstore.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.Browser;
import dev.leadstore.support.Folders;
import dev.leadstore.support.TestApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard of a test server in headless Chromium: signing in, waiting for what a view shows,
 * screenshots under target/screenshots/, and the console errors of the page, of which only the
 * refusals a test provokes on purpose (a 400 for a bad email, say) are allowed.
 */
final class DashboardBrowser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Browser browser;
    private final TestApp app;
    private final List<String> errors = new ArrayList<>();
    private final List<Refusal> expected = new ArrayList<>();

    private final Path downloads;

    private DashboardBrowser(Browser browser, TestApp app, Path downloads) {
        this.browser = browser;
        this.app = app;
        this.downloads = downloads;
    }

    /** A browser of this width (skips the test where there is none) on the app's dashboard. */
    static DashboardBrowser open(TestApp app, int width, int height) {
        Path downloads = Folders.temporary("leadstore-downloads-");
        DashboardBrowser page;
        try {
            page = new DashboardBrowser(Browser.open(width, height, downloads), app, downloads);
        } catch (RuntimeException | Error e) {
            Folders.delete(downloads);
            throw e;
        }
        // Exactly this viewport: a window cannot be made narrower than about 500 px, a phone's screen can.
        page.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 500));
        page.driver().get(app.baseUrl() + "/");
        return page;
    }

    /** The folder the browser saves downloads into, without asking. */
    Path downloads() {
        return downloads;
    }

    /** Waits for one finished download (no partial .crdownload left) and returns it. */
    Path download() {
        return until(d -> {
            try (var files = Files.list(downloads)) {
                List<Path> all = files.toList();
                boolean partial = all.stream().anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
                return all.size() == 1 && !partial ? all.get(0) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    ChromeDriver driver() {
        return browser.driver();
    }

    /** Opens the app at #/view. */
    void go(String view) {
        driver().get(app.baseUrl() + "/#/" + view);
    }

    /** Signs in with an API key and waits for the first view. */
    void signIn(String key) {
        WebElement input = waitFor(By.id("signin-secret"));
        input.sendKeys(key);
        driver().findElement(By.cssSelector(".signin-form button[type=submit]")).click();
        waitFor(By.cssSelector("#nav a[aria-current=page]"));
    }

    /** Signs in as the operator on #/admin and waits for the accounts. */
    void operatorSignIn(String token) {
        go("admin");
        waitFor(By.id("operator-secret")).sendKeys(token);
        driver().findElement(By.cssSelector(".signin-form button[type=submit]")).click();
        until(d -> "ready".equals(d.findElement(By.id("accounts")).getAttribute("data-state")));
    }

    WebElement waitFor(By by) {
        return until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    /** The pager's button with this text. */
    WebElement button(String text) {
        return until(d -> d.findElements(By.cssSelector("#contacts-pager button, .pager-buttons button")).stream()
                .filter(b -> b.getText().strip().equals(text)).findFirst().orElse(null));
    }

    /** Waits for the condition; on a timeout, says what the page showed and what its console said. */
    <T> T until(Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver(), Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);
        try {
            return wait.until(condition);
        } catch (TimeoutException e) {
            Object shown = script("return document.body.innerText.slice(0, 1500);");
            throw new AssertionError("the page did not get there in 15 s; it shows:\n" + shown
                    + "\nconsole errors: " + consoleErrors(), e);
        }
    }

    /** The contacts' names as the table shows them, once the list is loaded (read in one go, as the list may redraw). */
    @SuppressWarnings("unchecked")
    List<String> contactNames() {
        return until(d -> (List<String>) script("""
                const area = document.getElementById('contacts-area');
                if (!area || area.dataset.state !== 'ready' || area.hasAttribute('aria-busy')) return null;
                return [...area.querySelectorAll('.contact-name')].map((e) => e.textContent);"""));
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver()).executeScript(script, args);
    }

    /** Writes target/screenshots/{name}.png: what the viewport shows. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.move(driver().getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's width fits the window: nothing sticks out sideways. */
    void assertNoSidewaysScroll() {
        Number page = (Number) script("return document.documentElement.scrollWidth;");
        Number window = (Number) script("return window.innerWidth;");
        assertThat(page.intValue()).as("page width at a window of %s px", window).isLessThanOrEqualTo(window.intValue());
    }

    /** Allows the console's report of the server refusing `path` with `status`, which the test provokes. */
    void expectRefusal(int status, String path) {
        expected.add(new Refusal(status, path));
    }

    private record Refusal(int status, String path) {
        boolean reports(String error) {
            return (error.contains(path + "?") || error.contains(path + " "))
                    && error.contains("Failed to load resource: the server responded with a status of " + status + " ");
        }
    }

    /** Every console error so far, except the refusals the test expects. */
    List<String> consoleErrors() {
        errors.addAll(browser.consoleErrors());
        return errors.stream().filter(e -> expected.stream().noneMatch(x -> x.reports(e))).toList();
    }

    @Override
    public void close() {
        try {
            assertThat(consoleErrors()).as("console errors").isEmpty();
        } finally {
            browser.close();
            Folders.delete(downloads);
        }
    }
}
