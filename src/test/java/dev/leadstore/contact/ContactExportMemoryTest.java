package dev.leadstore.contact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadstore.bench.SeedData;
import dev.leadstore.bench.Seeder;
import dev.leadstore.support.Http;
import dev.leadstore.support.ServerLaunch;
import dev.leadstore.support.ServerProcess;
import dev.leadstore.support.Tenant;
import dev.leadstore.support.TestApp;
import dev.leadstore.support.TestDatabase;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An export far larger than the server's heap: 200 000 contacts from a server given 64 MiB, which
 * exits on the first OutOfMemoryError. The answer is read as a stream and its rows counted.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#databases")
class ContactExportMemoryTest {
    private static final int CONTACTS = 200_000;

    @Parameter
    String kind;

    @Test
    void a_server_with_a_64_mib_heap_exports_200_000_contacts_and_keeps_serving() throws Exception {
        try (TestDatabase database = TestDatabase.of(kind)) {
            Tenant tenant;
            try (TestApp app = TestApp.start(database, Clock.systemUTC(), null)) {
                tenant = app.operator().tenant("export at scale", null);
            }
            // Straight into the tables, as the benchmark seeds: through the API this would take minutes.
            Seeder.seed(database, new SeedData(tenant.accountId()), 0, CONTACTS);
            try (ServerProcess server = ServerProcess.start(ServerLaunch.of(database.environment())
                    .jvm("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-XX:+ExitOnOutOfMemoryError"))) {
                assertThat(exportedRows(server, tenant.key())).isEqualTo(CONTACTS);
                server.requireAlive("the export");
                assertThat(server.http().get("/health").status()).isEqualTo(200);
                Http api = server.http().withHeader("X-API-Key", tenant.key());
                assertThat(api.get("/external/v1/contacts?limit=1").expectStatus(200).data().at("/pagination/total")
                        .asLong()).isEqualTo(CONTACTS);
            }
        }
    }

    /** Reads the export as a stream, each row checked for its width; returns the rows after the header. */
    private static long exportedRows(ServerProcess server, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/external/v1/contacts/export"))
                .header("X-API-Key", key).header("Accept", "text/csv").timeout(Duration.ofMinutes(10)).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        long rows = 0;
        try (CSVParser csv = ContactCsv.FORMAT.parse(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            var records = csv.iterator();
            assertThat(records.next().toList()).containsExactlyElementsOf(ContactCsv.COLUMNS);
            while (records.hasNext()) {
                CSVRecord record = records.next();
                assertThat(record.size()).isEqualTo(ContactCsv.COLUMNS.size());
                rows++;
            }
        }
        return rows;
    }
}
