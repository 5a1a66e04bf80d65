package dev.leadstore.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every route, fed arbitrary JSON, bytes and query parameters, answers a 2xx or a 4xx that the
 * reference documents for it, in our envelope; never a 5xx; and a 4xx leaves the data exactly as
 * it was. Each database runs on a server of its own, so the operator routes see only this test's
 * accounts.
 */
class RouteFuzzPropertyTest {
    private static final List<Target> TARGETS = new ArrayList<>();

    /** One server and the tenant the requests go to, with the data a 4xx must leave alone. */
    private static final class Target {
        final TestApp app;
        final Http api;
        final Map<String, String> ids;
        final Map<FuzzRoute.Area, String> state = new java.util.EnumMap<>(FuzzRoute.Area.class);

        Target(TestApp app) {
            this.app = app;
            String account = app.newAccount("enterprise");
            this.api = app.as(app.newKey(account, Map.of("name", "fuzz", "permissions", List.of("*"),
                    "rate_limit_per_hour", 1_000_000_000)));
            String contact = TestApp.createContact(api, Map.of("name", "Target", "email", "target@example.com"))
                    .get("id").asText();
            String opportunity = api.post("/external/v1/opportunities", Map.of("name", "Target deal"))
                    .expectStatus(201).data().get("id").asText();
            this.ids = Map.of("{contact}", contact, "{opportunity}", opportunity, "{account}", account);
            for (FuzzRoute.Area area : FuzzRoute.Area.values()) {
                state.put(area, snapshot(area));
            }
        }

        String path(String template) {
            String path = template;
            for (var id : ids.entrySet()) {
                path = path.replace(id.getKey(), id.getValue());
            }
            return path;
        }

        /** What a failed request of this area must not change. */
        String snapshot(FuzzRoute.Area area) {
            return switch (area) {
                // Any change moves updated_at, which brings the changed item to the top of this page.
                case CONTACTS -> api.get("/external/v1/contacts?limit=20&sort_by=updated_at").body();
                case OPPORTUNITIES -> api.get("/external/v1/opportunities?limit=20&sort_by=updated_at").body();
                // A key's last use moves as this test uses it: that is not something a request stored.
                case OPERATOR -> app.admin().get("/admin/v1/accounts").body()
                        + app.admin().get(path("/admin/v1/accounts/{account}/api-keys")).body()
                                .replaceAll("\"last_used_at\":\"[^\"]*\"", "")
                        + app.admin().get(path("/admin/v1/accounts/{account}/users")).body()
                        + app.admin().get(path("/admin/v1/accounts/{account}/campaigns")).body();
            };
        }
    }

    /** A generated request: route, query, body and its content type. */
    record Call(FuzzRoute route, String query, byte[] body, String contentType) {
        @Override
        public String toString() {
            return route.method() + " " + route.path() + query + " [" + contentType + "] "
                    + new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8);
        }
    }

    @BeforeContainer
    static void startServers() {
        for (String kind : TestApp.databases()) {
            TARGETS.add(new Target(TestApp.start(TestDatabase.of(kind), Clock.systemUTC(), null)));
        }
    }

    @AfterContainer
    static void stopServers() {
        TARGETS.forEach(target -> target.app.close());
        TARGETS.clear();
    }

    @Property(tries = 10_000)
    void every_route_answers_a_documented_4xx_or_a_2xx_and_a_4xx_stores_nothing(@ForAll("calls") Call call) {
        for (Target target : TARGETS) {
            FuzzRoute route = call.route();
            Http client = route.area() == FuzzRoute.Area.OPERATOR ? target.app.admin() : target.api;
            Http.Response response = client.sendBytes(route.method(), target.path(route.path()) + call.query(),
                    call.contentType(), call.body());
            String what = target.app + ": " + call + " -> " + response.status() + " " + response.body();
            assertThat(response.status()).as(what).isLessThan(500);
            assertThat(response.header("Content-Type")).as(what).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            JsonNode json = response.json();
            String code = response.status() >= 400 ? json.at("/error/code").asText() : null;
            assertThat(route.documents(response.status(), code)).as("documented? " + what).isTrue();
            assertThat(json.get("success").asBoolean()).as(what).isEqualTo(response.status() < 400);
            if (route.writes()) {
                String now = target.snapshot(route.area());
                if (response.status() >= 400) {
                    assertThat(now).as("a refused request changed nothing: " + what).isEqualTo(target.state.get(route.area()));
                }
                target.state.put(route.area(), now);
            }
        }
    }

    @Provide
    Arbitrary<Call> calls() {
        return Arbitraries.of(FuzzRoute.all()).flatMap(route -> Combinators.combine(
                query(route), route.writes() ? body(route) : Arbitraries.just((byte[]) null), contentType(route))
                .as((query, body, type) -> new Call(route, query, body, type)));
    }

    private static Arbitrary<String> contentType(FuzzRoute route) {
        if (!route.writes()) {
            return Arbitraries.just(null);
        }
        return Arbitraries.frequency(Tuples.of(20, "application/json"), Tuples.of(1, "application/json; charset=utf-16"),
                Tuples.of(1, "text/plain"), Tuples.of(1, "application/x-www-form-urlencoded"))
                .map(s -> s);
    }

    /** Parameters the route knows and strangers, with arbitrary values, sometimes repeated. */
    private static Arbitrary<String> query(FuzzRoute route) {
        Arbitrary<String> names = route.parameters().isEmpty() ? FuzzValues.names()
                : Arbitraries.oneOf(Arbitraries.of(route.parameters()), FuzzValues.names());
        Arbitrary<String> pair = Combinators.combine(names, FuzzValues.parameterValues())
                .as((name, value) -> encode(name) + "=" + value);
        return pair.list().ofMaxSize(route.parameters().isEmpty() ? 2 : 6)
                .map(pairs -> pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
    }

    private static Arbitrary<byte[]> body(FuzzRoute route) {
        return Arbitraries.frequencyOf(
                Tuples.of(12, FuzzValues.object(route.fields(), 2).map(s -> s.getBytes(StandardCharsets.UTF_8))),
                Tuples.of(2, FuzzValues.value(1).map(s -> s.getBytes(StandardCharsets.UTF_8))),
                Tuples.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(120)),
                Tuples.of(1, Arbitraries.just(new byte[0])));
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** jqwik's tuples under a shorter name. */
    private static final class Tuples {
        static <T> net.jqwik.api.Tuple.Tuple2<Integer, T> of(int weight, T value) {
            return net.jqwik.api.Tuple.of(weight, value);
        }
    }
}
