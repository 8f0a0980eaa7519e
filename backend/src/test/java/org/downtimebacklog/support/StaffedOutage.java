package org.downtimebacklog.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An outage at a new site with a team lead and a clerk who work there, set up through the API, and the way tests log
 * items into it.
 */
public record StaffedOutage(Api api, String site, Api.User lead, Api.User clerk, long id) {

    /**
     * A new site, its team lead and clerk (both in EHR, EMAR and LIMS), and an outage there of these systems that
     * began 6 hours ago.
     */
    public static StaffedOutage open(Api api, String... systems) {
        return open(api, Duration.ofHours(6), systems);
    }

    /** The same, for an outage that began {@code startedAgo} ago. */
    public static StaffedOutage open(Api api, Duration startedAgo, String... systems) {
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        Api.User clerk = api.createUser("CLERK", site);
        long id = api.createOutage(lead.token(), startedAgo, new String[]{site}, systems).get("id").asLong();
        return new StaffedOutage(api, site, lead, clerk, id);
    }

    /** Logs the usual item ({@link Api#item}), changed as the test needs, as the clerk; the item as answered. */
    public JsonNode log(Consumer<ObjectNode> change) {
        return log(clerk, change);
    }

    public JsonNode log(Api.User who, Consumer<ObjectNode> change) {
        ObjectNode body = Api.item(id, site);
        change.accept(body);
        return api.logItem(who.token(), body);
    }

    /** The team lead records that the system came back a few seconds ago. */
    public void recover(String system) {
        Api.Response r = api.post("/api/outages/" + id + "/systems/" + system + "/recovered", lead.token(),
                Map.of("recoveredAt", Instant.now().minusSeconds(5).toString()));
        if (r.status() != 200) {
            throw new AssertionError("could not record the recovery of " + system + ": " + r);
        }
    }
}
