package dev.leadstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.contact.ContactCsv;
import dev.leadstore.support.Cli;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** `leadstore import contacts` and `leadstore export contacts`, on a database of each kind. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ContactTransferCommandsTest {
    private static final String TRICKY = """
            name,email,phone,company,position,source,linkedin_url,tags,custom_fields,Favourite Colour,score
            "Smith, ""Jane"" Q.",jane@example.com,+55 11 98888-8888,"Acme; ""Quoted"", Inc.",,website,https://br.linkedin.com/in/JoãoSilva/,"hot lead;b,2,b;émoji 😀","{""n"":1.5,""ok"":true}",Blue,10
            محمد علي,,,"Ünïcödé e\u0301 GmbH","",,,,,,
            Ana,ana@example.com,,,,,,vip,,"light ""green"" shade",
            """;

    @Parameter
    TestApp app;

    @TempDir
    Path folder;

    private CommandLineChecks cli;

    @BeforeEach
    void commandLine() {
        cli = CommandLineChecks.on(app);
    }

    @Test
    void export_then_import_into_another_account_gives_equal_contacts_and_the_endpoint_writes_the_same_csv()
            throws IOException {
        String first = newAccount();
        String second = newAccount();
        Path source = write("tricky.csv", TRICKY);
        assertThat(succeeds("import", "contacts", source.toString(), "--account", first).out())
                .matches("tricky\\.csv: read 3, created 3, updated 0, unchanged 0, rejected 0 in [0-9.]+ s, [0-9]+ rows/s\n");
        Path exported = folder.resolve("first.csv");
        Cli.Result export = succeeds("export", "contacts", "--account", first, "--output", exported.toString());
        assertThat(export.err()).contains("exported 3 contacts to " + exported + "\n");

        assertThat(succeeds("import", "contacts", exported.toString(), "--account", second).out())
                .startsWith("first.csv: read 3, created 3, updated 0, unchanged 0, rejected 0 in ");
        String again = succeeds("export", "contacts", "--account", second).out();
        assertThat(withoutServerColumns(again)).isEqualTo(withoutServerColumns(Files.readString(exported)));
        List<CSVRecord> rows = records(Files.readString(exported));
        CSVRecord jane = rows.stream().filter(r -> r.get("email") != null && r.get("email").equals("jane@example.com"))
                .findFirst().orElseThrow();
        assertThat(jane.get("name")).isEqualTo("Smith, \"Jane\" Q.");
        assertThat(jane.get("phone")).isEqualTo("+5511988888888");
        assertThat(jane.get("position")).isNull();
        assertThat(jane.get("tags")).isEqualTo("hot lead;b,2,b;émoji 😀");
        assertThat(jane.get("custom_fields")).isEqualTo("{\"n\":1.5,\"ok\":true,\"Favourite Colour\":\"Blue\",\"score\":\"10\"}");
        CSVRecord arabic = rows.stream().filter(r -> r.get("name").equals("محمد علي")).findFirst().orElseThrow();
        assertThat(arabic.get("company")).isEqualTo("Ünïcödé e\u0301 GmbH");
        assertThat(arabic.get("position")).isEmpty();
        assertThat(arabic.get("email")).isNull();

        try (TestApp server = TestApp.start(cli.database(), Clock.systemUTC(), null)) {
            Http api = server.as(key(server, first));
            assertThat(api.get("/external/v1/contacts/export").expectStatus(200).body()).isEqualTo(Files.readString(exported));
            assertThat(api.get("/external/v1/contacts?limit=1").data().at("/pagination/total").asInt()).isEqualTo(3);
        }
    }

    @Test
    void rejected_rows_go_to_file_rejected_csv_with_the_api_s_reasons_and_the_others_are_imported() throws IOException {
        String account = newAccount();
        Path source = write("people.CSV", """
                name,email,company
                Good One,good@example.com,Acme
                ,nameless@example.com,Acme
                Bad Email,not-an-email,Acme
                "Two
                Lines",lines@example.com,Acme
                Too,Many,Cells,Here
                Again,GOOD@example.com,Acme
                Good Two,two@example.com,
                """);
        Cli.Result result = succeeds("import", "contacts", source.toString(), "--account", account);
        Path rejected = folder.resolve("people.rejected.csv");
        assertThat(result.out()).startsWith("people.CSV: read 7, created 2, updated 0, unchanged 0, rejected 5 (see "
                + rejected + ") in ");
        List<CSVRecord> rows = records(Files.readString(rejected));
        assertThat(rows.get(0).getParser().getHeaderNames()).containsExactly("reason", "name", "email", "company");
        // Rows that name one contact are written in file order; the rejected file lists rows as they are judged.
        assertThat(rows).extracting(r -> r.get("reason")).containsExactlyInAnyOrder(
                "name: is required",
                "email: must be a valid email address",
                "name: must not contain control characters",
                "has 4 cells where the header has 3",
                "A contact with this email already exists (" + exported(account, "good@example.com") + ")");
        assertThat(rows).anySatisfy(row -> assertThat(row.toList()).containsExactly("name: must not contain control "
                + "characters", "Two\nLines", "lines@example.com", "Acme"));
        assertThat(rows).anySatisfy(row -> assertThat(row.toList()).containsExactly("has 4 cells where the header has 3",
                "Too", "Many", "Cells", "Here"));
        assertThat(rows).anySatisfy(row -> assertThat(row.toList()).containsExactly("A contact with this email already "
                + "exists (" + exported(account, "good@example.com") + ")", "Again", "GOOD@example.com", "Acme"));
        assertThat(result.err()).contains("import people.CSV: 100% (7 rows, ");
    }

    @Test
    void upsert_mode_updates_contacts_by_email_and_creates_the_new_ones() throws IOException {
        String account = newAccount();
        succeeds("import", "contacts", write("before.csv", """
                name,email,company,tags,level
                Ana,ana@example.com,Old Co,a;b,1
                Bruno,bruno@example.com,Same Co,,
                """).toString(), "--account", account);
        Path after = write("after.csv", """
                name,email,company,tags,tier
                Ana Lima,ANA@example.com,New Co,c,gold
                Bruno,bruno@example.com,Same Co,,
                Carla,carla@example.com,,,
                """);
        assertThat(succeeds("import", "contacts", after.toString(), "--account", account, "--mode", "upsert").out())
                .startsWith("after.csv: read 3, created 1, updated 1, unchanged 1, rejected 0 in ");
        List<CSVRecord> rows = records(succeeds("export", "contacts", "--account", account, "--sort-by", "name",
                "--sort-order", "asc").out());
        assertThat(rows).extracting(r -> r.get("name")).containsExactly("Ana Lima", "Bruno", "Carla");
        assertThat(rows.get(0).get("email")).isEqualTo("ANA@example.com");
        assertThat(rows.get(0).get("company")).isEqualTo("New Co");
        assertThat(rows.get(0).get("tags")).isEqualTo("c");
        assertThat(rows.get(0).get("custom_fields")).isEqualTo("{\"level\":\"1\",\"tier\":\"gold\"}");

        assertThat(succeeds("import", "contacts", after.toString(), "--account", account).out())
                .startsWith("after.csv: read 3, created 0, updated 0, unchanged 0, rejected 3 ");
    }

    @Test
    void rows_of_one_email_apply_in_file_order_across_batches() throws IOException {
        String account = newAccount();
        StringBuilder csv = new StringBuilder("name,email,company\n");
        for (int i = 0; i < 2100; i++) {
            boolean twin = i == 5 || i == 2050;
            csv.append("Row ").append(i).append(',').append(twin ? "twin@example.com" : "row" + i + "@example.com")
                    .append(',').append(i == 5 ? "First" : i == 2050 ? "Last" : "Other").append('\n');
        }
        assertThat(succeeds("import", "contacts", write("twins.csv", csv.toString()).toString(), "--account", account,
                "--mode", "upsert").out()).startsWith("twins.csv: read 2100, created 2099, updated 1, unchanged 0, rejected 0 in ");
        CSVRecord twin = records(succeeds("export", "contacts", "--account", account, "--email", "twin@example.com").out())
                .get(0);
        assertThat(twin.get("name")).isEqualTo("Row 2050");
        assertThat(twin.get("company")).isEqualTo("Last");
    }

    @Test
    void export_filters_are_the_list_s_and_are_refused_as_the_list_refuses_them() throws IOException {
        String account = newAccount();
        succeeds("import", "contacts", write("mixed.csv", TRICKY).toString(), "--account", account);
        List<CSVRecord> vip = records(succeeds("export", "contacts", "--account", account, "--tags", "vip").out());
        assertThat(vip).extracting(r -> r.get("name")).containsExactly("Ana");
        Cli.Result refused = cli.run("export", "contacts", "--account", account, "--sort-by", "email");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.refusal().get(0)).isEqualTo("leadstore export contacts: Invalid parameter 'sort_by': must be "
                + "one of created_at, updated_at, name, company");
        assertThat(refused.out()).isEmpty();
    }

    @Test
    void an_unknown_account_a_missing_file_and_an_unknown_mode_are_refused() throws IOException {
        Path source = write("one.csv", "name\nAna\n");
        Cli.Result unknown = cli.run("import", "contacts", source.toString(), "--account", "acc_000000000000");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(1);
        assertThat(unknown.refusal()).containsExactly("leadstore import contacts: Account not found");
        Cli.Result missing = cli.run("import", "contacts", folder.resolve("none.csv").toString(), "--account", newAccount());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.refusal()).containsExactly("leadstore import contacts: cannot read " + folder.resolve("none.csv"));
        Cli.Result mode = cli.run("import", "contacts", source.toString(), "--account", newAccount(), "--mode", "merge");
        assertThat(mode.exitCode()).isEqualTo(2);
        assertThat(mode.err()).contains("Invalid value for option '--mode': 'merge' (create or upsert)");
        Path nowhere = folder.resolve("no/such/folder.csv");
        Cli.Result unwritable = cli.run("export", "contacts", "--account", newAccount(), "--output", nowhere.toString());
        assertThat(unwritable.exitCode()).isEqualTo(1);
        assertThat(unwritable.refusal()).containsExactly("leadstore export contacts: cannot write " + nowhere
                + " (NoSuchFileException)");
    }

    @Test
    void a_file_that_is_not_csv_or_not_utf_8_stops_the_import_keeping_the_rows_read_before() throws IOException {
        String account = newAccount();
        Path unclosed = write("unclosed.csv", "name,email\nAna,ana@example.com\n\"Bo,bo@example.com\n");
        Cli.Result stopped = cli.run("import", "contacts", unclosed.toString(), "--account", account);
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(1);
        assertThat(stopped.refusal()).containsExactly("leadstore import contacts: " + unclosed + ": (startline 3) EOF "
                + "reached before encapsulated token finished; the 1 rows read before it are imported, none after");
        assertThat(records(succeeds("export", "contacts", "--account", account).out())).extracting(r -> r.get("email"))
                .containsExactly("ana@example.com");

        Path latin1 = Files.write(folder.resolve("latin1.csv"), "name\nJos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Cli.Result refused = cli.run("import", "contacts", latin1.toString(), "--account", account);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.refusal()).containsExactly("leadstore import contacts: " + latin1
                + ": not UTF-8 text; the 0 rows read before it are imported, none after");
    }

    private String newAccount() {
        return cli.printed("accounts", "create", "--name", "Transfer").get("id").asText();
    }

    private String key(TestApp server, String account) {
        return server.admin().post("/admin/v1/accounts/" + account + "/api-keys",
                Map.of("name", "export", "permissions", List.of("contacts:read"))).expectStatus(201).data().get("key").asText();
    }

    /** The id of the account's contact with this email, read from an export. */
    private String exported(String account, String email) {
        return records(succeeds("export", "contacts", "--account", account, "--email", email).out()).get(0).get("id");
    }

    private Cli.Result succeeds(String... args) {
        Cli.Result result = cli.run(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** The rows without the columns the server makes (id and timestamps), sorted by name. */
    private static List<List<String>> withoutServerColumns(String csv) {
        List<List<String>> rows = new ArrayList<>();
        for (CSVRecord record : records(csv)) {
            List<String> cells = new ArrayList<>(record.toList());
            cells.subList(10, 12).clear();
            cells.remove(0);
            rows.add(cells);
        }
        rows.sort(Comparator.comparing(cells -> cells.get(0)));
        return rows;
    }

    private static List<CSVRecord> records(String csv) {
        try {
            return ContactCsv.FORMAT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))
                    .getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
