package dev.leadstore.contact;

import dev.leadstore.base.ApiException;
import dev.leadstore.db.Cursor;
import dev.leadstore.db.Listing;
import dev.leadstore.http.Query;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVPrinter;

/**
 * Every contact of an account that a list's filters match, in the list's order, as CSV: read page
 * by page along the keyset cursor and written as it is read, so an export of any size holds one
 * page in memory. The endpoint and `leadstore export contacts` both write through it.
 */
public final class ContactExport {
    /** Contacts read a page. */
    static final int PAGE = 500;
    /** The list's paging parameters: an export holds every match, so they do not apply. */
    private static final List<String> PAGING = List.of("page", "limit", "cursor");

    private final ContactStore store;
    private final String accountId;
    private final ContactFilter filter;

    private ContactExport(ContactStore store, String accountId, ContactFilter filter) {
        this.store = store;
        this.accountId = accountId;
        this.filter = filter;
    }

    /**
     * The export of the contacts that these parameters (the list's filters, `sort_by` and
     * `sort_order`) match, read and checked as the list reads them: INVALID_PARAMETER for a bad value,
     * and for `page`, `limit` and `cursor`.
     */
    public static ContactExport of(ContactStore store, String accountId, Function<String, String> parameters) {
        for (String paging : PAGING) {
            if (parameters.apply(paging) != null) {
                throw ApiException.invalidParameter(paging, "does not apply to an export, which holds every matching contact");
            }
        }
        return new ContactExport(store, accountId, ContactFilter.read(new Query(parameters)));
    }

    /** Writes the header row and every matching contact; returns the number of contacts written. */
    public long writeTo(OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        CSVPrinter printer = new CSVPrinter(writer, ContactCsv.FORMAT);
        ContactCsv.printHeader(printer);
        long written = 0;
        Cursor after = null;
        do {
            Listing<Contact> page = store.walk(accountId, filter.walking(PAGE, after));
            for (Contact contact : page.items()) {
                ContactCsv.print(printer, contact);
                written++;
            }
            after = page.next();
        } while (after != null);
        printer.flush();
        return written;
    }
}
