package dev.leadstore.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Webhooks in a real browser, against a server that may call this machine's receiver: one made
 * with its secret shown once, a test ping delivered and signed with that secret, the secret rotated,
 * disabled and deleted; a refused URL shown beside its field.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("servers")
class WebhooksPageTest {
    @Parameter
    TestApp app;

    private WebhookReceiver receiver;

    static List<TestApp> servers() {
        return TestApp.all(WebhookReceiver.SERVER_SETTINGS);
    }

    @BeforeEach
    void receiver() {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void a_webhook_made_in_the_browser_shows_its_secret_once_is_pinged_disabled_and_deleted() {
        String key = Seeds.tenant(app);
        Http api = app.as(key);
        try (DashboardBrowser page = DashboardBrowser.open(app, 1280, 900)) {
            page.signIn(key);
            page.driver().findElement(By.cssSelector("#nav a[href='#/webhooks']")).click();
            page.until(d -> "ready".equals(d.findElement(By.id("webhooks-area")).getAttribute("data-state")));
            page.driver().findElement(By.id("new-webhook")).click();
            page.waitFor(By.id("webhook-url")).sendKeys(receiver.url());
            page.driver().findElement(By.cssSelector("input[name=events][value='opportunity.stage_changed']")).click();
            page.driver().findElement(By.id("webhook-description")).sendKeys("CRM sync");
            page.driver().findElement(By.cssSelector("dialog button[type=submit]")).click();

            String secret = page.waitFor(By.id("webhook-secret")).getAttribute("value");
            assertThat(secret).startsWith("whsec_");
            assertThat(page.driver().findElement(By.id("copy-secret")).getText()).isEqualTo("Copy");
            receiver.secret(secret);
            JsonNode made = api.get("/external/v1/webhooks").expectStatus(200).data().at("/webhooks/0");
            assertThat(made.get("url").asText()).isEqualTo(receiver.url());
            assertThat(made.get("events")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("contact.*", "opportunity.stage_changed");
            assertThat(made.get("description").asText()).isEqualTo("CRM sync");
            String id = made.get("id").asText();
            WebElement row = page.until(d -> d.findElements(By.cssSelector("#webhooks-area tr[data-id='" + id + "']"))
                    .stream().findFirst().orElse(null));
            assertThat(row.getText()).contains(receiver.url(), "CRM sync", "Enabled");
            page.screenshot("webhooks-1280-" + app);
            page.driver().findElement(By.id("secret-done")).click();
            page.until(d -> d.findElements(By.id("webhook-secret")).isEmpty());
            assertThat(page.driver().getPageSource()).as("the secret is shown only once").doesNotContain(secret);

            row(page, id).findElement(By.cssSelector("[data-action=test]")).click();
            WebElement delivered = page.until(d -> d.findElements(
                    By.cssSelector("#deliveries tr[data-status=delivered]")).stream().findFirst().orElse(null));
            assertThat(delivered.findElement(By.cssSelector(".delivery-type")).getText()).isEqualTo("ping");
            assertThat(delivered.findElement(By.cssSelector(".delivery-attempts")).getText()).isEqualTo("1");
            assertThat(delivered.findElement(By.cssSelector(".delivery-code")).getText()).startsWith("2");
            List<WebhookReceiver.Received> pings = receiver.await(r -> r.json().at("/type").asText().equals("ping"), 1,
                    Duration.ofSeconds(10));
            assertThat(pings).hasSize(1);
            assertThat(pings.get(0).valid()).as("signed with the secret the page showed").isTrue();
            page.screenshot("webhook-deliveries-1280-" + app);

            // Two changes delivered; "Replay from…" the first sends the second again, with its own webhook-id.
            TestApp.createContact(api, Map.of("name", "Hook One"));
            TestApp.createContact(api, Map.of("name", "Hook Two"));
            receiver.await(r -> r.json().at("/type").asText().equals("contact.created"), 2, Duration.ofSeconds(10));
            page.driver().findElement(By.id("deliveries-refresh")).click();
            page.until(d -> d.findElements(By.cssSelector("#deliveries tr[data-status=delivered]")).size() == 3);
            String one = named(receiver, "Hook One").get(0).webhookId();
            String two = named(receiver, "Hook Two").get(0).webhookId();
            page.driver().findElement(By.cssSelector("#deliveries button[aria-label='Replay from " + one + "']")).click();
            assertThat(page.waitFor(By.id("replay-after")).getAttribute("value")).isEqualTo(one);
            page.driver().findElement(By.cssSelector("dialog button[type=submit]")).click();
            page.until(d -> d.findElements(By.cssSelector("#toasts .toast")).stream()
                    .anyMatch(t -> t.getText().equals("Replaying 1 event")));
            receiver.await(r -> r.webhookId().equals(two), 2, Duration.ofSeconds(10));
            assertThat(named(receiver, "Hook Two")).hasSize(2).allSatisfy(r -> assertThat(r.webhookId()).isEqualTo(two));
            assertThat(named(receiver, "Hook One")).hasSize(1);

            row(page, id).findElement(By.cssSelector("[data-action=toggle]")).click();
            page.until(d -> row(page, id).getText().contains("Disabled"));
            assertThat(api.get("/external/v1/webhooks/" + id).data().get("enabled").asBoolean()).isFalse();

            row(page, id).findElement(By.cssSelector("[data-action=delete]")).click();
            page.waitFor(By.cssSelector("dialog [data-confirm]")).click();
            page.until(d -> d.findElements(By.cssSelector("#webhooks-area tr[data-id='" + id + "']")).isEmpty()
                    && "ready".equals(d.findElement(By.id("webhooks-area")).getAttribute("data-state")));
            assertThat(api.get("/external/v1/webhooks").data().get("webhooks")).isEmpty();
            assertThat(api.get("/external/v1/webhooks/" + id).status()).isEqualTo(404);
        }
    }

    @Test
    void a_refused_url_shows_beside_its_field_a_rotated_secret_signs_and_the_page_fits_a_phone() {
        String key = Seeds.tenant(app);
        Http api = app.as(key);
        try (DashboardBrowser page = DashboardBrowser.open(app, 390, 844)) {
            page.expectRefusal(400, "/external/v1/webhooks");
            page.signIn(key);
            page.go("webhooks");
            page.until(d -> "ready".equals(d.findElement(By.id("webhooks-area")).getAttribute("data-state")));
            page.assertNoSidewaysScroll();
            page.driver().findElement(By.id("new-webhook")).click();
            WebElement url = page.waitFor(By.id("webhook-url"));
            url.sendKeys("ftp://example.com/hooks");
            page.driver().findElement(By.cssSelector("dialog button[type=submit]")).click();
            WebElement error = page.waitFor(By.id("webhook-url-error"));
            assertThat(error.getText()).contains("http");
            assertThat(url.getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(page.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("webhook-url");
            page.assertNoSidewaysScroll();
            assertThat((Boolean) page.script("const f = document.querySelector('dialog form');"
                    + "return f.scrollWidth <= f.clientWidth;")).as("the form fits the phone's width").isTrue();
            page.screenshot("webhook-error-390-" + app);
            assertThat(api.get("/external/v1/webhooks").data().get("webhooks")).isEmpty();

            url.clear();
            url.sendKeys(receiver.url());
            page.driver().findElement(By.cssSelector("dialog button[type=submit]")).click();
            String first = page.waitFor(By.id("webhook-secret")).getAttribute("value");
            String id = api.get("/external/v1/webhooks").data().at("/webhooks/0/id").asText();
            page.driver().findElement(By.id("secret-done")).click();

            row(page, id).findElement(By.cssSelector("[data-action=rotate]")).click();
            page.waitFor(By.cssSelector("dialog [data-confirm]")).click();
            String second = page.waitFor(By.id("webhook-secret")).getAttribute("value");
            assertThat(second).startsWith("whsec_").isNotEqualTo(first);
            receiver.secret(second);
            page.driver().findElement(By.id("secret-done")).click();

            row(page, id).findElement(By.cssSelector("[data-action=test]")).click();
            page.until(d -> !d.findElements(By.cssSelector("#deliveries tr[data-status=delivered]")).isEmpty());
            assertThat(receiver.await(r -> true, 1, Duration.ofSeconds(10)).get(0).valid())
                    .as("signed with the rotated secret").isTrue();
            page.assertNoSidewaysScroll();
            page.screenshot("webhooks-390-" + app);
        }
    }

    @Test
    void a_key_that_may_only_read_webhooks_sees_them_and_their_deliveries_but_no_buttons_that_change_them() {
        String account = app.newAccount("enterprise");
        Http writer = app.as(app.newKey(account, "*"));
        String reader = app.newKey(account, "contacts:read", "webhooks:read");
        JsonNode made = writer.post("/external/v1/webhooks", Map.of("url", receiver.url(), "events", List.of("contact.*")))
                .expectStatus(201).data();
        receiver.secret(made.get("secret").asText());
        String id = made.get("id").asText();
        writer.post("/external/v1/webhooks/" + id + "/test", null).expectStatus(202);
        try (DashboardBrowser page = DashboardBrowser.open(app, 1280, 900)) {
            page.signIn(reader);
            page.driver().findElement(By.cssSelector("#nav a[href='#/webhooks']")).click();
            WebElement row = row(page, id);
            assertThat(row.findElements(By.cssSelector("button")))
                    .extracting(b -> b.getAttribute("data-action")).containsExactly("deliveries");
            assertThat(page.driver().findElements(By.id("new-webhook"))).isEmpty();
            row.findElement(By.cssSelector("[data-action=deliveries]")).click();
            page.until(d -> !d.findElements(By.cssSelector("#deliveries tr[data-status=delivered]")).isEmpty());
            assertThat(page.driver().findElements(By.cssSelector("#replay, #deliveries [data-action=replay]"))).isEmpty();
        }
    }

    private static List<WebhookReceiver.Received> named(WebhookReceiver receiver, String name) {
        return receiver.received(r -> r.json().at("/data/object/name").asText().equals(name));
    }

    private static WebElement row(DashboardBrowser page, String id) {
        return page.until(d -> d.findElements(By.cssSelector("#webhooks-area tr[data-id='" + id + "']")).stream()
                .findFirst().orElse(null));
    }
}
