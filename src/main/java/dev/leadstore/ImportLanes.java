package dev.leadstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.contact.ContactImport;
import dev.leadstore.person.LinkedInProfiles;
import dev.leadstore.person.PersonFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVRecord;

/**
 * The writers of an import: two lanes, each writing one batch at a time while the file is read on,
 * so the database has work while the next rows are parsed. Rows that name one contact (one email,
 * else one LinkedIn profile) always take the same lane, so they are applied in the file's order.
 */
final class ImportLanes {
    static final int LANES = 2;

    /** Where each row's outcome goes, from the lane's thread. */
    interface Outcomes {
        void accept(CSVRecord record, ContactImport.Outcome outcome) throws IOException;
    }

    private final String accountId;
    private final ContactImport.Mode mode;
    private final ContactImport importer;
    private final Outcomes outcomes;
    private final ExecutorService pool = Executors.newFixedThreadPool(LANES);
    private final List<Lane> lanes = new ArrayList<>();
    private int unkeyed;

    private static final class Lane {
        List<CSVRecord> records = new ArrayList<>();
        List<ObjectNode> bodies = new ArrayList<>();
        Future<?> writing;
    }

    ImportLanes(String accountId, ContactImport.Mode mode, ContactImport importer, Outcomes outcomes) {
        this.accountId = accountId;
        this.mode = mode;
        this.importer = importer;
        this.outcomes = outcomes;
        for (int i = 0; i < LANES; i++) {
            lanes.add(new Lane());
        }
    }

    void add(CSVRecord record, ObjectNode body) {
        String key = matchKey(body);
        Lane lane = lanes.get(key == null ? unkeyed++ % LANES : Math.floorMod(key.hashCode(), LANES));
        lane.records.add(record);
        lane.bodies.add(body);
        if (lane.records.size() == ContactImport.MAX_ROWS) {
            write(lane);
        }
    }

    /** Writes what every lane holds and waits for all of it. */
    void finish() {
        try {
            lanes.forEach(this::write);
            lanes.forEach(ImportLanes::await);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Hands the lane's rows to its writer, once its previous batch is written. */
    private void write(Lane lane) {
        await(lane);
        if (lane.records.isEmpty()) {
            return;
        }
        List<CSVRecord> records = lane.records;
        List<ObjectNode> bodies = lane.bodies;
        lane.records = new ArrayList<>();
        lane.bodies = new ArrayList<>();
        lane.writing = pool.submit(() -> {
            List<ContactImport.Outcome> written = importer.write(accountId, bodies, mode,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS));
            for (int i = 0; i < written.size(); i++) {
                outcomes.accept(records.get(i), written.get(i));
            }
            return null;
        });
    }

    private static void await(Lane lane) {
        if (lane.writing == null) {
            return;
        }
        try {
            lane.writing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            lane.writing = null;
        }
    }

    /** What the row would match a stored contact by: its email's comparison form, else its LinkedIn profile. */
    private static String matchKey(ObjectNode body) {
        JsonNode email = body.get("email");
        if (email != null && email.isTextual()) {
            return "e:" + PersonFields.emailKey(email.textValue());
        }
        JsonNode linkedin = body.get("linkedin_url");
        if (linkedin != null && linkedin.isTextual()) {
            try {
                return "l:" + LinkedInProfiles.key(linkedin.textValue());
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }
}
