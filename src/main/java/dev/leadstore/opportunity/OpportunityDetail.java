package dev.leadstore.opportunity;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadstore.base.Json;

/** One opportunity as GET answers it: the stored fields, with campaign and user as {id, name}. */
record OpportunityDetail(Opportunity opportunity, String campaignName, String userName) {
    record Ref(String id, String name) {
    }

    /** The stored form's fields in their order, each id replaced in place by its nested object. */
    @JsonValue
    ObjectNode json() {
        // Written and read back rather than converted in memory: a tree converted from a BigDecimal
        // would hold a double, and 10 would print as 10.0.
        ObjectNode flat = (ObjectNode) Json.parse(Json.string(opportunity));
        ObjectNode out = Json.mapper().createObjectNode();
        flat.fields().forEachRemaining(e -> {
            switch (e.getKey()) {
                case "campaign_id" -> out.set("campaign", ref(opportunity.campaignId(), campaignName));
                case "responsible_user_id" -> out.set("responsible_user", ref(opportunity.responsibleUserId(), userName));
                default -> out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    private static com.fasterxml.jackson.databind.JsonNode ref(String id, String name) {
        return id == null ? Json.mapper().nullNode() : Json.mapper().valueToTree(new Ref(id, name));
    }
}
