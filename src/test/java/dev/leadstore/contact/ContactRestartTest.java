package dev.leadstore.contact;

import static dev.leadstore.contact.ContactListTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Everything the API wrote is still there, and still enforced, after the server restarts on the same database. */
class ContactRestartTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.leadstore.support.TestApp#databases")
    void accounts_keys_and_contacts_survive_a_restart(String kind) {
        TestDatabase database = TestDatabase.of(kind);
        Before before;
        try (TestApp first = TestApp.start(database, Clock.systemUTC(), null)) {
            before = populate(first);
        }

        try (TestApp second = TestApp.start(database, Clock.systemUTC(), null)) {
            Http api = second.as(before.key());
            for (JsonNode contact : before.contacts()) {
                assertThat(api.get("/external/v1/contacts/" + contact.get("id").asText()).expectStatus(200).data())
                        .isEqualTo(contact);
            }
            assertThat(api.get("/external/v1/contacts?sort_order=asc").expectStatus(200).data().get("contacts"))
                    .containsExactlyElementsOf(before.contacts());
            assertThat(ids(api.get("/external/v1/contacts?tags=vip").data()))
                    .containsExactly(before.contacts().get(0).get("id").asText());
            assertThat(ids(api.get("/external/v1/contacts?search=ACME").data()))
                    .containsExactly(before.contacts().get(0).get("id").asText());

            Http.Response duplicate = api.post("/external/v1/contacts", Map.of("name", "Dup", "email", "ADA@acme.io"));
            assertThat(duplicate.status()).isEqualTo(409);
            assertThat(duplicate.json().at("/error/details/existing_id").asText())
                    .isEqualTo(before.contacts().get(0).get("id").asText());

            Http reader = second.as(before.readOnlyKey());
            reader.get("/external/v1/contacts").expectStatus(200);
            Http.Response forbidden = reader.delete("/external/v1/contacts/" + before.contacts().get(1).get("id").asText());
            assertThat(forbidden.status()).isEqualTo(403);
            assertThat(forbidden.errorCode()).isEqualTo("INSUFFICIENT_PERMISSIONS");

            Http.Response revoked = second.as(before.revokedKey()).get("/external/v1/contacts");
            assertThat(revoked.status()).isEqualTo(401);
            assertThat(revoked.errorCode()).isEqualTo("INVALID_API_KEY");

            assertThat(accountIds(second)).as("no account added or lost by the restart")
                    .containsExactlyInAnyOrderElementsOf(before.accountIds());
        }
    }

    private record Before(String key, String readOnlyKey, String revokedKey, List<JsonNode> contacts,
                          List<String> accountIds) {
    }

    private static Before populate(TestApp app) {
        String account = app.newAccount("pro");
        String key = app.newKey(account, "*");
        String readOnly = app.newKey(account, "contacts:read");
        JsonNode revoked = app.admin().post("/admin/v1/accounts/" + account + "/api-keys",
                Map.of("name", "revoked", "permissions", List.of("*"))).expectStatus(201).data();
        app.admin().delete("/admin/v1/api-keys/" + revoked.get("id").asText()).expectStatus(200);

        Http api = app.as(key);
        List<JsonNode> contacts = new ArrayList<>();
        contacts.add(TestApp.createContact(api, Map.of("name", "Ada Lovelace", "email", "ada@acme.io",
                "phone", "+44 20 7946 0958", "company", "Acme", "position", "Engineer", "source", "referral",
                "linkedin_url", "https://linkedin.com/in/ada", "tags", List.of("vip", "math"),
                "custom_fields", Map.of("score", 9.5, "active", true, "note", "ünïcødé 🚀"))));
        ContactListTest.pause();
        contacts.add(TestApp.createContact(api, Map.of("name", "Bare Minimum")));
        ContactListTest.pause();
        JsonNode third = TestApp.createContact(api, Map.of("name", "To Be Updated", "tags", List.of("old")));
        ContactListTest.pause();
        contacts.add(api.put("/external/v1/contacts/" + third.get("id").asText(),
                Map.of("tags", List.of("new"), "company", "Globex")).expectStatus(200).data());
        return new Before(key, readOnly, revoked.get("key").asText(), contacts, accountIds(app));
    }

    private static List<String> accountIds(TestApp app) {
        List<String> ids = new ArrayList<>();
        app.admin().get("/admin/v1/accounts").expectStatus(200).data().get("accounts")
                .forEach(a -> ids.add(a.get("id").asText()));
        return ids;
    }
}
