package dev.leadstore;

import dev.leadstore.contact.ContactCsv;
import dev.leadstore.contact.ContactImport;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * One run of `leadstore import contacts`: the file read as CSV, its rows written in batches by the
 * API's batch path ({@link ImportLanes}), every rejected row copied to FILE.rejected.csv after a first
 * column with its reason.
 */
final class ContactImportRun implements AutoCloseable {
    private final Path file;
    private final Path rejectedFile;
    private final String accountId;
    private final ContactImport.Mode mode;
    private final ContactImport importer;
    private final Progress progress;
    private List<String> header;
    private CSVPrinter rejectedRows;
    private long read;
    // Counted from the lanes' threads, read once they are done.
    private long created;
    private long updated;
    private long unchanged;
    private long rejected;

    ContactImportRun(Path file, String accountId, ContactImport.Mode mode, ContactImport importer, Progress progress) {
        this.file = file;
        this.rejectedFile = rejectedFile(file);
        this.accountId = accountId;
        this.mode = mode;
        this.importer = importer;
        this.progress = progress;
    }

    /** FILE.csv's rejected rows go to FILE.rejected.csv beside it. */
    static Path rejectedFile(Path file) {
        String name = file.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return file.resolveSibling(stem + ".rejected.csv");
    }

    /** Reads and writes every row; returns the summary line. A file that is not CSV or not UTF-8 stops the run. */
    String run() throws IOException {
        Files.deleteIfExists(rejectedFile);
        try (Counting counted = new Counting(Files.newInputStream(file));
             CSVParser parser = ContactCsv.FORMAT.parse(new BufferedReader(new InputStreamReader(withoutBom(counted),
                     StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                             .onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024))) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!next(records)) {
                throw new IllegalArgumentException(file + " is empty: its first row must name the columns");
            }
            header = header(records.next());
            ImportLanes lanes = new ImportLanes(accountId, mode, importer, this::outcome);
            try {
                while (next(records)) {
                    add(records.next(), lanes);
                    if (read % ContactImport.MAX_ROWS == 0) {
                        progress.update(counted.bytes, read);
                    }
                }
            } finally {
                lanes.finish();
            }
            progress.update(counted.bytes, read);
        } finally {
            progress.finish();
        }
        return summary();
    }

    private boolean next(Iterator<CSVRecord> records) {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            // The text is decoded ahead of the rows parsed: the fault may lie a few rows past those read.
            throw new IllegalArgumentException(file + ": " + (e.getCause() instanceof java.nio.charset.CharacterCodingException
                    ? "not UTF-8 text" : e.getCause().getMessage()) + "; the " + read
                    + " rows read before it are imported, none after", e);
        }
    }

    private List<String> header(CSVRecord record) {
        List<String> names = record.stream().map(cell -> cell == null ? "" : cell).toList();
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!name.isBlank() && !seen.add(name.strip().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(file + ": the header names the column '" + name.strip() + "' twice");
            }
        }
        return names;
    }

    /** One row: refused at once when its width is wrong, else handed to a lane as the body it stands for. */
    private void add(CSVRecord record, ImportLanes lanes) throws IOException {
        read++;
        if (record.size() != header.size()) {
            reject(record, "has " + record.size() + " cells where the header has " + header.size());
        } else {
            lanes.add(record, ContactCsv.body(header, record.toList()));
        }
    }

    /** A row's outcome, from a lane's thread. */
    private synchronized void outcome(CSVRecord record, ContactImport.Outcome outcome) throws IOException {
        switch (outcome.result()) {
            case "created" -> created++;
            case "updated" -> updated++;
            case "unchanged" -> unchanged++;
            default -> reject(record, outcome.reason());
        }
    }

    private synchronized void reject(CSVRecord record, String reason) throws IOException {
        rejected++;
        if (rejectedRows == null) {
            rejectedRows = new CSVPrinter(Files.newBufferedWriter(rejectedFile, StandardCharsets.UTF_8), ContactCsv.FORMAT);
            // The reason first: a row of the wrong width keeps every cell it had, and the reason its place.
            List<String> columns = new ArrayList<>(List.of("reason"));
            columns.addAll(header);
            rejectedRows.printRecord(columns);
        }
        List<String> cells = new ArrayList<>(List.of(reason));
        cells.addAll(record.toList());
        rejectedRows.printRecord(cells);
    }

    private String summary() {
        return String.format(Locale.ROOT, "%s: read %d, created %d, updated %d, unchanged %d, rejected %d%s in %.1f s, %d rows/s",
                file.getFileName(), read, created, updated, unchanged, rejected,
                rejected > 0 ? " (see " + rejectedFile + ")" : "", progress.seconds(), progress.rate(read));
    }

    @Override
    public void close() throws IOException {
        if (rejectedRows != null) {
            rejectedRows.close();
        }
    }

    /** Skips a UTF-8 byte-order mark, which spreadsheets put before the first column's name. */
    private static InputStream withoutBom(InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, 3);
        byte[] first = pushback.readNBytes(3);
        boolean bom = first.length == 3 && (first[0] & 0xFF) == 0xEF && (first[1] & 0xFF) == 0xBB && (first[2] & 0xFF) == 0xBF;
        if (!bom) {
            pushback.unread(first);
        }
        return pushback;
    }

    /** Counts the bytes read, for the progress through the file. */
    private static final class Counting extends FilterInputStream {
        private long bytes;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            bytes += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            bytes += Math.max(n, 0);
            return n;
        }
    }
}
