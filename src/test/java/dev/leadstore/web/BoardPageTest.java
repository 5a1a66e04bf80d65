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

/** The pipeline board in a real browser: a column per stage, won and lost shown, cards moved. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class BoardPageTest {
    private static final String CARD = "#board .column[data-stage='%s'] .card[data-id='%s']";

    @Parameter
    TestApp app;

    @Test
    void every_stage_is_a_column_and_won_and_lost_deals_say_so() {
        String key = Seeds.tenant(app);
        Map<String, String> deals = Seeds.deals(app.as(key));
        try (DashboardBrowser page = DashboardBrowser.open(app, 1280, 900)) {
            page.signIn(key);
            openBoard(page);
            List<String> stages = page.driver().findElements(By.cssSelector("#board .column h2")).stream()
                    .map(WebElement::getText).toList();
            assertThat(stages).containsExactly("New", "Contacted", "Qualified", "Proposal", "Negotiation", "Won", "Lost");
            assertThat(card(page, "won", deals.get("Café Reis loyalty app")).getText()).contains("Won ");
            assertThat(card(page, "lost", deals.get("Bergwerk data migration")).getText()).contains("Lost ");
            assertThat(page.driver().findElement(By.cssSelector("#board .column[data-stage='new'] .count")).getText())
                    .isEqualTo("2");
            assertThat(page.driver().findElement(By.cssSelector(".page-sub")).getText()).isEqualTo("9 open · 2 won · 1 lost");
            page.screenshot("board-1280-" + app);
        }
    }

    @Test
    void a_card_moved_with_the_keyboard_through_its_move_menu_changes_the_stage() {
        String key = Seeds.tenant(app);
        Http api = app.as(key);
        String id = Seeds.deals(api).get("Bella Vista website");
        try (DashboardBrowser page = DashboardBrowser.open(app, 1280, 900)) {
            page.signIn(key);
            openBoard(page);
            WebElement summary = card(page, "new", id).findElement(By.cssSelector("summary"));
            summary.sendKeys(Keys.ENTER);
            WebElement qualified = page.waitFor(By.cssSelector(String.format(CARD, "new", id)
                    + " .move-option[data-stage='qualified']"));
            qualified.sendKeys(Keys.ENTER);

            WebElement moved = page.waitFor(By.cssSelector(String.format(CARD, "qualified", id) + ":not(.saving)"));
            assertThat(page.driver().switchTo().activeElement()).as("focus follows the card").isEqualTo(moved);
            assertThat(api.get("/external/v1/opportunities/" + id).expectStatus(200).data().get("status").asText())
                    .isEqualTo("qualified");
            assertThat(page.driver().findElement(By.cssSelector("#board .column[data-stage='qualified'] .count"))
                    .getText()).isEqualTo("3");

            card(page, "qualified", id).findElement(By.cssSelector("summary")).click();
            page.waitFor(By.cssSelector(String.format(CARD, "qualified", id) + " .move-option[data-stage='won']")).click();
            WebElement won = page.waitFor(By.cssSelector(String.format(CARD, "won", id) + ":not(.saving)"));
            assertThat(won.getText()).contains("Won ");
            assertThat(api.get("/external/v1/opportunities/" + id).data().get("won_at").isNull()).isFalse();
        }
    }

    @Test
    void a_card_dropped_on_another_column_changes_the_stage() {
        String key = Seeds.tenant(app);
        Http api = app.as(key);
        String id = Seeds.deals(api).get("Lumen pilot");
        try (DashboardBrowser page = DashboardBrowser.open(app, 1280, 900)) {
            page.signIn(key);
            openBoard(page);
            // WebDriver cannot drive the browser's own drag and drop; these are the events a drag makes.
            page.script("""
                    const card = arguments[0], column = arguments[1], data = new DataTransfer();
                    const fire = (target, type) => target.dispatchEvent(
                        new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
                    fire(card, 'dragstart');
                    fire(column, 'dragenter');
                    fire(column, 'dragover');
                    fire(column, 'drop');
                    fire(card, 'dragend');""",
                    card(page, "proposal", id),
                    page.driver().findElement(By.cssSelector("#board .column[data-stage='lost']")));
            page.waitFor(By.cssSelector(String.format(CARD, "lost", id) + ":not(.saving)"));
            assertThat(api.get("/external/v1/opportunities/" + id).data().get("status").asText()).isEqualTo("lost");
        }
    }

    @Test
    void at_390_pixels_the_board_scrolls_a_column_at_a_time_and_the_page_does_not() {
        String key = Seeds.tenant(app);
        Seeds.deals(app.as(key));
        try (DashboardBrowser page = DashboardBrowser.open(app, 390, 844)) {
            page.signIn(key);
            openBoard(page);
            page.assertNoSidewaysScroll();
            page.screenshot("board-390-" + app);
        }
    }

    private static void openBoard(DashboardBrowser page) {
        page.driver().findElement(By.cssSelector("#nav a[href='#/board']")).click();
        page.until(d -> "ready".equals(d.findElement(By.id("board")).getAttribute("data-state")));
    }

    private static WebElement card(DashboardBrowser page, String stage, String id) {
        return page.waitFor(By.cssSelector(String.format(CARD, stage, id)));
    }
}
