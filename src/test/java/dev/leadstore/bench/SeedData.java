package dev.leadstore.bench;

import java.util.concurrent.ThreadLocalRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Realistic contacts of one account, generated from their index alone, so any range can be seeded
 * (10 000 first, then up to 100 000, then up to 1 000 000) and any row named again later (its id,
 * its email). The tag {@link #TAG} hits exactly 1 % of the rows at every scale (a constant
 * selectivity); the search term {@link #SEARCH} hits the same 50 contacts at every scale, as a
 * person looking up one company does (the rows are among the first 10 000, present at every scale).
 */
public final class SeedData {
    static final String TAG = "vip";
    static final String SEARCH = "zephyr";
    static final long FIRST_CREATED = 1_640_995_200_000L; // 2022-01-01T00:00:00Z

    private static final String[] FIRST = {"Ana", "Bruno", "Carla", "Daniel", "Elena", "Felipe", "Gabriela",
        "Hugo", "Isabel", "João", "Karen", "Lucas", "Mariana", "Nicolas", "Olivia", "Pedro", "Quentin", "Rafaela",
        "Samuel", "Tatiana", "Ulisses", "Valeria", "William", "Ximena", "Yuri", "Zoe", "Amelia", "Benjamin",
        "Chloe", "David", "Emma", "Frank", "Grace", "Henry", "Iris", "Jack", "Laura", "Miguel", "Nora", "Oscar"};
    private static final String[] LAST = {"Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Costa",
        "Rodrigues", "Almeida", "Nascimento", "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
        "Davis", "Martinez", "Lopez", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson",
        "White", "Harris", "Clark", "Lewis", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green",
        "Baker", "Müller"};
    private static final String[] COMPANY = {"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay",
        "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne", "Soylent", "Massive", "Pied Piper", "Aperture",
        "Black Mesa", "Oscorp", "Gringotts", "Monarch", "Nakatomi", "Dunder", "Prestige", "Sterling", "Bluth",
        "Kramerica", "Gekko", "Duff", "Los Pollos", "Bravo", "Nimbus"};
    private static final String[] SUFFIX = {"Labs", "Inc", "Group", "Systems", "Tecnologia", "Ltda", "Partners",
        "Digital", "Software", "Consulting"};
    private static final String[] DOMAIN = {"gmail.com", "outlook.com", "yahoo.com", "uol.com.br", "acme.io",
        "globex.com", "hooli.xyz", "initech.net", "empresa.com.br", "startup.dev"};
    private static final String[] POSITION = {"CEO", "CTO", "Head of Sales", "Marketing Manager", "SDR",
        "Account Executive", "Engineer", "Founder", "Product Manager", "Growth Lead", null};
    private static final String[] SOURCE = {"linkedin", "website", "referral", "google_maps", "list",
        "paid_traffic", "other"};
    private static final String[] TAGS = {"b2b", "saas", "inbound", "outbound", "lead", "hot", "cold", "event",
        "webinar", "trial", "newsletter", "partner", "enterprise", "smb", "brazil", "usa", "europe", "fintech",
        "retail", "health"};
    private static final char[] BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private final String accountId;
    private final long salt;

    public SeedData(String accountId) {
        this.accountId = accountId;
        this.salt = accountId.hashCode() * 0x9E3779B97F4A7C15L;
    }

    String accountId() {
        return accountId;
    }

    /** A `cnt_` id unique per index: a bijective mix of the index on 61 bits, in base 36. */
    String id(int i) {
        long mask = (1L << 61) - 1;
        long x = (i ^ salt) & mask;
        x = (x * 0x5DEECE66DL) & mask;
        x ^= x >>> 29;
        x = (x * 0xBF58476D1CE4E5B9L) & mask;
        x ^= x >>> 32;
        char[] id = new char[12];
        for (int k = 11; k >= 0; k--) {
            id[k] = BASE36[(int) (x % 36)];
            x /= 36;
        }
        return "cnt_" + new String(id);
    }

    String name(int i) {
        return FIRST[i % FIRST.length] + " " + LAST[(i / FIRST.length) % LAST.length];
    }

    String email(int i) {
        String local = (FIRST[i % FIRST.length] + "." + LAST[(i / FIRST.length) % LAST.length])
                .toLowerCase(Locale.ROOT).replace("ã", "a").replace("ü", "u");
        return local + i + "@" + DOMAIN[(i / 7) % DOMAIN.length];
    }

    String phone(int i) {
        String digits = Integer.toString(i % 100_000_000);
        return "+55119" + "00000000".substring(digits.length()) + digits;
    }

    /** True for the 50 contacts the search term finds (among the first 10 000). */
    static boolean searchHit(int i) {
        return i < 10_000 && i % 200 == 53;
    }

    /**
     * A random seeded contact that the search term does not find: updates rename the company, and
     * must not take the search's 50 contacts away from the scenarios measured after them.
     */
    int randomUpdatable(int rows) {
        int i;
        do {
            i = ThreadLocalRandom.current().nextInt(rows);
        } while (searchHit(i));
        return i;
    }

    String company(int i) {
        if (searchHit(i)) {
            return "Zephyr " + SUFFIX[(i / 100) % SUFFIX.length];
        }
        return i % 13 == 0 ? null : COMPANY[(i / 3) % COMPANY.length] + " " + SUFFIX[i % SUFFIX.length];
    }

    String position(int i) {
        return POSITION[(i / 5) % POSITION.length];
    }

    String source(int i) {
        return SOURCE[i % SOURCE.length];
    }

    String linkedinUrl(int i) {
        return i % 3 == 0 ? null : "https://www.linkedin.com/in/" + name(i).toLowerCase(Locale.ROOT).replace(' ', '-') + "-" + i;
    }

    List<String> tags(int i) {
        List<String> tags = new ArrayList<>(3);
        int count = i % 3;
        for (int k = 0; k < count; k++) {
            tags.add(TAGS[(i * 7 + k * 11) % TAGS.length]);
        }
        if (i % 100 == 42) {
            tags.add(TAG);
        }
        return tags;
    }

    /** The JSON text of the tags column (plain ASCII words, so no escaping is needed). */
    String tagsJson(int i) {
        List<String> tags = tags(i);
        return tags.isEmpty() ? "[]" : "[\"" + String.join("\",\"", tags) + "\"]";
    }

    String customFieldsJson(int i) {
        return "{\"score\":" + (i % 100) + ",\"newsletter\":" + (i % 2 == 0) + "}";
    }

    /** Increasing with the index: newer rows come later, as they would. */
    long createdAt(int i) {
        return FIRST_CREATED + i * 60_000L + i % 997;
    }
}
