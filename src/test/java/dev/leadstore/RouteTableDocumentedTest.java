package dev.leadstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.support.ApiContract;
import dev.leadstore.support.TestApp;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The route table and the OpenAPI document name the same operations: a route cannot land without
 * its documentation, nor an operation be documented that the server does not have.
 */
class RouteTableDocumentedTest {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @Test
    void every_route_is_an_operation_of_the_document_and_every_operation_a_route() {
        Set<String> routes = routes(TestApp.all().get(0).leadstore());
        Set<String> operations = new TreeSet<>(ApiContract.served().documentedOperations());

        assertThat(routes).as("the route table, read from the running app").contains("GET /openapi.json",
                "POST /admin/v1/accounts", "PATCH /external/v1/opportunities/{id}/stage");
        assertThat(without(routes, operations)).as("routes that src/main/resources/openapi.yaml lacks").isEmpty();
        assertThat(without(operations, routes)).as("operations of src/main/resources/openapi.yaml without a route")
                .isEmpty();
    }

    /** What Javalin registered, as "METHOD /path", for the API's own paths (not /bench/ping). */
    private static Set<String> routes(Leadstore leadstore) {
        return leadstore.app().unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(endpoint -> METHODS.contains(endpoint.method.name()) && documentedPrefix(endpoint.path))
                .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean documentedPrefix(String path) {
        return path.startsWith("/external/v1/") || path.startsWith("/admin/v1/") || path.equals("/health")
                || path.equals("/openapi.json") || path.equals("/docs") || path.startsWith("/docs/") || path.equals("/")
                || path.startsWith("/app/") || path.equals("/metrics");
    }

    private static Set<String> without(Set<String> all, Set<String> removed) {
        Set<String> rest = new TreeSet<>(all);
        rest.removeAll(removed);
        return rest;
    }
}
