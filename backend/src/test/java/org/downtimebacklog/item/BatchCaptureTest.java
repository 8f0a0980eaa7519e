package org.downtimebacklog.item;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class BatchCaptureTest extends ApiTest {

    String site;
    String otherSite;
    Api.User lead;
    Api.User clerk;
    long outageId;

    @BeforeEach
    void setUp() {
        site = Api.site();
        otherSite = Api.site();
        lead = api.createUser("TEAM_LEAD", site, otherSite);
        clerk = api.createUser("CLERK", site);
        outageId = api.createOutage(lead.token(), new String[]{site, otherSite}, "EHR", "EMAR").get("id").asLong();
    }

    @Test
    void goodItemsAreLoggedAndEachBadOneIsAnsweredWithItsOwnProblem() {
        ObjectNode badNhs = item("bad check digit");
        ((ObjectNode) badNhs.get("patient")).put("nhsNumber", "485 777 3456");
        ObjectNode noSummary = item("no summary");
        noSummary.remove("summary");
        ObjectNode wrongSystem = item("wrong system").put("targetSystem", "RIS");
        List<String> keys = keys(5);
        Api.Response r = batch(clerk, keys, item("good 1"), badNhs, noSummary, wrongSystem, item("good 2"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode results = r.body().get("results");
        assertThat(statuses(results)).containsExactly(201, 422, 400, 422, 201);
        assertThat(r.body().get("created").asInt()).isEqualTo(2);
        assertThat(r.body().get("refused").asInt()).isEqualTo(3);
        for (int i = 0; i < keys.size(); i++) {
            assertThat(results.get(i).get("idempotencyKey").asText()).isEqualTo(keys.get(i));
        }
        assertThat(results.get(0).get("item").get("summary").asText()).isEqualTo("good 1");
        assertThat(results.get(0).get("item").get("status").asText()).isEqualTo("LOGGED");
        assertThat(results.get(0).get("item").get("patient").get("nhsNumber").asText()).isEqualTo("9434765919");
        assertThat(results.get(4).get("item").get("summary").asText()).isEqualTo("good 2");
        assertThat(results.get(0).get("problem").isNull()).isTrue();
        assertProblem(results.get(1), 422, "patient.nhsNumber");
        assertProblem(results.get(2), 400, "summary");
        assertProblem(results.get(3), 422, "targetSystem");
        assertThat(results.get(1).get("item").isNull()).isTrue();
        assertThat(summaries()).containsExactlyInAnyOrder("good 1", "good 2");

        // a refused item's key is not used up: corrected, it is logged under the same key
        ((ObjectNode) badNhs.get("patient")).put("nhsNumber", "485 777 3457");
        Api.Response again = batch(clerk, List.of(keys.get(1)), badNhs);
        assertThat(statuses(again.body().get("results"))).containsExactly(201);
    }

    @Test
    void theWholeBatchAgainIsAnsweredAsReplaysWithTheSameItemsAndStoresNothingNew() {
        List<String> keys = keys(3);
        ObjectNode[] bodies = {item("one"), item("two"), item("three")};
        Api.Response first = batch(clerk, keys, bodies);
        Api.Response again = batch(clerk, keys, bodies);

        assertThat(statuses(first.body().get("results"))).containsExactly(201, 201, 201);
        assertThat(statuses(again.body().get("results"))).containsExactly(200, 200, 200);
        assertThat(again.body().get("replayed").asInt()).isEqualTo(3);
        assertThat(ids(again.body().get("results"))).isEqualTo(ids(first.body().get("results")));
        assertThat(again.body().get("results").get(1).get("item").get("summary").asText()).isEqualTo("two");
        assertThat(summaries()).containsExactlyInAnyOrder("one", "two", "three");
    }

    @Test
    void aKeyUsedBeforeWithAnotherItemIsRefusedForThatItemOnly() {
        List<String> keys = keys(2);
        ObjectNode first = item("first");
        batch(clerk, List.of(keys.get(0)), first);
        ObjectNode changed = first.deepCopy().put("summary", "something else entirely");
        Api.Response r = batch(clerk, keys, changed, item("new one"));

        assertThat(statuses(r.body().get("results"))).containsExactly(422, 201);
        assertProblem(r.body().get("results").get(0), 422, "idempotencyKey");
        assertThat(summaries()).containsExactlyInAnyOrder("first", "new one");
    }

    @Test
    void aKeyAlreadyUsedBySingleCaptureIsAReplayOfThatItem() {
        ObjectNode body = item("logged alone");
        String key = UUID.randomUUID().toString();
        Api.Response alone = api.post("/api/items", clerk.token(), body, "Idempotency-Key", key);
        assertThat(alone.status()).isEqualTo(201);

        Api.Response r = batch(clerk, List.of(key), body);
        assertThat(statuses(r.body().get("results"))).containsExactly(200);
        assertThat(r.body().get("results").get(0).get("item").get("id")).isEqualTo(alone.body().get("id"));

        // and the other way round: a key first used in a batch is a replay for POST /api/items
        String batchKey = UUID.randomUUID().toString();
        ObjectNode batched = item("logged in a batch");
        long batchedId = batch(clerk, List.of(batchKey), batched).body().get("results").get(0).get("item").get("id").asLong();
        Api.Response single = api.post("/api/items", clerk.token(), batched, "Idempotency-Key", batchKey);
        assertThat(single.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(single.body().get("id").asLong()).isEqualTo(batchedId);
        assertThat(summaries()).containsExactlyInAnyOrder("logged alone", "logged in a batch");
    }

    @Test
    void racingCopiesOfOneBatchStoreEachItemExactlyOnce() throws Exception {
        int size = 20;
        int copies = 6;
        List<String> keys = keys(size);
        ObjectNode[] bodies = new ObjectNode[size];
        for (int i = 0; i < size; i++) {
            bodies[i] = item("raced " + i);
        }
        String body = Api.write(batchBody(keys, bodies));
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> futures = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return api.send("POST", "/api/items/batch", clerk.token(), body);
            }));
        }
        start.countDown();
        Map<String, Long> idByKey = new HashMap<>();
        Map<String, Integer> createdByKey = new HashMap<>();
        for (Future<Api.Response> f : futures) {
            Api.Response r = f.get();
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode results = r.body().get("results");
            assertThat(results).hasSize(size);
            for (JsonNode result : results) {
                String key = result.get("idempotencyKey").asText();
                assertThat(result.get("status").asInt()).as(result.toString()).isIn(200, 201);
                long id = result.get("item").get("id").asLong();
                assertThat(idByKey.computeIfAbsent(key, k -> id)).as("the same item for " + key).isEqualTo(id);
                if (result.get("status").asInt() == 201) {
                    createdByKey.merge(key, 1, Integer::sum);
                }
            }
        }
        pool.shutdown();
        assertThat(idByKey).hasSize(size);
        assertThat(idByKey.values()).doesNotHaveDuplicates();
        assertThat(createdByKey).hasSize(size).allSatisfy((key, created) -> assertThat(created).isEqualTo(1));
        assertThat(summaries()).hasSize(size);
        assertThat(createdEvents(idByKey.values())).hasSize(size);
    }

    @Test
    void anItemAtAnotherSiteOrOfAnotherSitesOutageIsRefusedOnItsOwn() {
        String elsewhere = Api.site();
        long foreignOutage = api.createOutage(api.createUser("TEAM_LEAD", elsewhere).token(), new String[]{elsewhere},
                "EMAR").get("id").asLong();
        ObjectNode notMySite = item("not my site").put("site", otherSite);
        ObjectNode foreign = Api.item(foreignOutage, elsewhere).put("summary", "foreign");
        Api.Response r = batch(clerk, keys(3), notMySite, foreign, item("mine"));

        assertThat(statuses(r.body().get("results"))).containsExactly(422, 404, 201);
        assertProblem(r.body().get("results").get(0), 422, "site");
        assertThat(r.body().get("results").get(1).get("problem").get("title").asText()).isEqualTo("Not found");
        assertThat(summaries()).containsExactly("mine");
    }

    @Test
    void itemsForAClosedOutageAreRefusedAndTimesAreChecked() {
        ObjectNode future = item("in the future").put("occurredAt", Instant.now().plus(1, ChronoUnit.HOURS).toString());
        ObjectNode tooEarly = item("too early").put("occurredAt", Instant.now().minus(40, ChronoUnit.HOURS).toString());
        Api.Response r = batch(clerk, keys(3), future, tooEarly, item("on time"));
        assertThat(statuses(r.body().get("results"))).containsExactly(422, 422, 201);
        assertProblem(r.body().get("results").get(0), 422, "occurredAt");
        assertProblem(r.body().get("results").get(1), 422, "occurredAt");

        assertThat(api.post("/api/outages/" + outageId + "/close", lead.token(), null).status()).isEqualTo(200);
        Api.Response closed = batch(clerk, keys(2), item("after close 1"), item("after close 2"));
        assertThat(closed.status()).isEqualTo(200);
        assertThat(statuses(closed.body().get("results"))).containsExactly(409, 409);
        assertThat(closed.body().get("results").get(0).get("problem").get("detail").asText()).contains("closed");
        assertThat(summaries()).containsExactly("on time");
    }

    @Test
    void eachItemIsAuditedOnceAndCountedAndARecoveredSystemsItemsAreReady() {
        assertThat(api.post("/api/outages/" + outageId + "/systems/EHR/recovered", lead.token(),
                Map.of("recoveredAt", Instant.now().minus(1, ChronoUnit.HOURS).toString())).status()).isEqualTo(200);
        long before = api.get("/api/outages/" + outageId + "/summary", lead.token()).body().get("total").asLong();
        List<String> keys = keys(3);
        ObjectNode[] bodies = {item("a"), item("b").put("targetSystem", "EHR"), item("c")};
        Api.Response r = batch(clerk, keys, bodies);
        batch(clerk, keys, bodies);
        List<Long> ids = ids(r.body().get("results"));

        assertThat(r.body().get("results").get(1).get("item").get("status").asText()).isEqualTo("READY");
        assertThat(createdEvents(ids)).containsExactlyInAnyOrderElementsOf(ids);
        JsonNode event = api.get("/api/items/" + ids.get(0) + "/history", clerk.token()).body().get(0);
        assertThat(event.get("action").asText()).isEqualTo("ITEM_CREATED");
        assertThat(event.get("changes").get("summary").get("new").asText()).isEqualTo("a");
        JsonNode summary = api.get("/api/outages/" + outageId + "/summary", lead.token()).body();
        assertThat(summary.get("total").asLong()).isEqualTo(before + 3);
        assertThat(summary.get("byStatus").get("READY").asLong()).isEqualTo(1);
    }

    @Test
    void anItemLoggedInABatchIsStoredAsTheSameItemLoggedAlone() {
        assertThat(api.post("/api/outages/" + outageId + "/systems/EHR/recovered", lead.token(),
                Map.of("recoveredAt", Instant.now().minus(1, ChronoUnit.HOURS).toString())).status()).isEqualTo(200);
        // every field an item can be logged with but a form sheet's id (SheetCaptureTest), for a system still down
        // (LOGGED) and one recovered (READY, due)
        ObjectNode waiting = item("Enoxaparin 40 mg sc, given late").put("highRisk", true)
                .put("patientStatus", "DISCHARGED").put("recordedByRole", "PHARMACIST")
                .put("witnessedBy", "Staff Nurse Baker").put("details", "Second dose; \"see\" the chart's back page")
                .put("category", "OBSERVATIONS");
        ((ObjectNode) waiting.get("patient")).put("localId", "RX/12.3-4").put("name", "O'Brien, Seán");
        ObjectNode ready = item("Ward round: plan changed").put("targetSystem", "EHR");
        ((ObjectNode) ready.get("patient")).remove(List.of("nhsNumber", "dateOfBirth"));
        ((ObjectNode) ready.get("patient")).put("localId", "L123");

        ObjectNode[] bodies = {waiting, ready, item("Third in the batch")};
        JsonNode results = batch(lead, keys(bodies.length), bodies).body().get("results");
        assertThat(statuses(results)).containsExactly(201, 201, 201);
        for (int i = 0; i < bodies.length; i++) {
            ObjectNode body = bodies[i];
            JsonNode alone = api.logItem(lead.token(), body);
            // each result answers with the item made from its own entry, read back under the id it names
            JsonNode batched = results.get(i).get("item");
            JsonNode readAlone = api.get("/api/items/" + alone.get("id").asLong(), lead.token()).body();
            JsonNode readBatched = api.get("/api/items/" + batched.get("id").asLong(), lead.token()).body();
            assertThat(withoutIdentity(readBatched)).isEqualTo(withoutIdentity(readAlone));
            assertThat(withoutIdentity(batched)).isEqualTo(withoutIdentity(alone));
            assertThat(readBatched.get("summary").asText()).isEqualTo(body.get("summary").asText());
            for (String field : List.of("band", "reasons", "overridden")) {
                assertThat(readBatched.get("priority").get(field)).isEqualTo(readAlone.get("priority").get(field));
            }
            if (readAlone.get("dueAt").isNull()) {
                assertThat(readBatched.get("dueAt").isNull()).isTrue();
            } else {
                // both are stored to the microsecond, each rounded on its own
                assertThat(dueAfterLogging(readBatched)).isCloseTo(dueAfterLogging(readAlone),
                        java.time.Duration.ofMillis(1));
            }
        }
    }

    /** How long after its logging the item is due, or null when it is not due (not yet in the queue). */
    private static java.time.Duration dueAfterLogging(JsonNode item) {
        return item.get("dueAt").isNull() ? null : java.time.Duration.between(
                Instant.parse(item.get("loggedAt").asText()), Instant.parse(item.get("dueAt").asText()));
    }

    /**
     * An item as answered, less what differs between two items logged one after the other (the note on its late entry
     * names the time it is read).
     */
    private static JsonNode withoutIdentity(JsonNode item) {
        ObjectNode copy = item.deepCopy();
        copy.remove(List.of("id", "reference", "loggedAt", "updatedAt", "dueAt", "priority", "possibleDuplicates",
                "retrospectiveNote"));
        return copy;
    }

    @Test
    void possibleDuplicatesAreFlaggedWithinABatchAndAgainstEarlierItems() {
        String at = Instant.now().minus(3, ChronoUnit.HOURS).toString();
        long earlier = api.logItem(clerk.token(), item("earlier").put("occurredAt", at)).get("id").asLong();
        Api.Response r = batch(clerk, keys(3), item("same care").put("occurredAt", at),
                item("same care again").put("occurredAt", at),
                item("another patient").put("occurredAt", at).set("patient", Api.JSON.createObjectNode()
                        .put("nhsNumber", "485 777 3457")));
        JsonNode results = r.body().get("results");
        long first = results.get(0).get("item").get("id").asLong();
        assertThat(ids(results.get(0).get("item").get("possibleDuplicates"))).containsExactly(earlier);
        assertThat(ids(results.get(1).get("item").get("possibleDuplicates"))).containsExactly(earlier, first);
        assertThat(results.get(2).get("item").get("possibleDuplicates")).isEmpty();
        long flags = api.auditEvents(clerk.username(), api.adminToken()).stream()
                .filter(e -> e.get("action").asText().equals("POSSIBLE_DUPLICATE_FLAGGED")).count();
        assertThat(flags).as("one event per item of each flagged pair or group").isEqualTo(2 + 3);
    }

    @Test
    void aWholeRequestThatIsMalformedIsRefusedAndStoresNothing() {
        String good = "{\"idempotencyKey\":\"" + UUID.randomUUID() + "\",\"item\":" + Api.write(item("never")) + "}";
        // JSON cut short names where it broke off
        assertWholeRequestRefused(400, "items", "{\"items\": [" + good);
        assertWholeRequestRefused(400, "items", "{\"items\": " + good + "}");
        // a bare array instead of {"items": [...]}
        assertWholeRequestRefused(400, null, "[" + good + "]");
        assertWholeRequestRefused(400, "items", "{\"items\": []}");
        assertWholeRequestRefused(400, "items", "{}");
        assertWholeRequestRefused(400, "items[1].idempotencyKey",
                "{\"items\": [" + good + ",{\"item\":" + Api.write(item("never")) + "}]}");
        assertWholeRequestRefused(400, "items[0].idempotencyKey",
                "{\"items\": [{\"idempotencyKey\":\"has space\",\"item\":" + Api.write(item("never")) + "}]}");
        assertWholeRequestRefused(400, "items[0].item", "{\"items\": [{\"idempotencyKey\":\"k1\"}]}");
        assertWholeRequestRefused(400, "items[0].item.highRisk", "{\"items\": [{\"idempotencyKey\":\"k1\",\"item\":"
                + Api.write(item("never").put("highRisk", "yes")) + "}]}");
        String key = UUID.randomUUID().toString();
        assertWholeRequestRefused(422, "items[2].idempotencyKey", Api.write(batchBody(
                List.of(key, UUID.randomUUID().toString(), key.toUpperCase()), item("never"), item("never"), item("never"))));
        assertThat(summaries()).isEmpty();
    }

    @Test
    void moreItemsThanTheLimitAreRefusedWhole() {
        int limit = ItemBatchRequest.MAX_ITEMS;
        ObjectNode[] bodies = new ObjectNode[limit + 1];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = item("item " + i);
        }
        assertWholeRequestRefused(400, "items", Api.write(batchBody(keys(limit + 1), bodies)));
        assertThat(summaries()).isEmpty();

        ObjectNode[] most = java.util.Arrays.copyOf(bodies, limit);
        Api.Response r = batch(clerk, keys(limit), most);
        assertThat(r.body().get("created").asInt()).isEqualTo(limit);
        assertThat(ids(r.body().get("results"))).doesNotHaveDuplicates();
        assertThat(r.body().get("results").get(limit - 1).get("item").get("summary").asText())
                .isEqualTo("item " + (limit - 1));
    }

    @Test
    void onlyThoseWhoMayLogItemsMaySendABatch() {
        Api.User auditor = api.createUser("AUDITOR", site);
        Api.Response r = batch(auditor, keys(1), item("by an auditor"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(api.post("/api/items/batch", null, batchBody(keys(1), item("nobody"))).status()).isEqualTo(401);
        assertThat(summaries()).isEmpty();
    }

    // ---- helpers ----

    private ObjectNode item(String summary) {
        return Api.item(outageId, site).put("summary", summary);
    }

    private static List<String> keys(int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(UUID.randomUUID().toString());
        }
        return keys;
    }

    private static ObjectNode batchBody(List<String> keys, ObjectNode... bodies) {
        ObjectNode body = Api.JSON.createObjectNode();
        ArrayNode items = body.putArray("items");
        for (int i = 0; i < bodies.length; i++) {
            items.addObject().put("idempotencyKey", keys.get(i)).set("item", bodies[i]);
        }
        return body;
    }

    private Api.Response batch(Api.User user, List<String> keys, ObjectNode... bodies) {
        return api.post("/api/items/batch", user.token(), batchBody(keys, bodies));
    }

    private void assertWholeRequestRefused(int status, String field, String body) {
        Api.Response r = api.send("POST", "/api/items/batch", clerk.token(), body);
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("status").asInt()).isEqualTo(status);
        List<String> fields = new ArrayList<>();
        r.body().get("violations").forEach(v -> fields.add(v.get("field").asText()));
        assertThat(fields).as(r.toString()).isNotEmpty();
        if (field != null) {
            assertThat(fields).as(r.toString()).contains(field);
        }
    }

    private static void assertProblem(JsonNode result, int status, String field) {
        JsonNode problem = result.get("problem");
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        List<String> fields = new ArrayList<>();
        problem.get("violations").forEach(v -> fields.add(v.get("field").asText()));
        assertThat(fields).as(problem.toString()).contains(field);
    }

    private static List<Integer> statuses(JsonNode results) {
        List<Integer> statuses = new ArrayList<>();
        results.forEach(r -> statuses.add(r.get("status").asInt()));
        return statuses;
    }

    /** The ids of the items in the results, or of a list of ids. */
    private static List<Long> ids(JsonNode results) {
        List<Long> ids = new ArrayList<>();
        results.forEach(r -> ids.add(r.isNumber() ? r.asLong() : r.get("item").get("id").asLong()));
        return ids;
    }

    /** The summaries of the outage's items. */
    private List<String> summaries() {
        List<String> found = new ArrayList<>();
        api.get("/api/items?size=200&outageId=" + outageId, lead.token()).body().get("items")
                .forEach(i -> found.add(i.get("summary").asText()));
        return found;
    }

    /** The items among these that the clerk's ITEM_CREATED events name, once per event. */
    private List<Long> createdEvents(java.util.Collection<Long> ids) {
        return api.auditEvents(clerk.username(), api.adminToken()).stream()
                .filter(e -> e.get("action").asText().equals("ITEM_CREATED"))
                .map(e -> e.get("itemId").asLong())
                .filter(ids::contains)
                .toList();
    }
}
