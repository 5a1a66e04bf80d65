package dev.leadstore.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;

/** Export CSV in a real browser: the file Chromium saves holds the header and exactly the contacts the filters match. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ContactExportPageTest {
    @Parameter
    TestApp app;

    @Test
    void export_saves_the_filtered_contacts_as_csv() throws IOException {
        String key = Seeds.tenant(app);
        Http api = app.as(key);
        Seeds.contacts(api);
        List<String> matching = new ArrayList<>();
        for (JsonNode c : api.get("/external/v1/contacts?search=acme&limit=100&sort_by=name&sort_order=asc")
                .expectStatus(200).data().get("contacts")) {
            matching.add(c.get("id").asText() + " " + c.get("name").asText() + " " + c.get("email").asText());
        }
        assertThat(matching).hasSize(3);
        try (DashboardBrowser page = DashboardBrowser.open(app, 1280, 900)) {
            page.signIn(key);
            page.contactNames();
            page.driver().findElement(By.id("filter-search")).sendKeys("acme");
            page.until(d -> page.contactNames().size() == 3);
            new org.openqa.selenium.support.ui.Select(page.driver().findElement(By.id("filter-sort"))).selectByValue("name:asc");
            page.until(d -> page.contactNames().get(0).equals("Ana Souza"));
            page.driver().findElement(By.id("export-csv")).click();

            Path file = page.download();
            assertThat(file.getFileName().toString()).matches("contacts-\\d{4}-\\d{2}-\\d{2}\\.csv");
            List<CSVRecord> rows;
            List<String> header;
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 CSVParser csv = CSVFormat.RFC4180.builder().setHeader().get().parse(in)) {
                header = csv.getHeaderNames();
                rows = csv.getRecords();
            }
            assertThat(header).startsWith("id", "name", "email").contains("tags", "custom_fields", "created_at");
            assertThat(rows).extracting(r -> r.get("id") + " " + r.get("name") + " " + r.get("email"))
                    .as("exactly the matching contacts, in the page's order").containsExactlyElementsOf(matching);
            assertThat(rows.get(0).get("tags")).isEqualTo("hot-lead;enterprise");
            assertThat(page.waitFor(By.id("export-csv")).isEnabled()).isTrue();
            page.screenshot("contacts-export-1280-" + app);
        }
    }
}
