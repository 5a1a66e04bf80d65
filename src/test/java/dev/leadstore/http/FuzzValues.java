package dev.leadstore.http;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Generators of the fuzz test: JSON documents, field and parameter names, and parameter values. */
final class FuzzValues {
    private static final List<String> EDGE_NUMBERS = List.of("0", "-1", "1e400", "-1e-400", "1e308", "1.5",
            "123456789012345678901234567890", "0.001", "999999999999.99", "1000000000000", "2147483648", "-0");
    private static final List<String> EDGE_TEXTS = List.of("", " ", "a@b.co", "x@münchen.de", "+5511988888888",
            "+1 555 123 4567 ext 9", "https://linkedin.com/in/x", "won", "lost", "new", "linkedin", "BRL", "XXX",
            "2024-01-25T09:00:00Z", "0000-01-01", "-999999999-01-01T00:00:00Z", "*", "contacts:read", "pro",
            "enterprise", "cnt_000000000000", "camp_000000000000", "\u0000", "\u202e", "e\u0301", "\ud83d\ude00");

    private FuzzValues() {
    }

    static Arbitrary<String> names() {
        return Arbitraries.strings().all().ofMaxLength(12);
    }

    /** A query value, percent-encoded: arbitrary text, edge cases, or bytes that are not UTF-8. */
    static Arbitrary<String> parameterValues() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.strings().all().ofMaxLength(30).map(RouteFuzzPropertyTest::encode)),
                net.jqwik.api.Tuple.of(4, Arbitraries.of(EDGE_TEXTS).map(RouteFuzzPropertyTest::encode)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(EDGE_NUMBERS).map(RouteFuzzPropertyTest::encode)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("%ff", "%C3%28", "%ED%A0%80", "%C0%AF", "%00")));
    }

    /** A JSON object whose keys are mostly the route's fields, sometimes repeated or strangers. */
    static Arbitrary<String> object(List<String> fields, int depth) {
        Arbitrary<String> strangers = Arbitraries.strings().all().ofMaxLength(10);
        Arbitrary<String> keys = fields.isEmpty() ? strangers : Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.of(fields)), net.jqwik.api.Tuple.of(1, strangers));
        Arbitrary<String> member = keys.flatMap(name -> value(depth).map(v -> quote(name) + ":" + v));
        return member.list().ofMaxSize(7).map(members -> "{" + String.join(",", members) + "}");
    }

    static Arbitrary<String> value(int depth) {
        List<Arbitrary<String>> choices = new ArrayList<>(List.of(
                Arbitraries.strings().all().ofMaxLength(60).map(FuzzValues::quote),
                Arbitraries.of(EDGE_TEXTS).map(FuzzValues::quote),
                Arbitraries.of(EDGE_NUMBERS),
                Arbitraries.of("true", "false", "null", "NaN", "\"\\uD800\"", "\"a\\tb\"", "\"a\\nb\""),
                Arbitraries.integers().map(String::valueOf)));
        if (depth > 0) {
            choices.add(value(depth - 1).list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]"));
            choices.add(Arbitraries.lazy(() -> object(List.of("a", "b", "deal_size"), depth - 1)));
        }
        return Arbitraries.oneOf(choices);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
