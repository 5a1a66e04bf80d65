package dev.leadstore.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.OperatorClient;
import dev.leadstore.support.TestApp;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/** Accounts and keys with the operator token, in a real browser: a key made, shown once, revoked. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class AdminPageTest {
    @Parameter
    TestApp app;

    @Test
    void a_new_key_is_shown_once_with_a_copy_button_and_revoking_it_signs_its_page_out() {
        String account = app.operator().createAccount(Map.of("name", "Acme Revocations " + System.nanoTime(), "plan", "pro"));
        try (DashboardBrowser page = DashboardBrowser.open(app, 1280, 900)) {
            page.operatorSignIn(OperatorClient.TOKEN);
            assertThat(page.script("return sessionStorage.getItem('leadstore.operatorToken')")).isEqualTo(OperatorClient.TOKEN);
            page.waitFor(By.cssSelector(".account-btn[data-id='" + account + "']")).click();
            page.waitFor(By.cssSelector("#keys .state"));
            page.driver().findElement(By.id("new-key")).click();
            page.waitFor(By.id("key-name")).sendKeys("Zapier");
            page.driver().findElement(By.cssSelector("input[name=permissions][value='*']")).click();
            page.driver().findElement(By.cssSelector("dialog button[type=submit]")).click();

            String key = page.waitFor(By.id("new-key-value")).getAttribute("value");
            assertThat(key).startsWith("gr_live_").hasSize(48);
            assertThat(page.driver().findElement(By.id("copy-key")).getText()).isEqualTo("Copy");
            page.until(d -> d.findElements(By.cssSelector("#keys tbody tr")).size() == 1);
            page.screenshot("admin-new-key-1280-" + app);
            JsonNode listed = app.admin().get("/admin/v1/accounts/" + account + "/api-keys").data().at("/api_keys/0");
            assertThat(listed.get("name").asText()).isEqualTo("Zapier");
            assertThat(listed.get("permissions")).extracting(JsonNode::asText).containsExactlyInAnyOrder("contacts:*", "*");
            page.driver().findElement(By.id("reveal-done")).click();
            page.until(d -> d.findElements(By.id("new-key-value")).isEmpty());
            assertThat(page.driver().getPageSource()).as("the key is shown only once").doesNotContain(key);

            String operatorTab = page.driver().getWindowHandle();
            page.consoleErrors();
            page.driver().switchTo().newWindow(WindowType.TAB);
            page.go("contacts");
            page.signIn(key);
            page.contactNames();

            page.consoleErrors();
            page.driver().switchTo().window(operatorTab);
            page.driver().findElement(By.cssSelector("#keys button[aria-label='Revoke Zapier']")).click();
            page.waitFor(By.cssSelector("dialog [data-confirm]")).click();
            page.until(d -> d.findElement(By.cssSelector("#keys tbody")).getText().contains("Revoked"));
            assertThat(app.admin().get("/admin/v1/accounts/" + account + "/api-keys").data()
                    .at("/api_keys/0/revoked_at").isNull()).isFalse();

            page.consoleErrors();
            page.driver().switchTo().window(page.driver().getWindowHandles().stream()
                    .filter(h -> !h.equals(operatorTab)).findFirst().orElseThrow());
            page.expectRefusal(401, "/external/v1/opportunities");
            page.driver().findElement(By.cssSelector("#nav a[href='#/board']")).click();
            WebElement message = page.waitFor(By.cssSelector(".signin .notice"));
            assertThat(message.getText()).contains("signed out").contains("no longer accepts this API key");
            assertThat(page.script("return sessionStorage.getItem('leadstore.apiKey')")).isNull();
        }
    }

    @Test
    void the_operator_makes_an_account_and_the_pages_fit_a_phone() {
        String name = "Globex " + System.nanoTime();
        try (DashboardBrowser page = DashboardBrowser.open(app, 390, 844)) {
            page.go("admin");
            page.waitFor(By.id("operator-secret"));
            page.screenshot("operator-signin-390-" + app);
            page.operatorSignIn(OperatorClient.TOKEN);
            page.driver().findElement(By.id("new-account")).click();
            page.waitFor(By.id("account-name")).sendKeys(name);
            page.driver().findElement(By.cssSelector("dialog button[type=submit]")).click();
            page.until(d -> d.findElement(By.cssSelector(".account-btn[aria-current=true]")).getText().contains(name));
            page.until(d -> d.findElement(By.cssSelector("#keys h2")).getText().contains(name));
            page.waitFor(By.cssSelector("#keys .state"));
            page.assertNoSidewaysScroll();
            page.screenshot("admin-390-" + app);
            assertThat(app.admin().get("/admin/v1/accounts").data().get("accounts").findValuesAsText("name"))
                    .contains(name);
        }
    }
}
