package dev.leadstore.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The dashboard's contacts in a real browser: sign in, list, search, filter, page, create, edit, delete. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ContactsPageTest {
    @Parameter
    TestApp app;

    @Test
    void a_key_signs_in_and_sees_its_contacts_newest_first_kept_for_the_tab_only() {
        String key = Seeds.tenant(app);
        Seeds.contacts(app.as(key));
        try (DashboardBrowser page = DashboardBrowser.open(app, 1280, 900)) {
            page.signIn(key);
            List<String> first = page.contactNames();
            assertThat(first).hasSize(20).contains("Yara Nunes", "William Chen").doesNotContain("Ana Souza");
            assertThat(page.driver().findElement(By.cssSelector(".page-sub")).getText()).isEqualTo("22 contacts");
            assertThat(page.script("return sessionStorage.getItem('leadstore.apiKey')")).isEqualTo(key);
            assertThat(page.script("return localStorage.length")).isEqualTo(0L);
            page.screenshot("contacts-1280-" + app);

            assertThat(page.driver().findElement(By.cssSelector(".pager-text")).getText()).isEqualTo("1–20 of 22");
            page.button("Next").click();
            page.until(d -> page.contactNames().contains("Ana Souza"));
            List<String> second = page.contactNames();
            assertThat(second).hasSize(2).doesNotContainAnyElementsOf(first);
            assertThat(page.driver().findElement(By.cssSelector(".pager-text")).getText()).isEqualTo("21–22 of 22");
            assertThat(page.button("Next").isEnabled()).as("the last page").isFalse();
            page.button("Previous").click();
            page.until(d -> page.contactNames().equals(first));
            assertThat(page.driver().findElement(By.cssSelector(".pager-text")).getText()).isEqualTo("1–20 of 22");
        }
    }

    @Test
    void search_narrows_the_list_and_tag_source_and_sort_filter_and_order_it() {
        String key = Seeds.tenant(app);
        Seeds.contacts(app.as(key));
        try (DashboardBrowser page = DashboardBrowser.open(app, 1280, 900)) {
            page.signIn(key);
            page.contactNames();
            page.driver().findElement(By.id("filter-search")).sendKeys("acme");
            page.until(d -> page.contactNames().size() == 3);
            assertThat(page.contactNames()).containsExactlyInAnyOrder("Ana Souza", "Carla Mendes", "Lucas Oliveira");

            page.driver().findElement(By.id("filter-search")).clear();
            page.driver().findElement(By.id("filter-search")).sendKeys(Keys.ENTER);
            page.until(d -> page.contactNames().size() == 20);
            page.driver().findElement(By.id("filter-tag")).sendKeys("hot-lead");
            page.until(d -> page.contactNames().size() == 4);
            new Select(page.driver().findElement(By.id("filter-sort"))).selectByValue("name:asc");
            page.until(d -> page.contactNames().get(0).equals("Ana Souza"));
            assertThat(page.contactNames()).containsExactly("Ana Souza", "Daniel Park", "Julia Costa", "Maya Patel");

            new Select(page.driver().findElement(By.id("filter-source"))).selectByValue("referral");
            page.until(d -> page.contactNames().size() == 2);
            assertThat(page.contactNames()).containsExactly("Daniel Park", "Maya Patel");
        }
    }

    @Test
    void export_csv_downloads_the_contacts_the_filters_match_as_the_api_writes_them() {
        String key = Seeds.tenant(app);
        Seeds.contacts(app.as(key));
        try (DashboardBrowser page = DashboardBrowser.open(app, 1280, 900)) {
            page.signIn(key);
            page.contactNames();
            page.driver().findElement(By.id("filter-tag")).sendKeys("hot-lead");
            page.until(d -> page.contactNames().size() == 4);
            page.script("window.exportedFile = null; const click = HTMLAnchorElement.prototype.click; "
                    + "HTMLAnchorElement.prototype.click = function () { window.exportedFile = this.download; };");
            page.driver().findElement(By.id("export-contacts")).click();
            page.until(d -> d.findElements(By.cssSelector(".toast")).stream()
                    .anyMatch(t -> t.getText().equals("Exported 4 contacts")));
            assertThat((String) page.script("return window.exportedFile")).matches("contacts-\\d{4}-\\d{2}-\\d{2}\\.csv");
        }
    }

    @Test
    void a_bad_email_shows_the_servers_words_beside_the_field_and_nothing_is_made() {
        String key = Seeds.tenant(app);
        try (DashboardBrowser page = DashboardBrowser.open(app, 1280, 900)) {
            page.expectRefusal(400, "/external/v1/contacts");
            page.signIn(key);
            page.waitFor(By.cssSelector("#contacts-area .state"));
            page.driver().findElement(By.id("new-contact")).click();
            page.waitFor(By.id("contact-name")).sendKeys("Zoe Quinn");
            page.driver().findElement(By.id("contact-email")).sendKeys("zoe@@example");
            page.driver().findElement(By.id("contact-phone")).sendKeys("12");
            page.driver().findElement(By.cssSelector("dialog button[type=submit]")).click();

            WebElement error = page.waitFor(By.id("contact-email-error"));
            assertThat(error.getText()).isEqualTo("Must be a valid email address.");
            assertThat(page.driver().findElement(By.id("contact-email")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(page.driver().findElement(By.id("contact-phone-error")).getText()).isNotBlank();
            assertThat(page.driver().findElement(By.id("contact-name-error")).isDisplayed()).isFalse();
            assertThat(page.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("contact-email");
            page.screenshot("contact-error-1280-" + app);
            assertThat(app.as(key).get("/external/v1/contacts").expectStatus(200).data().at("/pagination/total").asInt())
                    .isZero();

            page.driver().findElement(By.id("contact-email")).clear();
            page.driver().findElement(By.id("contact-email")).sendKeys("zoe@example.com");
            page.driver().findElement(By.id("contact-phone")).clear();
            page.driver().findElement(By.cssSelector("dialog button[type=submit]")).click();
            page.until(d -> page.contactNames().contains("Zoe Quinn"));
            JsonNode made = app.as(key).get("/external/v1/contacts?email=zoe@example.com").data().at("/contacts/0");
            assertThat(made.get("name").asText()).isEqualTo("Zoe Quinn");
        }
    }

    @Test
    void an_edit_is_saved_through_the_api() {
        String key = Seeds.tenant(app);
        Http api = app.as(key);
        String id = TestApp.createContact(api, Map.of("name", "Jane Smith", "email", "jane@company.com",
                "company", "Tech Corp", "tags", List.of("hot-lead"))).get("id").asText();
        try (DashboardBrowser page = DashboardBrowser.open(app, 1280, 900)) {
            page.signIn(key);
            page.contactNames();
            page.driver().findElement(By.cssSelector("button[aria-label='Edit Jane Smith']")).click();
            WebElement company = page.waitFor(By.id("contact-company"));
            company.clear();
            company.sendKeys("Globex");
            WebElement position = page.driver().findElement(By.id("contact-position"));
            position.sendKeys("VP of Engineering");
            WebElement tags = page.driver().findElement(By.id("contact-tags"));
            tags.sendKeys(", enterprise");
            page.driver().findElement(By.id("contact-email")).clear();
            page.driver().findElement(By.cssSelector("dialog button[type=submit]")).click();
            page.until(d -> d.findElements(By.cssSelector("dialog")).isEmpty());
            page.until(d -> page.contactNames().contains("Jane Smith")
                    && d.findElement(By.cssSelector("#contacts-area tbody")).getText().contains("Globex"));

            JsonNode saved = api.get("/external/v1/contacts/" + id).expectStatus(200).data();
            assertThat(saved.get("company").asText()).isEqualTo("Globex");
            assertThat(saved.get("position").asText()).isEqualTo("VP of Engineering");
            assertThat(saved.get("email").isNull()).as("an emptied field is cleared").isTrue();
            assertThat(saved.get("tags")).extracting(JsonNode::asText).containsExactly("hot-lead", "enterprise");
            assertThat(saved.get("name").asText()).isEqualTo("Jane Smith");
        }
    }

    @Test
    void a_delete_confirmed_removes_the_contact() {
        String key = Seeds.tenant(app);
        Http api = app.as(key);
        String gone = TestApp.createContact(api, Map.of("name", "Old Lead")).get("id").asText();
        TestApp.createContact(api, Map.of("name", "Kept Lead"));
        try (DashboardBrowser page = DashboardBrowser.open(app, 1280, 900)) {
            page.signIn(key);
            assertThat(page.contactNames()).containsExactly("Kept Lead", "Old Lead");
            page.driver().findElement(By.cssSelector("button[aria-label='Delete Old Lead']")).click();
            page.waitFor(By.cssSelector("dialog [data-confirm]")).click();
            page.until(d -> page.contactNames().equals(List.of("Kept Lead")));
            assertThat(api.get("/external/v1/contacts/" + gone).status()).isEqualTo(404);
        }
    }

    @Test
    void at_390_pixels_the_table_becomes_cards_and_nothing_scrolls_sideways() {
        String key = Seeds.tenant(app);
        Seeds.contacts(app.as(key));
        try (DashboardBrowser page = DashboardBrowser.open(app, 390, 844)) {
            page.screenshot("signin-390-" + app);
            page.signIn(key);
            assertThat(page.contactNames()).hasSize(20);
            assertThat(page.driver().findElement(By.cssSelector("#contacts-area thead")).isDisplayed()).isFalse();
            page.assertNoSidewaysScroll();
            page.screenshot("contacts-390-" + app);
            page.driver().findElement(By.id("new-contact")).click();
            page.waitFor(By.id("contact-name"));
            page.assertNoSidewaysScroll();
            page.screenshot("contact-form-390-" + app);
        }
    }

    @Test
    void a_429_says_when_to_retry() {
        String account = app.newAccount("enterprise");
        String key = app.newKey(account, Map.of("name", "tiny", "permissions", List.of("*"), "rate_limit_per_hour", 2));
        try (DashboardBrowser page = DashboardBrowser.open(app, 1280, 900)) {
            page.expectRefusal(429, "/external/v1/contacts");
            page.signIn(key);
            page.contactNames();
            page.driver().findElement(By.id("filter-search")).sendKeys("x", Keys.ENTER);
            WebElement notice = page.waitFor(By.cssSelector("#notices .notice"));
            assertThat(notice.getText()).containsPattern("Try again in \\d+ (s|min)");
            assertThat(page.waitFor(By.cssSelector("#contacts-area .state-error")).getText())
                    .contains("Too many requests right now").containsPattern("Try again in");
        }
    }
}
