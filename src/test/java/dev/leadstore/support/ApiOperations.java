package dev.leadstore.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operations of the OpenAPI document, found by method and request target as the server's
 * router finds its routes: path templates segment by segment, a `{param}` taking one non-empty
 * segment, literal templates before templated ones, a trailing slash ignored, HEAD answered as
 * GET. A request that matches no operation gets the document's `x-unrouted-responses`.
 */
final class ApiOperations {
    static final String UNROUTED = "/x-unrouted-responses";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    /** What the document says of one request: a name for messages and the pointer to its responses. */
    record Match(String name, String responsesPointer) {
    }

    private record Template(String path, List<String> segments, int parameters) {
        boolean matches(List<String> request) {
            if (request.size() != segments.size()) {
                return false;
            }
            for (int i = 0; i < segments.size(); i++) {
                String segment = segments.get(i);
                boolean parameter = segment.startsWith("{") && segment.endsWith("}");
                if (parameter ? request.get(i).isEmpty() : !segment.equals(request.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private final JsonNode paths;
    private final List<Template> templates = new ArrayList<>();

    ApiOperations(JsonNode document) {
        this.paths = document.path("paths");
        for (Iterator<String> names = paths.fieldNames(); names.hasNext(); ) {
            String path = names.next();
            List<String> segments = segments(path);
            int parameters = (int) segments.stream().filter(s -> s.startsWith("{")).count();
            templates.add(new Template(path, segments, parameters));
        }
        templates.sort(Comparator.comparingInt(Template::parameters));
    }

    /** The operation of a request; target is the request target as sent (path and query, or absolute). */
    Match match(String method, String target) {
        String path = path(target);
        String verb = method.toLowerCase(Locale.ROOT);
        String lookup = verb.equals("head") ? "get" : verb;
        List<String> segments = segments(path);
        for (Template template : templates) {
            if (!template.matches(segments)) {
                continue;
            }
            JsonNode operation = paths.path(template.path()).path(lookup);
            if (!METHODS.contains(lookup) || !operation.isObject()) {
                return unrouted(method, path, "no " + method + " on " + template.path());
            }
            String id = operation.path("operationId").asText(template.path());
            return new Match(method + " " + template.path() + " (" + id + ")",
                    "/paths/" + escape(template.path()) + "/" + lookup + "/responses");
        }
        return unrouted(method, path, "no path of the document");
    }

    /** Every operation of the document as "METHOD /path". */
    List<String> all() {
        List<String> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    private static Match unrouted(String method, String path, String why) {
        return new Match("unrouted " + method + " " + path + " (" + why + ")", UNROUTED);
    }

    /** The path of a request target, without query or fragment, as Jetty hands it to the router. */
    static String path(String target) {
        String path = target;
        if (!path.startsWith("/") && path.contains("://")) {
            path = URI.create(path).getRawPath();
        }
        int end = indexOfAny(path, '?', '#');
        path = end < 0 ? path : path.substring(0, end);
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            segments.add(decode(segment));
        }
        return segments;
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    private static int indexOfAny(String text, char a, char b) {
        int first = text.indexOf(a);
        int second = text.indexOf(b);
        return first < 0 ? second : second < 0 ? first : Math.min(first, second);
    }

    /** A JSON Pointer token (RFC 6901). */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
