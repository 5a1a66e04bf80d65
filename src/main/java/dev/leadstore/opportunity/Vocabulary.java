package dev.leadstore.opportunity;

import java.util.List;

/** The pipeline stages and lead sources an opportunity may have. */
final class Vocabulary {
    static final List<String> STATUSES = List.of("new", "contacted", "qualified", "proposal", "negotiation", "won", "lost");
    static final List<String> SOURCES = List.of("linkedin", "google_maps", "list", "paid_traffic", "other");

    private Vocabulary() {
    }
}
