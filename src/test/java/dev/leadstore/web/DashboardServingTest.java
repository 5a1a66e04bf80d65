package dev.leadstore.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadstore.support.ApiContract;
import dev.leadstore.support.TestApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * How `GET /` and `/app/…` are served: the page and every file it loads come from Leadstore, with
 * their types, a policy that allows no inline script, and ETags; every other path is still the API's
 * JSON 404. The dashboard's files are not API answers, so this test fetches them with a plain client
 * rather than the API test client.
 */
class DashboardServingTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Pattern PAGE_ASSET = Pattern.compile("(?:src|href)=\"(/app/[^\"]*)\"");
    private static final Pattern MODULE_IMPORT = Pattern.compile("from \"\\./([^\"]+)\"");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8", "svg", "image/svg+xml");

    private final TestApp app = TestApp.all().get(0);

    @Test
    void the_page_is_html_under_a_policy_that_allows_scripts_from_leadstore_only() {
        HttpResponse<String> page = get("/", Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(type(page)).isEqualTo("text/html;charset=utf-8");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'none'", "script-src 'self';", "style-src 'self';",
                "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'").doesNotContain("unsafe");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.body())
                .contains("<script type=\"module\" src=\"/app/main.js\"></script>")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                .doesNotContainPattern("\\son[a-z]+\\s*=")
                .doesNotContain("style=", "http://", "https://");
        assertThat(get("/", Map.of()).headers().firstValue("ETag")).isEqualTo(page.headers().firstValue("ETag"));
    }

    @Test
    void every_file_the_page_and_its_modules_load_is_served_by_leadstore_with_its_type() {
        Set<String> files = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        Matcher m = PAGE_ASSET.matcher(get("/", Map.of()).body());
        while (m.find()) {
            queue.add(m.group(1));
        }
        while (!queue.isEmpty()) {
            String path = queue.poll();
            if (!files.add(path)) {
                continue;
            }
            HttpResponse<String> file = get(path, Map.of());
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            assertThat(type(file)).as(path).startsWith(TYPES.get(path.substring(path.lastIndexOf('.') + 1)));
            assertThat(file.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
            assertThat(file.body()).as(path + " loads nothing from elsewhere").doesNotContain("//cdn", "https://cdn")
                    .doesNotContain("innerHTML", "eval(", "new Function");
            Matcher imports = MODULE_IMPORT.matcher(file.body());
            while (imports.find()) {
                queue.add("/app/" + imports.group(1));
            }
        }
        assertThat(files).contains("/app/main.js", "/app/app.css", "/app/icon.svg", "/app/api.js", "/app/contacts.js",
                "/app/board.js", "/app/admin.js", "/app/ui.js", "/app/signin.js");
    }

    @Test
    void the_scripts_speak_only_the_public_api() {
        String api = get("/app/api.js", Map.of()).body();
        Matcher paths = Pattern.compile("[\"`](/[a-z][^\"`$]*)").matcher(api);
        Set<String> called = new LinkedHashSet<>();
        while (paths.find()) {
            called.add(paths.group(1));
        }
        // A path ending in "/" is followed by an id in the script: it must begin a documented path.
        java.util.List<String> documented = ApiContract.served().documentedOperations().stream()
                .map(operation -> operation.substring(operation.indexOf(' ') + 1)).toList();
        assertThat(called).isNotEmpty().allSatisfy(path -> {
            assertThat(path).matches("/(external|admin)/v1/[a-z-]+(/|/[a-z-]+)?");
            assertThat(documented).anyMatch(route -> path.endsWith("/") ? route.startsWith(path) : route.equals(path));
        });
    }

    @Test
    void an_unchanged_file_is_answered_304_without_a_body() {
        HttpResponse<String> first = get("/app/main.js", Map.of());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = get("/app/main.js", Map.of("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).contains(etag);
        assertThat(get("/app/main.js", Map.of("If-None-Match", "\"other\"")).statusCode()).isEqualTo(200);
    }

    @Test
    void unknown_files_and_every_other_unknown_path_are_still_json_404_and_post_on_the_page_405()
            throws IOException {
        for (String path : new String[] {"/app/nothing.js", "/app/index.html", "/app/", "/app", "/index.html",
                "/contacts", "/app/../openapi.yaml"}) {
            HttpResponse<String> answer = get(path, Map.of());
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type")).as(path).contains("application/json");
            assertThat(new ObjectMapper().readTree(answer.body()).at("/error/code").asText()).as(path)
                    .isEqualTo("NOT_FOUND");
        }
        HttpResponse<String> post = send("POST", "/", Map.of());
        assertThat(post.statusCode()).as("POST /").isEqualTo(405);
        assertThat(new ObjectMapper().readTree(post.body()).at("/error/code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    /** The Content-Type without spaces, in lower case. */
    private static String type(HttpResponse<String> answer) {
        return answer.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) {
        return send("GET", path, headers);
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
