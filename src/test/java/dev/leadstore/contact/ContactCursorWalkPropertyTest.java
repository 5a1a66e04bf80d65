package dev.leadstore.contact;

import static dev.leadstore.contact.ContactChecks.CONTACTS;
import static dev.leadstore.contact.ContactListTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Following next_cursor from the first page to the end, while other requests insert, update and
 * delete contacts, returns every contact that existed for the whole walk exactly once, for every
 * sort_by and both orders, on every database (docs/api.md §9.1). Only a contact whose sort key
 * changed (an update moves updated_at) may be missed or seen twice.
 *
 * <p>Each try seeds an account, then walks it in each of the eight orders in turn. Between pages
 * the walk itself makes the generated writes — new contacts whose keys fall on either side of the
 * cursor, updates, deletes, the deletion of the very row the cursor points at — while a second
 * client writes without pause.
 */
class ContactCursorWalkPropertyTest {
    private static final List<String> NAMES = List.of("Ana", "ana", "Bruno", "Émile", "zoe", "Zoë", "Mia");
    private static final List<String> COMPANIES = List.of("", "Acme", "acme", "Beta", "Ünsal");

    /** What the walk does after a page: create a contact, update or delete the n-th contact, or delete the last one seen. */
    record Write(String kind, int n) {
    }

    @Property(tries = 10, shrinking = ShrinkingMode.OFF)
    void a_walk_by_cursor_sees_every_contact_present_throughout_exactly_once(
            @ForAll @IntRange(min = 8, max = 30) int seeded, @ForAll @IntRange(min = 1, max = 6) int limit,
            @ForAll("writes") @Size(max = 14) List<Write> writes, @ForAll long seed) throws Exception {
        for (TestApp app : TestApp.all()) {
            Http api = app.newTenant();
            Random random = new Random(seed);
            Set<String> live = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < seeded; i++) {
                live.add(create(api, random));
            }
            for (String sort : ContactCursorTest.SORTS) {
                for (String order : List.of("asc", "desc")) {
                    walk(api, app + " sort_by=" + sort + "&sort_order=" + order, live, limit, writes, random);
                }
            }
        }
    }

    private static void walk(Http api, String label, Set<String> live, int limit, List<Write> writes, Random random)
            throws Exception {
        String query = label.substring(label.indexOf(' ') + 1);
        Set<String> present = Set.copyOf(live);
        Set<String> gone = ConcurrentHashMap.newKeySet();
        Set<String> updated = ConcurrentHashMap.newKeySet();
        AtomicBoolean walking = new AtomicBoolean(true);
        ExecutorService other = Executors.newSingleThreadExecutor();
        Future<?> writer = other.submit(() -> writeMeanwhile(api, live, gone, updated, walking, new Random(random.nextLong())));
        List<String> seen = new ArrayList<>();
        try {
            JsonNode data = api.get(CONTACTS + "?" + query + "&limit=" + limit).expectStatus(200).data();
            for (int page = 0; ; page++) {
                List<String> ids = ids(data);
                seen.addAll(ids);
                if (data.at("/pagination/next_cursor").isNull()) {
                    break;
                }
                assertThat(page).as(label).isLessThan(2000);
                if (page < writes.size()) {
                    apply(api, writes.get(page), ids, live, gone, updated, random);
                }
                data = api.get(CONTACTS + "?" + query + "&limit=" + limit + "&cursor="
                        + data.at("/pagination/next_cursor").asText()).expectStatus(200).data();
            }
        } finally {
            walking.set(false);
            writer.get();
            other.shutdown();
        }
        boolean keysMoved = query.contains("sort_by=updated_at");
        Set<String> throughout = new LinkedHashSet<>(present);
        throughout.removeAll(gone);
        if (keysMoved) {
            throughout.removeAll(updated);
        }
        Map<String, Integer> times = new HashMap<>();
        seen.forEach(id -> times.merge(id, 1, Integer::sum));
        for (String id : throughout) {
            assertThat(times.getOrDefault(id, 0)).as("%s: times %s was seen", label, id).isEqualTo(1);
        }
        times.forEach((id, count) -> {
            if (!(keysMoved && updated.contains(id))) {
                assertThat(count).as("%s: times %s was seen", label, id).isEqualTo(1);
            }
        });
        // Those present throughout came in the list's order, as a list read now still has them.
        List<String> now = new ArrayList<>();
        JsonNode data = api.get(CONTACTS + "?" + query + "&limit=100").expectStatus(200).data();
        for (String cursor = null; ; cursor = data.at("/pagination/next_cursor").asText()) {
            if (cursor != null) {
                data = api.get(CONTACTS + "?" + query + "&limit=100&cursor=" + cursor).expectStatus(200).data();
            }
            now.addAll(ids(data));
            if (data.at("/pagination/next_cursor").isNull()) {
                break;
            }
        }
        assertThat(seen.stream().filter(throughout::contains).toList()).as(label)
                .isEqualTo(now.stream().filter(throughout::contains).toList());
    }

    private static void apply(Http api, Write write, List<String> page, Set<String> live, Set<String> gone,
                              Set<String> updated, Random random) {
        List<String> ids = new ArrayList<>(live);
        switch (write.kind()) {
            case "create" -> live.add(create(api, random));
            case "update" -> {
                if (!ids.isEmpty()) {
                    update(api, ids.get(write.n() % ids.size()), updated, random);
                }
            }
            case "delete" -> {
                if (!ids.isEmpty()) {
                    delete(api, ids.get(write.n() % ids.size()), live, gone);
                }
            }
            case "delete_cursor_row" -> {
                if (!page.isEmpty() && live.contains(page.get(page.size() - 1))) {
                    delete(api, page.get(page.size() - 1), live, gone);
                }
            }
            default -> throw new IllegalArgumentException(write.kind());
        }
    }

    /** The other client: creates, and updates or deletes what is there, until the walk ends. */
    private static void writeMeanwhile(Http api, Set<String> live, Set<String> gone, Set<String> updated,
                                       AtomicBoolean walking, Random random) {
        while (walking.get()) {
            List<String> ids = new ArrayList<>(live);
            int choice = ids.size() < 4 ? 0 : random.nextInt(3);
            switch (choice) {
                case 0 -> live.add(create(api, random));
                case 1 -> update(api, ids.get(random.nextInt(ids.size())), updated, random);
                default -> delete(api, ids.get(random.nextInt(ids.size())), live, gone);
            }
        }
    }

    private static String create(Http api, Random random) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", NAMES.get(random.nextInt(NAMES.size())));
        if (random.nextInt(3) > 0) {
            body.put("company", COMPANIES.get(random.nextInt(COMPANIES.size())));
        }
        return TestApp.createContact(api, body).get("id").asText();
    }

    /** Changes no sort key but updated_at. */
    private static void update(Http api, String id, Set<String> updated, Random random) {
        updated.add(id);
        int status = api.put(CONTACTS + "/" + id, Map.of("position", "P" + random.nextInt(1000))).status();
        assertThat(status).isIn(200, 404);
    }

    private static void delete(Http api, String id, Set<String> live, Set<String> gone) {
        gone.add(id);
        live.remove(id);
        assertThat(api.delete(CONTACTS + "/" + id).status()).isIn(200, 404);
    }

    @Provide
    Arbitrary<List<Write>> writes() {
        Arbitrary<String> kind = Arbitraries.of("create", "create", "update", "delete", "delete_cursor_row");
        return Combinators.combine(kind, Arbitraries.integers().between(0, 1000)).as(Write::new).list();
    }
}
