package org.downtimebacklog.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.StaffedOutage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An outage of EMAR and EHR with six items taken through back-entry, known figure by figure:
 * <ol>
 * <li>medication, Ward 7: entered by the clerk, verified by the lead (VERIFIED)</li>
 * <li>observations in EHR, Ward 8: entered (ENTERED, closed: no check needed)</li>
 * <li>medication, Ward 7: NOT_REQUIRED, "Interface replayed"</li>
 * <li>medication, Ward 8: DUPLICATE of the first</li>
 * <li>observations in EHR, Ward 7: ON_HOLD, "Query to ward" (open)</li>
 * <li>medication, Ward 7: entered by the clerk, who then tries to verify it (refused), waiting (open)</li>
 * </ol>
 */
record RecoveryOutage(Api api, StaffedOutage staffed, List<JsonNode> items) {

    static RecoveryOutage build(Api api) {
        StaffedOutage o = StaffedOutage.open(api, "EMAR", "EHR");
        JsonNode verified = o.log(b -> { });
        JsonNode entered = o.log(b -> b.put("category", "OBSERVATIONS").put("targetSystem", "EHR").put("ward", "Ward 8"));
        JsonNode notRequired = o.log(b -> { });
        JsonNode duplicate = o.log(b -> b.put("ward", "Ward 8"));
        JsonNode held = o.log(b -> b.put("category", "OBSERVATIONS").put("targetSystem", "EHR"));
        JsonNode waiting = o.log(b -> { });
        o.recover("EMAR");
        o.recover("EHR");
        RecoveryOutage r = new RecoveryOutage(api, o, List.of(verified, entered, notRequired, duplicate, held, waiting));

        r.enter(verified, "EMAR-1");
        r.move(verified, o.lead(), Map.of("to", "VERIFIED"), 200);
        r.enter(entered, "EHR-2");
        r.move(notRequired, o.lead(), Map.of("to", "NOT_REQUIRED", "reason", "Interface replayed"), 200);
        r.move(duplicate, o.lead(), Map.of("to", "DUPLICATE", "duplicateOf", verified.get("id").asLong()), 200);
        r.move(held, o.lead(), Map.of("to", "ON_HOLD", "reason", "Query to ward"), 200);
        r.enter(waiting, "EMAR-6");
        r.move(waiting, o.clerk(), Map.of("to", "VERIFIED"), 403);
        return r;
    }

    long id() {
        return staffed.id();
    }

    Api.User lead() {
        return staffed.lead();
    }

    String ref(int n) {
        return items.get(n - 1).get("reference").asText();
    }

    long itemId(int n) {
        return items.get(n - 1).get("id").asLong();
    }

    void close() {
        Api.Response r = api.post("/api/outages/" + id() + "/close", lead().token(), null);
        if (r.status() != 200) {
            throw new AssertionError("could not close the outage: " + r);
        }
    }

    /** The lead gives the item to the clerk, who records its entry. */
    void enter(JsonNode item, String externalReference) {
        Api.Response assigned = api.post("/api/items/assign", lead().token(),
                Map.of("ids", List.of(item.get("id").asLong()), "assignee", staffed.clerk().username()));
        if (assigned.status() != 200 || assigned.body().get("succeeded").asInt() != 1) {
            throw new AssertionError("could not assign: " + assigned);
        }
        move(item, staffed.clerk(), Map.of("to", "ENTERED", "externalReference", externalReference), 200);
    }

    Api.Response move(JsonNode item, Api.User who, Map<String, Object> body, int expected) {
        long id = item.get("id").asLong();
        String etag = api.get("/api/items/" + id, who.token()).header("ETag");
        Api.Response r = api.post("/api/items/" + id + "/transitions", who.token(), new HashMap<>(body), "If-Match", etag);
        if (r.status() != expected) {
            throw new AssertionError("moving item " + id + " with " + body + ": " + r);
        }
        return r;
    }
}
