package dev.leadstore;

import dev.leadstore.contact.ContactExport;
import dev.leadstore.contact.ContactImport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `leadstore import contacts` and `leadstore export contacts`: CSV in the columns of GET /contacts/export. */
final class TransferCommands {
    private TransferCommands() {
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Import records from a file.",
            subcommands = ImportContacts.class)
    static final class Import {
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Export records to a file.",
            subcommands = ExportContacts.class)
    static final class Export {
    }

    @Command(name = "contacts", mixinStandardHelpOptions = true,
            description = {"Import contacts from a CSV file with a header row. Columns named as the contact's fields "
                    + "(name, email, phone, company, position, source, linkedin_url, tags split on ';', custom_fields "
                    + "as JSON) are read as those; id, created_at and updated_at are ignored; any other column becomes "
                    + "a custom field. Every row is checked as the API checks a body; rejected rows are written to "
                    + "FILE.rejected.csv with a reason column."})
    static final class ImportContacts implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE.csv", description = "UTF-8 CSV (RFC 4180), header row first") Path file;
        @Option(names = "--account", required = true, description = "the account that gets the contacts") String account;
        @Option(names = "--mode", defaultValue = "create", paramLabel = "create|upsert",
                description = "create (default): every row is a new contact, a known email is rejected; "
                        + "upsert: a row updates the contact with its email (else its LinkedIn profile) or creates one")
        String mode;

        @Override
        public Integer call() throws IOException {
            ContactImport.Mode chosen = switch (mode) {
                case "create" -> ContactImport.Mode.CREATE;
                case "upsert" -> ContactImport.Mode.UPSERT;
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "Invalid value for option '--mode': '" + mode + "' (create or upsert)");
            };
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read " + file);
            }
            try (Operator operator = Operator.open()) {
                String owner = operator.stores().accounts().require(account).id();
                Progress progress = new Progress(System.err, System.console() != null, "import " + file.getFileName(),
                        Files.size(file));
                try (ContactImportRun run = new ContactImportRun(file, owner, chosen, operator.contactImport(), progress)) {
                    System.out.println(run.run());
                }
            }
            return 0;
        }
    }

    @Command(name = "contacts", mixinStandardHelpOptions = true,
            description = "Write an account's contacts as CSV, as GET /external/v1/contacts/export writes them, to a "
                    + "file or standard output. The filters are the list's.")
    static final class ExportContacts implements Callable<Integer> {
        @Option(names = "--account", required = true) String account;
        @Option(names = "--output", paramLabel = "FILE", description = "the file to write (default: standard output)")
        Path output;
        @Option(names = "--search") String search;
        @Option(names = "--email") String email;
        @Option(names = "--company") String company;
        @Option(names = "--source") String source;
        @Option(names = "--linkedin-url") String linkedinUrl;
        @Option(names = "--tags", description = "comma-separated: contacts with any of them") String tags;
        @Option(names = "--created-after") String createdAfter;
        @Option(names = "--created-before") String createdBefore;
        @Option(names = "--updated-after") String updatedAfter;
        @Option(names = "--updated-before") String updatedBefore;
        @Option(names = "--sort-by", description = "created_at (default), updated_at, name or company") String sortBy;
        @Option(names = "--sort-order", description = "desc (default) or asc") String sortOrder;

        @Override
        public Integer call() throws IOException {
            try (Operator operator = Operator.open()) {
                String owner = operator.stores().accounts().require(account).id();
                ContactExport export = ContactExport.of(operator.contacts(), owner, parameters()::get);
                if (output == null) {
                    export.writeTo(System.out);
                    System.out.flush();
                    return 0;
                }
                long written;
                try (OutputStream out = open(output)) {
                    written = export.writeTo(out);
                }
                System.err.println("exported " + written + " contacts to " + output);
            }
            return 0;
        }

        private static OutputStream open(Path file) {
            try {
                return Files.newOutputStream(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write " + file + " (" + e.getClass().getSimpleName() + ")", e);
            }
        }

        /** The options as the list's query parameters, for the list's own reading of them. */
        private Map<String, String> parameters() {
            Map<String, String> parameters = new HashMap<>();
            String[][] pairs = {{"search", search}, {"email", email}, {"company", company}, {"source", source},
                {"linkedin_url", linkedinUrl}, {"tags", tags}, {"created_after", createdAfter},
                {"created_before", createdBefore}, {"updated_after", updatedAfter}, {"updated_before", updatedBefore},
                {"sort_by", sortBy}, {"sort_order", sortOrder}};
            for (String[] pair : pairs) {
                if (pair[1] != null) {
                    parameters.put(pair[0], pair[1]);
                }
            }
            return parameters;
        }
    }
}
