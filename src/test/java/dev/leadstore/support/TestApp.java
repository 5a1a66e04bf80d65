package dev.leadstore.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.Leadstore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real Leadstore server on a random port, built exactly as production builds it, with helpers
 * to make accounts and keys through the operator API. Shared servers (one per database) serve
 * most tests; tests that restart or kill a server start their own.
 */
public final class TestApp implements AutoCloseable {
    private static final Map<String, TestApp> SHARED = new ConcurrentHashMap<>();

    private final TestDatabase database;
    private final Leadstore leadstore;
    private final Http http;
    private final OperatorClient operator;

    private TestApp(TestDatabase database, Leadstore leadstore) {
        this.database = database;
        this.leadstore = leadstore;
        this.http = new Http("http://localhost:" + leadstore.port());
        this.operator = new OperatorClient(http.baseUrl());
    }

    /** The databases every parameterized test class runs on: H2 always, PostgreSQL when configured. */
    public static List<TestApp> all() {
        List<TestApp> apps = new ArrayList<>();
        apps.add(shared("h2"));
        if (TestDatabase.postgresConfigured()) {
            apps.add(shared("postgresql"));
        }
        return apps;
    }

    /** A server of its own on each database (H2, and PostgreSQL when configured), started with these settings. */
    public static List<TestApp> all(Map<String, String> settings) {
        return databases().stream().map(kind -> start(TestDatabase.of(kind), settings)).toList();
    }

    public static List<String> databases() {
        return TestDatabase.postgresConfigured() ? List.of("h2", "postgresql") : List.of("h2");
    }

    private static TestApp shared(String kind) {
        return SHARED.computeIfAbsent(kind, k -> {
            TestApp app = start(TestDatabase.of(k), Clock.systemUTC(), null);
            Runtime.getRuntime().addShutdownHook(new Thread(app.leadstore::close));
            return app;
        });
    }

    public static TestApp start(TestDatabase database, Clock clock, String redisUrl) {
        return new TestApp(database, Leadstore.create(database.config(redisUrl), clock).start());
    }

    /** A server with extra settings (environment variables), for tests of configuration. */
    public static TestApp start(TestDatabase database, Map<String, String> settings) {
        return new TestApp(database, Leadstore.create(database.config(null, settings), Clock.systemUTC()).start());
    }

    /** A server with extra settings on a clock of the test's (a MutableClock, say). */
    public static TestApp start(TestDatabase database, Map<String, String> settings, Clock clock) {
        return new TestApp(database, Leadstore.create(database.config(null, settings), clock).start());
    }

    public TestDatabase database() {
        return database;
    }

    public Leadstore leadstore() {
        return leadstore;
    }

    public String baseUrl() {
        return http.baseUrl();
    }

    /** Unauthenticated requests. */
    public Http http() {
        return http;
    }

    /** Requests as the operator. */
    public Http admin() {
        return operator.http();
    }

    public OperatorClient operator() {
        return operator;
    }

    /** Requests with X-API-Key set. */
    public Http as(String apiKey) {
        return http.withHeader("X-API-Key", apiKey);
    }

    /** A new account; returns its id. */
    public String newAccount(String plan) {
        return operator.createAccount(Map.of("name", "test account", "plan", plan));
    }

    /** A new key for the account with the given permissions; returns the secret key. */
    public String newKey(String accountId, String... permissions) {
        return newKey(accountId, Map.of("name", "test key", "permissions", List.of(permissions)));
    }

    public String newKey(String accountId, Map<String, Object> body) {
        return operator.createKey(accountId, body);
    }

    /** A new account on the enterprise plan with one full-permission key: the usual test tenant. */
    public Http newTenant() {
        return as(newKey(newAccount("enterprise"), "*"));
    }

    /** Creates a contact through the API and returns its JSON (the `data` object). */
    public static JsonNode createContact(Http client, Map<String, Object> body) {
        Http.Response response = client.post("/external/v1/contacts", body);
        response.expectStatus(201);
        return response.json().get("data");
    }

    /**
     * Stops a server started with {@link #start}. JUnit closes a parameterized class's AutoCloseable
     * arguments after the class; the shared servers must outlive it, so they stop only at JVM exit.
     */
    @Override
    public void close() {
        if (SHARED.get(database.kind()) != this) {
            leadstore.close();
        }
    }

    @Override
    public String toString() {
        return database.kind();
    }
}
