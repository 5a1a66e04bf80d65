package dev.leadstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadstore.support.OperatorClient;
import dev.leadstore.support.Readme;
import dev.leadstore.support.ServerProcess;
import dev.leadstore.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's walkthrough, run as a reader would: a fresh server on the embedded database, the key
 * its first start prints, then every `curl` block in order through bash and curl, each answer
 * compared with the JSON (or the text) the README shows below the block. Ids, keys, entity tags and
 * timestamps may differ:
 * the README's ids are learned from the answers that first show them and replaced in later
 * commands, so every example must work in the order the README gives.
 */
class ReadmeWalkthroughTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** An entity tag, an id (`cnt_…`, `camp_…`), an API key, or a timestamp: what differs from run to run. */
    private static final Pattern VARIABLE = Pattern.compile(
            "\\b[a-z]{3,4}_[a-z0-9]{12}\\.[a-z0-9]{6,10}\\b|\\b[a-z]{3,4}_[a-z0-9]{12}\\b|gr_live_[A-Za-z0-9]{40}|gr_live_[A-Za-z0-9]{4}\\b|gr_live_…"
                    + "|\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT.*Z");

    /** What the README's ids and keys stand for in this run. */
    private final Map<String, String> aliases = new LinkedHashMap<>();

    @Test
    void every_curl_example_answers_what_the_readme_shows_in_the_order_it_shows_them() throws Exception {
        List<Readme.Block> blocks = Readme.blocks(Path.of("README.md"));
        Map<String, String> environment = new HashMap<>(TestDatabase.h2().environment());
        try (ServerProcess server = ServerProcess.start(environment)) {
            String port = Integer.toString(server.port());
            firstStart(blocks, server.output(), port);
            String key = aliases.entrySet().stream().filter(e -> e.getKey().startsWith("gr_live_"))
                    .map(Map.Entry::getValue).findFirst().orElseThrow();
            int run = 0;
            for (Readme.Block block : blocks) {
                if (!block.language().equals("bash") || !block.text().contains("curl ")) {
                    continue;
                }
                String where = "README.md line " + block.line() + " (" + block.section() + ")";
                String command = substitute(block.text(), where).replace("localhost:8080", "127.0.0.1:" + port);
                Readme.Block shown = block.followedBy();
                boolean json = shown != null && shown.language().equals("json");
                boolean text = shown != null && shown.language().isEmpty();
                if (json) {
                    assertThat(countCommands(block.text())).as(where + ": a block whose answer is shown runs one curl")
                            .isEqualTo(1);
                }
                String answer = bash(command, Map.of("KEY", key, "LEADSTORE_ADMIN_TOKEN", OperatorClient.TOKEN), where);
                List<String> problems = new ArrayList<>();
                if (json) {
                    match("", parse(shown.text(), where + ": the README's answer"),
                            parse(answer, where + ": the server's answer"), problems);
                } else if (text) {
                    List<String> expected = shown.text().lines().toList();
                    List<String> actual = answer.lines().toList();
                    if (expected.size() != actual.size()) {
                        problems.add(expected.size() + " lines in the README, " + actual.size() + " printed");
                    }
                    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                        matchText("line " + (i + 1), expected.get(i), actual.get(i), problems, true);
                    }
                } else {
                    answer.lines().filter(l -> l.startsWith("{")).forEach(line -> assertThat(
                            parse(line, where + ": the server's answer").path("success").asBoolean(true))
                            .as(where + " answered " + line).isTrue());
                }
                assertThat(problems).as(where + "\n$ " + block.text() + "answered:\n" + answer).isEmpty();
                run++;
            }
            assertThat(run).as("curl examples run").isGreaterThan(15);
        }
    }

    /**
     * The README's first-start output: its lines appear, in order, among the lines the server
     * prints (its port and data folder aside), and they teach us the default account and key.
     */
    private void firstStart(List<Readme.Block> blocks, List<String> output, String port) {
        Readme.Block printed = blocks.stream().filter(b -> b.section().equals("Run") && b.text().contains("API key"))
                .findFirst().orElseThrow(() -> new AssertionError("the README shows no first-start output under Run"));
        int at = 0;
        for (String line : printed.text().lines().toList()) {
            String expected = line.replace("8080", port);
            boolean found = false;
            while (!found && at < output.size()) {
                String actual = output.get(at++).replaceAll("embedded H2 in [^)]*", "embedded H2 in …");
                List<String> problems = new ArrayList<>();
                matchText("", expected.replaceAll("embedded H2 in [^)]*", "embedded H2 in …"), actual, problems, false);
                found = problems.isEmpty();
                if (found) {
                    matchText("", expected.replaceAll("embedded H2 in [^)]*", "embedded H2 in …"), actual, problems,
                            true);
                }
            }
            assertThat(found).as("the README's first-start line\n  " + line + "\namong what the server printed, in "
                    + "order:\n" + String.join("\n", output)).isTrue();
        }
    }

    private static int countCommands(String text) {
        return (int) text.lines().filter(l -> l.strip().startsWith("curl ")).count();
    }

    /** The README's ids and keys in a command, replaced by what they stand for in this run. */
    private String substitute(String text, String where) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group();
            if (TIMESTAMP.matcher(value).matches()) {
                m.appendReplacement(out, Matcher.quoteReplacement(value));
                continue;
            }
            String alias = aliases.get(value);
            assertThat(alias).as(where + " uses " + value + " before any answer above it showed it").isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(alias));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Compares a README answer with the server's: the same shape, names, order and values, variables aside. */
    private void match(String path, JsonNode expected, JsonNode actual, List<String> problems) {
        if (expected.isObject() && actual.isObject()) {
            List<String> names = new ArrayList<>();
            expected.fieldNames().forEachRemaining(names::add);
            List<String> actualNames = new ArrayList<>();
            actual.fieldNames().forEachRemaining(actualNames::add);
            if (!names.equals(actualNames)) {
                problems.add(path + ": fields " + names + " in the README, " + actualNames + " answered");
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                match(path + "/" + field.getKey(), field.getValue(), actual.get(field.getKey()), problems);
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                problems.add(path + ": " + expected.size() + " items in the README, " + actual.size() + " answered");
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                match(path + "/" + i, expected.get(i), actual.get(i), problems);
            }
        } else if (expected.isTextual() && actual.isTextual()) {
            matchText(path, expected.asText(), actual.asText(), problems, true);
        } else if (!expected.equals(actual)) {
            problems.add(path + ": " + expected + " in the README, " + actual + " answered");
        }
    }

    /**
     * Text equal but for its variables; each README id or key stands for one value of this run
     * throughout (learned here when `learn`).
     */
    private void matchText(String path, String expected, String actual, List<String> problems, boolean learn) {
        Matcher m = VARIABLE.matcher(expected);
        StringBuilder pattern = new StringBuilder("^");
        List<String> variables = new ArrayList<>();
        int last = 0;
        while (m.find()) {
            pattern.append(Pattern.quote(expected.substring(last, m.start())));
            String value = m.group();
            pattern.append(TIMESTAMP.matcher(value).matches() ? "(\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z)"
                    : value.startsWith("gr_live_") && value.length() == 12 ? "(gr_live_[A-Za-z0-9]{4})"
                    : value.startsWith("gr_live_") ? "(gr_live_[A-Za-z0-9]{40})"
                    : value.contains(".") ? "(" + value.substring(0, value.indexOf('_')) + "_[a-z0-9]{12}\\.[a-z0-9]+)"
                    : "(" + value.substring(0, value.indexOf('_')) + "_[a-z0-9]{12})");
            variables.add(value);
            last = m.end();
        }
        pattern.append(Pattern.quote(expected.substring(last))).append('$');
        Matcher a = Pattern.compile(pattern.toString()).matcher(actual);
        if (!a.matches()) {
            problems.add(path + ": \"" + expected + "\" in the README, \"" + actual + "\" answered");
            return;
        }
        for (int i = 0; i < variables.size(); i++) {
            String readme = variables.get(i);
            String value = a.group(i + 1);
            if (TIMESTAMP.matcher(readme).matches() || readme.startsWith("gr_live_") && readme.length() != 48) {
                continue;
            }
            String known = aliases.get(readme);
            if (known == null && learn) {
                if (aliases.containsValue(value)) {
                    problems.add(path + ": the README shows " + value + " as " + readme + " and as another id");
                }
                aliases.put(readme, value);
            } else if (known != null && !known.equals(value)) {
                problems.add(path + ": " + readme + " stands for " + known + " above, but " + value + " here");
            }
        }
    }

    private static JsonNode parse(String text, String what) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(what + " is not JSON:\n" + text, e);
        }
    }

    private static String bash(String command, Map<String, String> variables, String where) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-c", command).redirectErrorStream(false);
        builder.environment().putAll(variables);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(where + ": the command ends").isTrue();
        assertThat(process.exitValue()).as(where + ": the command's exit code\n" + command + err).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
