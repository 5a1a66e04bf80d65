package dev.leadstore.opportunity;

import static dev.leadstore.opportunity.Fixtures.PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.opportunity.Fixtures.Tenant;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** ETag, If-None-Match and If-Match on one opportunity and its stage (docs/api.md §9.2). */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class OpportunityConditionalTest {
    private static final String MISSING = PATH + "/opp_000000000000";

    @Parameter
    TestApp app;

    private Http api;
    private String path;

    @BeforeEach
    void one_opportunity() {
        Tenant tenant = Tenant.of(app);
        api = tenant.api();
        path = PATH + "/" + tenant.create(Map.of("name", "Deal", "deal_value", 100)).get("id").asText();
    }

    @Test
    void get_update_and_stage_answer_the_tag_of_the_version_they_show() {
        String created = etag(api.get(path).expectStatus(200));
        String updated = etag(api.put(path, Map.of("notes", "call back")).expectStatus(200));
        assertThat(updated).isNotEqualTo(created).isEqualTo(etag(api.get(path)));
        String moved = etag(api.patch(path + "/stage", Map.of("status", "won")).expectStatus(200));
        assertThat(moved).isNotEqualTo(updated).isEqualTo(etag(api.get(path)));
        // Moving to the current stage, or an update that changes nothing, keeps the tag.
        assertThat(etag(api.patch(path + "/stage", Map.of("status", "won")).expectStatus(200))).isEqualTo(moved);
        assertThat(etag(api.patch(path, Map.of("notes", "call back")).expectStatus(200))).isEqualTo(moved);

        Http.Response notModified = api.withHeader("If-None-Match", moved).get(path);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(etag(notModified)).isEqualTo(moved);
        assertThat(api.withHeader("If-None-Match", updated).get(path).status()).isEqualTo(200);
    }

    @Test
    void a_stale_tag_is_412_on_update_stage_and_delete_and_nothing_changes() {
        String stale = etag(api.get(path));
        String current = etag(api.put(path, Map.of("notes", "v2")));
        JsonNode before = api.get(path).data();
        Http staleWriter = api.withHeader("If-Match", stale);

        for (Http.Response refused : List.of(staleWriter.put(path, Map.of("notes", "v3")),
                staleWriter.patch(path, Map.of("deal_value", 5)),
                staleWriter.patch(path + "/stage", Map.of("status", "lost")), staleWriter.delete(path))) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(412);
            assertThat(refused.errorCode()).isEqualTo("PRECONDITION_FAILED");
        }
        assertThat(api.get(path).data()).isEqualTo(before);

        Http currentWriter = api.withHeader("If-Match", current);
        String moved = etag(currentWriter.patch(path + "/stage", Map.of("status", "lost")).expectStatus(200));
        assertThat(api.withHeader("If-Match", current).delete(path).status()).isEqualTo(412);
        Http.Response deleted = api.withHeader("If-Match", moved).delete(path).expectStatus(200);
        assertThat(deleted.header("ETag")).isEmpty();
        assertThat(api.get(path).status()).isEqualTo(404);
    }

    @Test
    void if_match_star_passes_an_existing_opportunity_and_a_missing_one_is_404() {
        Http any = api.withHeader("If-Match", "*");
        any.patch(path + "/stage", Map.of("status", "qualified")).expectStatus(200);
        any.put(path, Map.of("notes", "x")).expectStatus(200);
        for (Http conditional : List.of(any, api.withHeader("If-Match", "\"x\""))) {
            assertThat(conditional.put(MISSING, Map.of("notes", "x")).status()).isEqualTo(404);
            assertThat(conditional.patch(MISSING + "/stage", Map.of("status", "won")).status()).isEqualTo(404);
            assertThat(conditional.delete(MISSING).status()).isEqualTo(404);
        }
        any.delete(path).expectStatus(200);
        assertThat(any.delete(path).status()).isEqualTo(404);
    }

    @Test
    void a_bad_body_is_400_before_404_and_a_missing_object_404_before_412() {
        Http stale = api.withHeader("If-Match", "\"stale\"");
        assertThat(stale.put(MISSING, Map.of("deal_value", "ten")).status()).isEqualTo(400);
        assertThat(stale.put(path, Map.of("campaign_id", "camp_000000000000")).status()).isEqualTo(400);
        assertThat(stale.patch(path + "/stage", Map.of("status", "sold")).status()).isEqualTo(400);
        assertThat(stale.patch(MISSING + "/stage", Map.of("status", "won")).status()).isEqualTo(404);
        assertThat(stale.patch(path + "/stage", Map.of("status", "won")).status()).isEqualTo(412);
    }

    @Test
    void two_stage_changes_with_the_same_tag_get_one_200_and_one_412() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                Http conditional = api.withHeader("If-Match", etag(api.get(path)));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Http.Response>> moves = new ArrayList<>();
                for (String stage : round % 2 == 0 ? List.of("won", "lost") : List.of("contacted", "qualified")) {
                    moves.add(pool.submit(() -> {
                        start.await();
                        return conditional.patch(path + "/stage", Map.of("status", stage));
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Http.Response> move : moves) {
                    statuses.add(move.get().status());
                }
                assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(200, 412);
            }
        } finally {
            pool.shutdown();
        }
    }

    private static String etag(Http.Response response) {
        return response.header("ETag").orElseThrow(() -> new AssertionError("no ETag: " + response.status()));
    }
}
