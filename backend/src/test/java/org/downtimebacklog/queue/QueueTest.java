package org.downtimebacklog.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.StaffedOutage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class QueueTest extends ApiTest {

    String site;
    Api.User lead;
    Api.User clerk;
    long outageId;

    StaffedOutage outage;

    @BeforeEach
    void setUp() {
        // began a day ago: items up to 48 h old may be logged into it (backlog.capture.before-outage-margin)
        outage = StaffedOutage.open(api, java.time.Duration.ofHours(24), "EHR", "EMAR", "LIMS");
        site = outage.site();
        lead = outage.lead();
        clerk = outage.clerk();
        outageId = outage.id();
    }

    @Test
    void recordingARecoveryReleasesTheItemsWaitingForThatSystem() {
        long emar1 = log(b -> b.put("targetSystem", "EMAR")).get("id").asLong();
        long emar2 = log(b -> b.put("targetSystem", "EMAR")).get("id").asLong();
        long lims = log(b -> b.put("targetSystem", "LIMS").put("category", "RESULT")).get("id").asLong();
        assertThat(status(emar1)).isEqualTo("LOGGED");

        recover("EMAR");
        assertThat(status(emar1)).isEqualTo("READY");
        assertThat(status(emar2)).isEqualTo("READY");
        assertThat(status(lims)).isEqualTo("LOGGED");
        JsonNode released = null;
        for (JsonNode event : api.get("/api/items/" + emar1 + "/history", lead.token()).body()) {
            if (event.get("action").asText().equals("ITEM_RELEASED")) {
                released = event;
            }
        }
        assertThat(released).isNotNull();
        assertThat(released.get("actor").asText()).isEqualTo(lead.username());
        assertThat(released.get("changes").get("status").get("new").asText()).isEqualTo("READY");

        // logged after its system came back: ready at once
        assertThat(log(b -> b.put("targetSystem", "EMAR")).get("status").asText()).isEqualTo("READY");
    }

    @Test
    void nextHandsOutTheRiskiestItemFirstAndTiesToTheOldest() {
        recoverAll();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long note = log(b -> b.put("category", "CLINICAL_NOTE").put("targetSystem", "EHR").put("patientStatus", "DISCHARGED")
                .put("occurredAt", now.minus(30, ChronoUnit.HOURS).toString())).get("id").asLong();
        JsonNode highRisk = log(b -> b.put("highRisk", true).put("occurredAt", now.minus(26, ChronoUnit.HOURS).toString()));
        long medOlder = log(b -> b.put("occurredAt", now.minus(3, ChronoUnit.HOURS).toString())).get("id").asLong();
        long medNewer = log(b -> b.put("occurredAt", now.minus(2, ChronoUnit.HOURS).minusSeconds(10).toString())).get("id").asLong();

        JsonNode priority = highRisk.get("priority");
        assertThat(priority.get("band").asText()).isEqualTo("P1");
        assertThat(priority.get("reasons").asText()).isEqualTo("high-risk; medication administration; inpatient; 26 h since care");
        // the band counts at most 24 h of age; the score now counts every hour since care
        assertThat(priority.get("score").asInt()).isEqualTo(40 + 30 + 20 + 26);

        List<Long> order = new ArrayList<>();
        Api.User worker = api.createUser(new String[]{"CLERK"}, new String[]{site}, new String[]{"EHR", "EMAR"});
        for (int i = 0; i < 4; i++) {
            Api.Response r = api.post("/api/queue/next", worker.token(), Map.of());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.body().get("status").asText()).isEqualTo("ASSIGNED");
            assertThat(r.body().get("assignedTo").asText()).isEqualTo(worker.username());
            order.add(r.body().get("id").asLong());
        }
        // med items tie on band and score (2 h vs 3 h since care differ by a point: older scores higher)
        assertThat(order).containsExactly(highRisk.get("id").asLong(), medOlder, medNewer, note);
        // the list sorted by priority shows the queue's order
        List<Long> listed = api.get("/api/items?outageId=" + outageId + "&sort=priority", lead.token()).body().get("items")
                .findValues("id").stream().map(JsonNode::asLong).toList();
        assertThat(listed).containsExactlyElementsOf(order);
        assertThat(api.post("/api/queue/next", worker.token(), Map.of()).status()).isEqualTo(204);
        assertThat(api.get("/api/queue/mine", worker.token()).body().findValuesAsText("reference")).hasSize(4);
    }

    @Test
    void aClaimAcrossSystemsFollowsTheQueueOrderAndABigBacklogOfOneSystemStandsInFrontOfNoOther() {
        recoverAll();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // many urgent EMAR items, and the other systems' items spread between and after them in the queue's order
        for (int i = 0; i < 12; i++) {
            int hours = 1 + i * 3;
            log(b -> b.put("highRisk", true).put("occurredAt", now.minus(hours, ChronoUnit.HOURS).toString()));
            log(b -> b.put("targetSystem", "LIMS").put("category", "RESULT")
                    .put("occurredAt", now.minus(hours + 1, ChronoUnit.HOURS).toString()));
            if (i % 3 == 0) {
                log(b -> b.put("targetSystem", "EHR").put("category", "CLINICAL_NOTE").put("patientStatus", "DISCHARGED")
                        .put("occurredAt", now.minus(hours, ChronoUnit.HOURS).toString()));
            }
        }
        List<JsonNode> queued = new ArrayList<>();
        api.get("/api/items?outageId=" + outageId + "&status=READY&sort=priority&size=100", lead.token()).body()
                .get("items").forEach(queued::add);
        assertThat(queued).hasSize(28);

        // one system's worker gets that system's first item, however many items of others rank before it
        Api.User limsOnly = api.createUser(new String[]{"CLERK"}, new String[]{site}, new String[]{"LIMS"});
        Api.Response lims = api.post("/api/queue/next", limsOnly.token(), Map.of());
        assertThat(lims.status()).as(lims.toString()).isEqualTo(200);
        long firstLims = queued.stream().filter(i -> i.get("targetSystem").asText().equals("LIMS")).findFirst()
                .orElseThrow().get("id").asLong();
        assertThat(lims.body().get("id").asLong()).isEqualTo(firstLims);

        // workers of all three systems, one after another (each may hold 5), take the rest in exactly the order of the
        // list sorted by priority
        List<Long> claimed = new ArrayList<>();
        boolean more = true;
        while (more) {
            Api.User all = api.createUser(new String[]{"CLERK"}, new String[]{site}, new String[]{"EHR", "EMAR", "LIMS"});
            for (int n = 0; n < 5 && more; n++) {
                Api.Response next = api.post("/api/queue/next", all.token(), Map.of());
                more = next.status() == 200;
                if (more) {
                    claimed.add(next.body().get("id").asLong());
                } else {
                    assertThat(next.status()).as(next.toString()).isEqualTo(204);
                }
            }
        }
        assertThat(claimed).containsExactlyElementsOf(queued.stream().map(i -> i.get("id").asLong())
                .filter(id -> id != firstLims).toList());
    }

    @Test
    void nextOnlyOffersTheCallersSystemsAndSites() {
        recoverAll();
        log(b -> b.put("targetSystem", "LIMS").put("category", "RESULT"));
        Api.User emarOnly = api.createUser(new String[]{"CLERK"}, new String[]{site}, new String[]{"EMAR"});
        assertThat(api.post("/api/queue/next", emarOnly.token(), Map.of()).status()).isEqualTo(204);
        Api.Response foreign = api.post("/api/queue/next", emarOnly.token(), Map.of("targetSystems", List.of("LIMS")));
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.body().get("violations").get(0).get("field").asText()).isEqualTo("targetSystems");
        Api.User elsewhere = api.createUser(new String[]{"CLERK"}, new String[]{Api.site()}, new String[]{"LIMS"});
        assertThat(api.post("/api/queue/next", elsewhere.token(), Map.of()).status()).isEqualTo(204);
        Api.User auditor = api.createUser("AUDITOR", site);
        assertThat(api.post("/api/queue/next", auditor.token(), Map.of()).status()).isEqualTo(403);
    }

    @Test
    void enterThenVerifyNeedsFourEyesForHighRiskItems() {
        recoverAll();
        long id = log(b -> b.put("highRisk", true)).get("id").asLong();
        JsonNode claimed = api.post("/api/queue/next", clerk.token(), Map.of()).body();
        assertThat(claimed.get("id").asLong()).isEqualTo(id);
        assertThat(claimed.get("needsVerification").asBoolean()).isTrue();

        Api.Response noRef = move(id, clerk, Map.of("to", "ENTERED"));
        assertThat(noRef.status()).isEqualTo(422);
        assertThat(noRef.body().get("violations").get(0).get("field").asText()).isEqualTo("externalReference");

        Api.User other = api.createUser("CLERK", site);
        assertThat(move(id, other, Map.of("to", "ENTERED", "externalReference", "EMAR-1")).status()).isEqualTo(403);

        Api.Response entered = move(id, clerk, Map.of("to", "ENTERED", "externalReference", "EMAR-778812"));
        assertThat(entered.status()).isEqualTo(200);
        assertThat(entered.body().get("enteredBy").asText()).isEqualTo(clerk.username());
        assertThat(entered.body().get("externalReference").asText()).isEqualTo("EMAR-778812");
        assertThat(entered.body().get("enteredAt").isNull()).isFalse();
        assertThat(entered.body().get("closed").asBoolean()).isFalse();

        assertThat(api.get("/api/queue/verify", other.token()).body().findValuesAsText("reference"))
                .contains(entered.body().get("reference").asText());
        assertThat(api.get("/api/queue/verify", clerk.token()).body().findValues("id"))
                .as("the person who entered it is not asked to check it").noneMatch(n -> n.asLong() == id);
        Api.User elsewhere = api.createUser("CLERK", Api.site());
        assertThat(api.get("/api/queue/verify", elsewhere.token()).body().findValues("id"))
                .as("another site's items are not offered").noneMatch(n -> n.asLong() == id);
        Api.Response noSites = api.get("/api/queue/verify", api.createUser("CLERK").token());
        assertThat(noSites.status()).as(noSites.toString()).isEqualTo(200);
        assertThat(noSites.body()).isEmpty();

        Api.Response self = move(id, clerk, Map.of("to", "VERIFIED"));
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.body().get("detail").asText()).contains("Four eyes");

        Api.Response verified = move(id, other, Map.of("to", "VERIFIED"));
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().get("verifiedBy").asText()).isEqualTo(other.username());
        assertThat(verified.body().get("closed").asBoolean()).isTrue();
        assertThat(api.get("/api/queue/verify", other.token()).body().findValues("id")).noneMatch(n -> n.asLong() == id);
        assertThat(api.get("/api/items/" + id + "/history", lead.token()).body().findValuesAsText("action"))
                .containsSubsequence("ITEM_CLAIMED", "ITEM_STATUS_CHANGED", "ITEM_STATUS_CHANGED");
    }

    @Test
    void theItemsWaitingForASecondCheckComeInTheQueuesOrderAcrossSystemsWithoutThoseClosedOnEntry() {
        recoverAll();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            int hours = 2 + i * 5;
            log(b -> b.put("highRisk", true).put("occurredAt", now.minus(hours, ChronoUnit.HOURS).toString()));
            log(b -> b.put("highRisk", true).put("targetSystem", "LIMS").put("category", "RESULT")
                    .put("occurredAt", now.minus(hours + 2, ChronoUnit.HOURS).toString()));
            log(b -> b.put("category", "OBSERVATIONS").put("targetSystem", "EHR")
                    .put("occurredAt", now.minus(hours + 1, ChronoUnit.HOURS).toString()));
        }
        List<Long> enteredOpen = new ArrayList<>();
        boolean more = true;
        while (more) {
            Api.User worker = api.createUser(new String[]{"CLERK"}, new String[]{site}, new String[]{"EHR", "EMAR", "LIMS"});
            for (int n = 0; n < 5 && more; n++) {
                Api.Response next = api.post("/api/queue/next", worker.token(), Map.of());
                more = next.status() == 200;
                if (more) {
                    long id = next.body().get("id").asLong();
                    Api.Response entered = move(id, worker, Map.of("to", "ENTERED", "externalReference", "REF-" + id));
                    assertThat(entered.status()).as(entered.toString()).isEqualTo(200);
                    if (!entered.body().get("closed").asBoolean()) {
                        enteredOpen.add(id);
                    }
                }
            }
        }
        // the six high-risk items wait for a second check; the three observations closed when entered
        assertThat(enteredOpen).hasSize(6);
        Api.User checker = api.createUser(new String[]{"CLERK"}, new String[]{site}, new String[]{"EHR", "EMAR", "LIMS"});
        List<Long> toVerify = api.get("/api/queue/verify", checker.token()).body().findValues("id").stream()
                .map(JsonNode::asLong).toList();
        List<Long> inQueueOrder = new ArrayList<>();
        api.get("/api/items?outageId=" + outageId + "&status=ENTERED&sort=priority&size=50", lead.token()).body()
                .get("items").forEach(i -> {
                    if (enteredOpen.contains(i.get("id").asLong())) {
                        inQueueOrder.add(i.get("id").asLong());
                    }
                });
        assertThat(toVerify).containsExactlyElementsOf(inQueueOrder);
        Api.User limsOnly = api.createUser(new String[]{"CLERK"}, new String[]{site}, new String[]{"LIMS"});
        assertThat(api.get("/api/queue/verify", limsOnly.token()).body().findValuesAsText("targetSystem"))
                .hasSize(3).containsOnly("LIMS");
    }

    @Test
    void routineItemsCloseWhenEntered() {
        recoverAll();
        long id = log(b -> b.put("category", "OBSERVATIONS").put("targetSystem", "EHR")).get("id").asLong();
        api.post("/api/queue/next", clerk.token(), Map.of());
        Api.Response entered = move(id, clerk, Map.of("to", "ENTERED", "externalReference", "OBS-1"));
        assertThat(entered.body().get("needsVerification").asBoolean()).isFalse();
        assertThat(entered.body().get("closed").asBoolean()).isTrue();
        assertThat(entered.body().get("closedAt").isNull()).isFalse();
    }

    @Test
    void illegalMovesAndStaleETagsAreRefused() {
        long id = log(b -> { }).get("id").asLong();   // LOGGED: EMAR still down
        Api.Response illegal = move(id, clerk, Map.of("to", "ENTERED", "externalReference", "x"));
        assertThat(illegal.status()).isEqualTo(409);
        assertThat(illegal.body().get("currentStatus").asText()).isEqualTo("LOGGED");
        assertThat(illegal.body().get("requestedStatus").asText()).isEqualTo("ENTERED");
        assertThat(move(id, lead, Map.of("to", "READY")).status()).isEqualTo(409);

        Api.Response stale = api.post("/api/items/" + id + "/transitions", lead.token(),
                Map.of("to", "NOT_REQUIRED", "reason", "scanned"), "If-Match", "\"99\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(api.post("/api/items/" + id + "/transitions", lead.token(), Map.of("to", "NOT_REQUIRED", "reason", "x"))
                .status()).isEqualTo(428);

        assertThat(move(id, clerk, Map.of("to", "NOT_REQUIRED", "reason", "interface replayed it")).status()).isEqualTo(403);
        assertThat(move(id, lead, Map.of("to", "NOT_REQUIRED")).status()).isEqualTo(422);
        Api.Response closed = move(id, lead, Map.of("to", "NOT_REQUIRED", "reason", "LIMS interface replayed it"));
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.body().get("statusReason").asText()).isEqualTo("LIMS interface replayed it");
        assertThat(move(id, lead, Map.of("to", "READY")).status()).isEqualTo(409);
        assertThat(api.patch("/api/items/" + id, lead.token(), Map.of("ward", "x"), "If-Match", closed.header("ETag"))
                .status()).isEqualTo(409);
    }

    @Test
    void holdsDuplicatesAndReleases() {
        recoverAll();
        long original = log(b -> { }).get("id").asLong();
        long copy = log(b -> { }).get("id").asLong();
        Api.Response dup = move(copy, lead, Map.of("to", "DUPLICATE", "duplicateOf", original));
        assertThat(dup.status()).isEqualTo(200);
        assertThat(dup.body().get("duplicateOf").asLong()).isEqualTo(original);
        assertThat(move(original, lead, Map.of("to", "DUPLICATE", "duplicateOf", copy)).status()).isEqualTo(422);

        JsonNode claimed = api.post("/api/queue/next", clerk.token(), Map.of()).body();
        assertThat(claimed.get("id").asLong()).isEqualTo(original);
        Api.User other = api.createUser("CLERK", site);
        assertThat(api.post("/api/items/" + original + "/release", other.token(), Map.of()).status()).isEqualTo(403);
        Api.Response held = move(original, clerk, Map.of("to", "ON_HOLD", "reason", "dose illegible: asked ward 7"));
        assertThat(held.body().get("status").asText()).isEqualTo("ON_HOLD");
        assertThat(held.body().get("assignedTo").isNull()).isTrue();
        assertThat(move(original, clerk, Map.of("to", "READY", "reason", "ward confirmed 1 g")).body().get("status").asText())
                .isEqualTo("READY");

        api.post("/api/queue/next", clerk.token(), Map.of());
        Api.Response released = api.post("/api/items/" + original + "/release", clerk.token(), Map.of("reason", "end of shift"));
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.body().get("status").asText()).isEqualTo("READY");
        assertThat(api.post("/api/items/" + original + "/release", clerk.token(), Map.of()).status()).isEqualTo(409);
    }

    @Test
    void aPersonHoldsAtMostTheCap() {
        recoverAll();
        for (int i = 0; i < 6; i++) {
            log(b -> { });
        }
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/queue/next", clerk.token(), Map.of()).status()).isEqualTo(200);
        }
        Api.Response capped = api.post("/api/queue/next", clerk.token(), Map.of());
        assertThat(capped.status()).isEqualTo(409);
        assertThat(capped.body().get("maxAssigned").asInt()).isEqualTo(5);
        long held = api.get("/api/queue/mine", clerk.token()).body().get(0).get("id").asLong();
        api.post("/api/items/" + held + "/release", clerk.token(), Map.of());
        assertThat(api.post("/api/queue/next", clerk.token(), Map.of()).status()).isEqualTo(200);
    }

    @Test
    void aTeamLeadOverridesTheBandUntilCleared() {
        recoverAll();
        long routine = log(b -> b.put("category", "OTHER").put("patientStatus", "DISCHARGED")).get("id").asLong();
        log(b -> b.put("highRisk", true));
        assertThat(api.post("/api/items/" + routine + "/priority", clerk.token(), Map.of("band", "P1", "reason", "x")).status())
                .isEqualTo(403);
        assertThat(api.post("/api/items/" + routine + "/priority", lead.token(), Map.of("band", "P1")).status()).isEqualTo(422);
        Api.Response overridden = api.post("/api/items/" + routine + "/priority", lead.token(),
                Map.of("band", "P1", "reason", "patient going home within the hour"));
        assertThat(overridden.status()).isEqualTo(200);
        assertThat(overridden.body().get("priority").get("band").asText()).isEqualTo("P1");
        assertThat(overridden.body().get("priority").get("overridden").asBoolean()).isTrue();
        // a correction keeps the override
        JsonNode corrected = api.patch("/api/items/" + routine, lead.token(), Map.of("ward", "Ward 3"), "If-Match",
                overridden.header("ETag")).body();
        assertThat(corrected.get("priority").get("band").asText()).isEqualTo("P1");

        Map<String, Object> clear = new HashMap<>();
        clear.put("band", null);
        Api.Response cleared = api.post("/api/items/" + routine + "/priority", lead.token(), clear);
        assertThat(cleared.body().get("priority").get("band").asText()).isEqualTo("P4");
        assertThat(cleared.body().get("priority").get("overridden").asBoolean()).isFalse();
    }

    @Test
    void concurrentClaimersNeverGetTheSameItem() throws Exception {
        recoverAll();
        Set<Long> logged = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            logged.add(log(b -> { }).get("id").asLong());
        }
        List<Api.User> workers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            workers.add(api.createUser("CLERK", site));
        }
        claimAllAtOnce(workers, logged);
    }

    @Test
    void concurrentClaimersAcrossSystemsNeverGetTheSameItemAndLeaveNoneBehind() throws Exception {
        recoverAll();
        Set<Long> logged = new HashSet<>();
        for (int i = 0; i < 45; i++) {
            String system = List.of("EHR", "EMAR", "LIMS").get(i % 3);
            String category = List.of("CLINICAL_NOTE", "MEDICATION_ADMINISTRATION", "RESULT").get(i % 3);
            boolean highRisk = i % 4 == 0;
            logged.add(log(b -> b.put("targetSystem", system).put("category", category).put("highRisk", highRisk))
                    .get("id").asLong());
        }
        List<Api.User> workers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            workers.add(api.createUser(new String[]{"CLERK"}, new String[]{site}, new String[]{"EHR", "EMAR", "LIMS"}));
        }
        claimAllAtOnce(workers, logged);
    }

    /** Every worker claims up to 5 items at once with the others: each item goes to one of them, and none is left. */
    private void claimAllAtOnce(List<Api.User> workers, Set<Long> logged) throws Exception {
        int threads = workers.size();
        Map<Long, String> claimedBy = new ConcurrentHashMap<>();
        List<String> doubles = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (Api.User worker : workers) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int n = 0; n < 5; n++) {
                    Api.Response r = api.post("/api/queue/next", worker.token(), Map.of());
                    if (r.status() != 200) {
                        break;
                    }
                    String previous = claimedBy.putIfAbsent(r.body().get("id").asLong(), worker.username());
                    if (previous != null) {
                        doubles.add(r.body().get("id").asText());
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(doubles).isEmpty();
        assertThat(claimedBy.keySet()).containsExactlyInAnyOrderElementsOf(logged);
    }

    private JsonNode log(Consumer<ObjectNode> change) {
        return outage.log(change);
    }

    private String status(long id) {
        return api.get("/api/items/" + id, lead.token()).body().get("status").asText();
    }

    private void recover(String system) {
        outage.recover(system);
    }

    private void recoverAll() {
        for (String system : List.of("EHR", "EMAR", "LIMS")) {
            recover(system);
        }
    }

    private Api.Response move(long id, Api.User who, Map<String, Object> body) {
        String etag = api.get("/api/items/" + id, who.token()).header("ETag");
        return api.post("/api/items/" + id + "/transitions", who.token(), body, "If-Match", etag == null ? "\"0\"" : etag);
    }
}
