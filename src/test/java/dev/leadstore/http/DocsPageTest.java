package dev.leadstore.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Browser;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** docs/api.md §7.5: GET /docs renders the OpenAPI document, every asset from Leadstore itself. */
class DocsPageTest {
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    private final TestApp app = TestApp.all().get(0);

    @Test
    void the_page_and_its_assets_are_served_by_leadstore_under_a_policy_without_inline_script() {
        Http.Response page = app.http().get("/docs").expectStatus(200);
        assertThat(page.header("Content-Type").orElseThrow()).startsWith("text/html");
        String policy = page.header("Content-Security-Policy").orElseThrow();
        String scripts = policy.replaceAll(".*script-src ([^;]*).*", "$1");
        assertThat(scripts).as("the page's policy for scripts").isEqualTo("'self'");
        assertThat(policy).contains("default-src 'none'", "frame-ancestors 'none'");
        assertThat(page.body()).doesNotContainPattern("<script>[^<]").doesNotContain("http://", "https://");
        List<String> assets = new ArrayList<>();
        Matcher m = ASSET.matcher(page.body());
        while (m.find()) {
            assets.add(m.group(1));
        }
        assertThat(assets).contains("/docs/swagger-ui-bundle.js", "/docs/docs.js", "/docs/swagger-ui.css");
        for (String asset : assets) {
            Http.Response served = app.http().get(asset);
            assertThat(served.status()).as(asset).isEqualTo(200);
            assertThat(served.body()).as(asset).isNotEmpty();
        }
        assertThat(app.http().get("/docs/nothing-here.js").status()).isEqualTo(404);
    }

    @Test
    void a_real_browser_renders_every_path_of_the_document_without_console_errors() {
        JsonNode document = app.http().get("/openapi.json").expectStatus(200).json();
        Set<String> paths = new TreeSet<>();
        document.get("paths").fieldNames().forEachRemaining(paths::add);
        try (Browser browser = Browser.open(1280, 900)) {
            browser.driver().get(app.baseUrl() + "/docs");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                    .until(d -> d.findElements(By.cssSelector("[data-path]")).size() >= paths.size());
            Set<String> shown = new TreeSet<>();
            for (WebElement element : browser.driver().findElements(By.cssSelector("[data-path]"))) {
                shown.add(element.getAttribute("data-path"));
            }
            assertThat(shown).containsAll(paths);
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }
}
