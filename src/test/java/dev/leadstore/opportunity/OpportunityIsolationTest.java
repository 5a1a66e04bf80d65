package dev.leadstore.opportunity;

import static dev.leadstore.opportunity.Fixtures.PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.opportunity.Fixtures.Tenant;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class OpportunityIsolationTest {
    private static final String MISSING = "opp_zzzzzzzzzzzz";

    @Parameter
    TestApp app;

    /** Every route that names one opportunity, as a request for the given id. */
    private static Map<String, Function<String, Http.Response>> routesById(Http api) {
        return Map.of(
                "GET", id -> api.get(PATH + "/" + id),
                "PUT", id -> api.put(PATH + "/" + id, Map.of("company", "Hijacked")),
                "PATCH", id -> api.patch(PATH + "/" + id, Map.of("company", "Hijacked")),
                "PATCH stage", id -> api.patch(PATH + "/" + id + "/stage", Map.of("status", "lost")),
                "DELETE", id -> api.delete(PATH + "/" + id));
    }

    @Test
    void another_accounts_opportunity_answers_exactly_like_a_missing_one_and_stays_unchanged() {
        Tenant owner = Tenant.of(app);
        JsonNode theirs = owner.create(Map.of("name", "Secret Deal", "company", "Owner Corp", "status", "proposal"));
        String id = theirs.get("id").asText();
        Http intruder = Tenant.of(app).api();
        routesById(intruder).forEach((route, request) -> {
            Http.Response foreign = request.apply(id).expectStatus(404);
            Http.Response missing = request.apply(MISSING).expectStatus(404);
            assertThat(foreign.errorCode()).as(route).isEqualTo("NOT_FOUND");
            assertThat(foreign.json().get("error")).as(route).isEqualTo(missing.json().get("error"));
        });
        assertThat(owner.get(id)).isEqualTo(theirs);
    }

    @Test
    void another_accounts_opportunities_never_appear_in_a_list() {
        Tenant owner = Tenant.of(app);
        String campaign = owner.campaign("Owner campaign");
        owner.create(Map.of("name", "Secret Deal", "campaign_id", campaign, "status", "won"));
        Http intruder = Tenant.of(app).api();
        for (String query : List.of("", "?search=secret", "?status=won", "?campaign_id=" + campaign, "?limit=100")) {
            JsonNode page = intruder.get(PATH + query).expectStatus(200).data();
            assertThat(page.get("opportunities")).as(query).isEmpty();
            assertThat(page.at("/pagination/total").asInt()).as(query).isZero();
        }
        assertThat(owner.api().get(PATH).expectStatus(200).data().at("/pagination/total").asInt()).isEqualTo(1);
    }

    @Test
    void each_route_requires_its_own_opportunities_permission() {
        Tenant owner = Tenant.of(app);
        String id = owner.create(Map.of("name", "Guarded")).get("id").asText();
        Http read = app.as(app.newKey(owner.accountId(), "opportunities:read"));
        Http write = app.as(app.newKey(owner.accountId(), "opportunities:write"));
        Http delete = app.as(app.newKey(owner.accountId(), "opportunities:delete"));

        read.get(PATH).expectStatus(200);
        read.get(PATH + "/" + id).expectStatus(200);
        expectForbidden(read.post(PATH, Map.of("name", "No")), "opportunities:write");
        expectForbidden(read.put(PATH + "/" + id, Map.of("name", "No")), "opportunities:write");
        expectForbidden(read.patch(PATH + "/" + id, Map.of("name", "No")), "opportunities:write");
        expectForbidden(read.patch(PATH + "/" + id + "/stage", Map.of("status", "won")), "opportunities:write");
        expectForbidden(read.delete(PATH + "/" + id), "opportunities:delete");

        write.post(PATH, Map.of("name", "Yes")).expectStatus(201);
        write.put(PATH + "/" + id, Map.of("position", "Buyer")).expectStatus(200);
        write.patch(PATH + "/" + id + "/stage", Map.of("status", "won")).expectStatus(200);
        expectForbidden(write.get(PATH), "opportunities:read");
        expectForbidden(write.get(PATH + "/" + id), "opportunities:read");
        expectForbidden(write.delete(PATH + "/" + id), "opportunities:delete");

        expectForbidden(delete.get(PATH + "/" + id), "opportunities:read");
        delete.delete(PATH + "/" + id).expectStatus(200);
    }

    @Test
    void contacts_permissions_grant_nothing_on_opportunities() {
        Tenant owner = Tenant.of(app);
        String id = owner.create(Map.of("name", "Guarded")).get("id").asText();
        Http contacts = app.as(app.newKey(owner.accountId(), "contacts:*"));
        expectForbidden(contacts.get(PATH), "opportunities:read");
        expectForbidden(contacts.get(PATH + "/" + id), "opportunities:read");
        expectForbidden(contacts.post(PATH, Map.of("name", "No")), "opportunities:write");
        expectForbidden(contacts.put(PATH + "/" + id, Map.of("name", "No")), "opportunities:write");
        expectForbidden(contacts.patch(PATH + "/" + id + "/stage", Map.of("status", "won")), "opportunities:write");
        expectForbidden(contacts.delete(PATH + "/" + id), "opportunities:delete");
        Http allContacts = app.as(app.newKey(owner.accountId(), "contacts:read", "contacts:write", "contacts:delete"));
        expectForbidden(allContacts.get(PATH), "opportunities:read");
        assertThat(owner.get(id).get("name").asText()).isEqualTo("Guarded");
    }

    @Test
    void the_resource_wildcard_grants_every_opportunity_route() {
        Tenant owner = Tenant.of(app);
        Http all = app.as(app.newKey(owner.accountId(), "opportunities:*"));
        String id = all.post(PATH, Map.of("name", "Open")).expectStatus(201).data().get("id").asText();
        all.get(PATH).expectStatus(200);
        all.put(PATH + "/" + id, Map.of("company", "X")).expectStatus(200);
        all.patch(PATH + "/" + id + "/stage", Map.of("status", "lost")).expectStatus(200);
        all.delete(PATH + "/" + id).expectStatus(200);
        expectForbidden(all.get("/external/v1/contacts"), "contacts:read");
    }

    @Test
    void a_missing_permission_is_403_before_a_missing_id_or_a_bad_body() {
        Tenant owner = Tenant.of(app);
        Http read = app.as(app.newKey(owner.accountId(), "opportunities:read"));
        expectForbidden(read.delete(PATH + "/" + MISSING), "opportunities:delete");
        expectForbidden(read.put(PATH + "/" + MISSING, Map.of("bogus", 1)), "opportunities:write");
        expectForbidden(read.post(PATH, Map.of()), "opportunities:write");
        assertThat(app.http().get(PATH).expectStatus(401).errorCode()).isEqualTo("MISSING_API_KEY");
    }

    private static void expectForbidden(Http.Response response, String permission) {
        response.expectStatus(403);
        assertThat(response.errorCode()).isEqualTo("INSUFFICIENT_PERMISSIONS");
        assertThat(response.json().at("/error/details/required_permission").asText()).isEqualTo(permission);
    }
}
