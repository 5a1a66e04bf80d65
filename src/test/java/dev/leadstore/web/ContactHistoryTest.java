package dev.leadstore.web;

import static org.assertj.core.api.Assertions.assertThat;

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

/** A contact's history in a real browser: its events from the API, each update's fields old → new, paged. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ContactHistoryTest {
    @Parameter
    TestApp app;

    @Test
    void the_history_shows_the_creation_and_each_update_with_the_old_and_new_value() {
        String key = Seeds.tenant(app);
        Http api = app.as(key);
        String id = TestApp.createContact(api, Map.of("name", "Jane Smith", "company", "Tech Corp")).get("id").asText();
        api.patch("/external/v1/contacts/" + id, Map.of("company", "Globex")).expectStatus(200);
        api.patch("/external/v1/contacts/" + id, Map.of("company", "Initech", "tags", List.of("vip"))).expectStatus(200);
        try (DashboardBrowser page = DashboardBrowser.open(app, 1280, 900)) {
            page.signIn(key);
            page.contactNames();
            // Keyboard only: the row's History button takes Enter, Escape closes the dialog.
            page.driver().findElement(By.cssSelector("button[aria-label='History of Jane Smith']")).sendKeys(Keys.ENTER);
            List<WebElement> events = entries(page, 3);
            assertThat(events).extracting(e -> e.getAttribute("data-type"))
                    .containsExactly("contact.created", "contact.updated", "contact.updated");
            assertThat(events.get(0).findElement(By.cssSelector(".event-title")).getText()).isEqualTo("Created");
            assertThat(events.get(0).findElements(By.cssSelector(".change"))).isEmpty();
            assertThat(change(events.get(1), "company")).containsExactly("Tech Corp", "Globex");
            assertThat(events.get(1).findElements(By.cssSelector(".change"))).hasSize(1);
            assertThat(change(events.get(2), "company")).containsExactly("Globex", "Initech");
            assertThat(change(events.get(2), "tags")).containsExactly("(none)", "vip");
            assertThat(events.get(2).findElement(By.cssSelector("time")).getAttribute("datetime"))
                    .isEqualTo(api.get("/external/v1/contacts/" + id).data().get("updated_at").asText());
            assertThat(page.driver().findElement(By.id("history-more")).isDisplayed()).as("one page").isFalse();
            page.screenshot("history-1280-" + app);

            page.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
            page.until(d -> d.findElements(By.id("history")).isEmpty());
        }
    }

    @Test
    void a_long_history_pages_with_load_more_and_fits_a_phone() {
        String key = Seeds.tenant(app);
        Http api = app.as(key);
        String id = TestApp.createContact(api, Map.of("name", "Busy Lead", "position", "v0")).get("id").asText();
        for (int i = 1; i <= 22; i++) {
            api.patch("/external/v1/contacts/" + id, Map.of("position", "v" + i)).expectStatus(200);
        }
        try (DashboardBrowser page = DashboardBrowser.open(app, 390, 844)) {
            page.signIn(key);
            page.contactNames();
            page.driver().findElement(By.cssSelector("button[aria-label='History of Busy Lead']")).click();
            List<WebElement> first = entries(page, 20);
            assertThat(change(first.get(19), "position")).containsExactly("v18", "v19");
            page.assertNoSidewaysScroll();
            page.screenshot("history-390-" + app);

            WebElement more = page.waitFor(By.id("history-more"));
            more.sendKeys(Keys.ENTER);
            List<WebElement> all = entries(page, 23);
            assertThat(change(all.get(22), "position")).containsExactly("v21", "v22");
            assertThat(page.driver().switchTo().activeElement().getText()).as("focus moves to the first new entry")
                    .isEqualTo("Updated");
            assertThat(page.driver().findElement(By.id("history-more")).isDisplayed()).as("the last page").isFalse();
            assertThat(all).extracting(e -> e.getAttribute("data-id")).doesNotHaveDuplicates();
        }
    }

    @Test
    void the_history_of_a_contact_deleted_meanwhile_stays_readable() {
        String key = Seeds.tenant(app);
        Http api = app.as(key);
        TestApp.createContact(api, Map.of("name", "Gone Soon"));
        try (DashboardBrowser page = DashboardBrowser.open(app, 1280, 900)) {
            page.signIn(key);
            page.contactNames();
            // Deleted in another tab after the list was read: its history stays readable.
            String id = api.get("/external/v1/contacts?search=Gone").data().at("/contacts/0/id").asText();
            api.delete("/external/v1/contacts/" + id).expectStatus(200);
            page.driver().findElement(By.cssSelector("button[aria-label='History of Gone Soon']")).click();
            List<WebElement> events = entries(page, 2);
            assertThat(events).extracting(e -> e.getAttribute("data-type"))
                    .containsExactly("contact.created", "contact.deleted");
        }
    }

    /** The history's entries once it has loaded this many. */
    private static List<WebElement> entries(DashboardBrowser page, int count) {
        page.until(d -> "ready".equals(d.findElement(By.id("history")).getAttribute("data-state"))
                && d.findElements(By.cssSelector("#history-list > li")).size() == count);
        return page.driver().findElements(By.cssSelector("#history-list > li"));
    }

    /** The old and new value the entry shows for a field. */
    private static List<String> change(WebElement event, String field) {
        WebElement change = event.findElement(By.cssSelector(".change[data-field='" + field + "']"));
        return List.of(change.findElement(By.cssSelector(".change-old")).getText(),
                change.findElement(By.cssSelector(".change-new")).getText());
    }
}
