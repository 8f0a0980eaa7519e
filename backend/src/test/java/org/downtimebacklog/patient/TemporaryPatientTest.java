package org.downtimebacklog.patient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.StaffedOutage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** A patient not yet identified is logged under a temporary id, which a lead later merges into the real one. */
@MicronautTest(transactional = false)
class TemporaryPatientTest extends ApiTest {

    private static final String NHS = "4857773457";

    @Test
    void identitiesIssuedAtOnceAreDistinctAndNumberedPerSite() throws Exception {
        StaffedOutage o = StaffedOutage.open(api, "EMAR");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Api.Response>> issued = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Api.User who = i % 2 == 0 ? o.clerk() : o.lead();
            issued.add(pool.submit(() -> api.post("/api/temporary-patients", who.token(), Map.of("site", o.site()))));
        }
        List<String> ids = new ArrayList<>();
        for (Future<Api.Response> f : issued) {
            Api.Response r = f.get();
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            ids.add(r.body().get("temporaryId").asText());
            assertThat(r.body().get("status").asText()).isEqualTo("ACTIVE");
        }
        pool.shutdown();
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= 16; n++) {
            expected.add(String.format("TMP-%s-%04d", o.site(), n));
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(api.lastAuditEvent(o.clerk().username(), "TEMPORARY_PATIENT_ISSUED").toString()).contains(o.site());

        StaffedOutage other = StaffedOutage.open(api, "EMAR");
        assertThat(issue(other).get("temporaryId").asText()).isEqualTo("TMP-" + other.site() + "-0001");
    }

    @Test
    void onlyStaffOfTheSiteIssueOne() {
        StaffedOutage o = StaffedOutage.open(api, "EMAR");
        StaffedOutage other = StaffedOutage.open(api, "EMAR");
        assertViolation(api.post("/api/temporary-patients", o.clerk().token(), Map.of("site", other.site())), 422, "site");
        assertViolation(api.post("/api/temporary-patients", o.clerk().token(), Map.of("site", "bad site")), 400, "site");
        Api.User auditor = api.createUser("AUDITOR", o.site());
        assertThat(api.post("/api/temporary-patients", auditor.token(), Map.of("site", o.site())).status()).isEqualTo(403);
        String tmp = issue(o).get("temporaryId").asText();
        assertThat(api.get("/api/temporary-patients/" + tmp, other.lead().token()).status()).isEqualTo(404);
    }

    @Test
    void itemsAreCapturedUnderATemporaryIdOfTheirOwnSiteOnly() {
        StaffedOutage o = StaffedOutage.open(api, "EMAR");
        StaffedOutage other = StaffedOutage.open(api, "EMAR");
        String tmp = issue(o).get("temporaryId").asText();

        JsonNode item = o.log(b -> underTemporaryId(b, tmp));
        assertThat(item.get("patient").get("localId").asText()).isEqualTo(tmp);
        assertThat(item.get("patient").get("nhsNumber").isNull()).isTrue();
        assertThat(item.get("drill").asBoolean()).isFalse();

        ObjectNode unknown = Api.item(o.id(), o.site());
        underTemporaryId(unknown, "TMP-" + o.site() + "-9999");
        assertViolation(api.createItem(o.clerk().token(), unknown), 422, "patient.localId");

        String othersTmp = issue(other).get("temporaryId").asText();
        ObjectNode foreign = Api.item(o.id(), o.site());
        underTemporaryId(foreign, othersTmp);
        Api.Response refused = api.createItem(o.clerk().token(), foreign);
        assertViolation(refused, 422, "patient.localId");
        assertThat(refused.body().toString()).contains("another site");
    }

    @Test
    void aLeadMergesEveryItemInOneGoAndTheIdentityIsThenClosed() {
        StaffedOutage o = StaffedOutage.open(api, "EMAR", "LIMS");
        long second = api.createOutage(o.lead().token(), new String[]{o.site()}, "EMAR").get("id").asLong();
        String tmp = issue(o).get("temporaryId").asText();
        long a = o.log(b -> underTemporaryId(b, tmp)).get("id").asLong();
        long b2 = o.log(b -> { underTemporaryId(b, tmp); b.put("category", "RESULT"); b.put("targetSystem", "LIMS"); })
                .get("id").asLong();
        ObjectNode inSecond = Api.item(second, o.site());
        underTemporaryId(inSecond, tmp);
        long c = api.logItem(o.clerk().token(), inSecond).get("id").asLong();
        // the same care already logged under the real NHS number: a duplicate once merged
        long real = o.log(b -> b.with("patient").put("nhsNumber", NHS)).get("id").asLong();
        // one of them already entered in its system under the temporary identity
        o.recover("LIMS");
        Api.Response claimed = api.post("/api/queue/next", o.clerk().token(), Map.of("targetSystems", List.of("LIMS")));
        assertThat(claimed.body().get("id").asLong()).isEqualTo(b2);
        Api.Response entered = api.post("/api/items/" + b2 + "/transitions", o.clerk().token(),
                Map.of("to", "ENTERED", "externalReference", "LIMS-1"), "If-Match", claimed.header("ETag"));
        assertThat(entered.status()).as(entered.toString()).isEqualTo(200);

        JsonNode before = api.get("/api/temporary-patients/" + tmp, o.lead().token()).body();
        assertThat(before.get("items").asLong()).isEqualTo(3);
        assertThat(api.post("/api/temporary-patients/" + tmp + "/merge", o.clerk().token(),
                Map.of("nhsNumber", NHS)).status()).isEqualTo(403);
        assertViolation(api.post("/api/temporary-patients/" + tmp + "/merge", o.lead().token(),
                Map.of("nhsNumber", "485 777 3456")), 422, "nhsNumber");
        assertViolation(api.post("/api/temporary-patients/" + tmp + "/merge", o.lead().token(),
                Map.of("nhsNumber", "999 000 0018")), 422, "nhsNumber");
        assertViolation(api.post("/api/temporary-patients/" + tmp + "/merge", o.lead().token(),
                Map.of()), 422, "nhsNumber");
        assertThat(item(o, a).get("patient").get("localId").asText()).as("nothing changed on refusal").isEqualTo(tmp);

        Api.Response merged = api.post("/api/temporary-patients/" + tmp + "/merge", o.lead().token(),
                Map.of("nhsNumber", "485 777 3457", "reason", "identified by next of kin"));
        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        assertThat(ids(merged.body().get("items"))).containsExactly(a, b2, c);
        assertThat(ids(merged.body().get("backEntered"))).containsExactly(b2);
        JsonNode identity = merged.body().get("temporaryPatient");
        assertThat(identity.get("status").asText()).isEqualTo("MERGED");
        assertThat(identity.get("mergedBy").asText()).isEqualTo(o.lead().username());
        assertThat(identity.get("mergedInto").asText()).isEqualTo("NHS *** *** 3457");

        for (long id : List.of(a, b2, c)) {
            JsonNode now = item(o, id);
            assertThat(now.get("patient").get("nhsNumber").asText()).isEqualTo(NHS);
            assertThat(now.get("patient").get("localId").isNull()).isTrue();
            assertThat(now.get("patient").get("name").asText()).isEqualTo("Jane Example");
            JsonNode history = api.get("/api/items/" + id + "/history", o.lead().token()).body();
            JsonNode last = null;
            for (JsonNode event : history) {
                if (event.get("action").asText().equals("ITEM_PATIENT_MERGED")) {
                    last = event;
                }
            }
            assertThat(last).as("item " + id + " history").isNotNull();
            assertThat(last.get("actor").asText()).isEqualTo(o.lead().username());
            assertThat(last.toString()).contains(tmp).contains("identified by next of kin");
        }
        assertThat(item(o, b2).get("status").asText()).isEqualTo("ENTERED");
        assertThat(ids(item(o, a).get("possibleDuplicates"))).contains(real);
        assertThat(api.lastAuditEvent(o.lead().username(), "TEMPORARY_PATIENT_MERGED").toString()).contains(tmp);

        Api.Response again = api.post("/api/temporary-patients/" + tmp + "/merge", o.lead().token(),
                Map.of("nhsNumber", "943 476 5919"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");

        ObjectNode late = Api.item(o.id(), o.site());
        underTemporaryId(late, tmp);
        Api.Response refused = api.createItem(o.clerk().token(), late);
        assertViolation(refused, 422, "patient.localId");
        assertThat(refused.body().toString()).contains("merged into NHS *** *** 3457");
        assertThat(api.get("/api/temporary-patients/" + tmp, o.clerk().token()).body().get("items").asLong()).isZero();
    }

    @Test
    void aMergeRepeatedIntoTheSameTargetAnswersAsTheFirstAndTheListStaysOnTheIdentity() {
        StaffedOutage o = StaffedOutage.open(api, "EMAR", "LIMS");
        String tmp = issue(o).get("temporaryId").asText();
        long a = o.log(b -> underTemporaryId(b, tmp)).get("id").asLong();
        long b2 = o.log(b -> { underTemporaryId(b, tmp); b.put("category", "RESULT"); b.put("targetSystem", "LIMS"); })
                .get("id").asLong();
        o.recover("LIMS");
        Api.Response claimed = api.post("/api/queue/next", o.clerk().token(), Map.of("targetSystems", List.of("LIMS")));
        assertThat(claimed.body().get("id").asLong()).isEqualTo(b2);
        assertThat(api.post("/api/items/" + b2 + "/transitions", o.clerk().token(),
                Map.of("to", "ENTERED", "externalReference", "LIMS-2"), "If-Match", claimed.header("ETag")).status())
                .isEqualTo(200);

        Api.Response first = api.post("/api/temporary-patients/" + tmp + "/merge", o.lead().token(),
                Map.of("nhsNumber", NHS, "reason", "identified by next of kin"));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(ids(first.body().get("items"))).containsExactly(a, b2);
        assertThat(ids(first.body().get("backEntered"))).containsExactly(b2);

        // the answer was lost on the way: the lead sends the same merge again, the NHS number written otherwise
        Api.Response retried = api.post("/api/temporary-patients/" + tmp + "/merge", o.lead().token(),
                Map.of("nhsNumber", "485 777 3457", "reason", "identified by next of kin"));
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(ids(retried.body().get("items"))).containsExactly(a, b2);
        assertThat(ids(retried.body().get("backEntered"))).containsExactly(b2);
        assertThat(retried.body().get("temporaryPatient").get("mergedAt").asText())
                .isEqualTo(first.body().get("temporaryPatient").get("mergedAt").asText());
        assertThat(api.auditEvents(o.lead().username(), api.adminToken()).stream()
                .filter(e -> e.get("action").asText().equals("TEMPORARY_PATIENT_MERGED")).count())
                .as("only the merge is audited as one").isEqualTo(1);

        JsonNode identity = api.get("/api/temporary-patients/" + tmp, o.clerk().token()).body();
        assertThat(identity.get("items").asLong()).isZero();
        assertThat(ids(identity.get("mergedItems"))).containsExactly(a, b2);
        assertThat(ids(identity.get("backEntered"))).containsExactly(b2);

        // into anyone else it stays a conflict, whichever identifier is given
        Api.Response elsewhere = api.post("/api/temporary-patients/" + tmp + "/merge", o.lead().token(),
                Map.of("nhsNumber", "943 476 5919"));
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(409);
        assertThat(elsewhere.contentType()).startsWith("application/problem+json");
        assertThat(api.post("/api/temporary-patients/" + tmp + "/merge", o.lead().token(),
                Map.of("localId", "RGH123456")).status()).isEqualTo(409);
    }

    @Test
    void anItemLoggedWhileTheMergeRunsIsNeverLeftBehind() throws Exception {
        for (int round = 0; round < 3; round++) {
            StaffedOutage o = StaffedOutage.open(api, "EMAR");
            String tmp = issue(o).get("temporaryId").asText();
            o.log(b -> underTemporaryId(b, tmp));
            ExecutorService pool = Executors.newFixedThreadPool(9);
            List<Callable<Api.Response>> work = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                work.add(() -> {
                    ObjectNode body = Api.item(o.id(), o.site());
                    underTemporaryId(body, tmp);
                    return api.createItem(o.clerk().token(), body);
                });
            }
            work.add(4, () -> api.post("/api/temporary-patients/" + tmp + "/merge", o.lead().token(),
                    Map.of("nhsNumber", NHS)));
            List<Future<Api.Response>> answers = pool.invokeAll(work);
            pool.shutdown();
            Map<Integer, Integer> statuses = new HashMap<>();
            for (int i = 0; i < answers.size(); i++) {
                Api.Response r = answers.get(i).get();
                statuses.merge(r.status(), 1, Integer::sum);
                if (i == 4) {
                    assertThat(r.status()).as(r.toString()).isEqualTo(200);
                } else if (r.status() == 201) {
                    // logged before the merge took the identity: moved with the others
                    assertThat(item(o, r.body().get("id").asLong()).get("patient").get("nhsNumber").asText())
                            .isEqualTo(NHS);
                } else {
                    assertViolation(r, 422, "patient.localId");
                    assertThat(r.body().toString()).contains("merged into");
                }
            }
            assertThat(statuses.keySet()).isSubsetOf(200, 201, 422);
            assertThat(api.get("/api/temporary-patients/" + tmp, o.lead().token()).body().get("items").asLong())
                    .as("items left under the temporary id, answers " + statuses).isZero();
        }
    }

    private JsonNode issue(StaffedOutage o) {
        Api.Response r = api.post("/api/temporary-patients", o.clerk().token(),
                Map.of("site", o.site(), "description", "man about 40, found in the car park"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body();
    }

    private JsonNode item(StaffedOutage o, long id) {
        return api.get("/api/items/" + id, o.lead().token()).body();
    }

    static void underTemporaryId(ObjectNode body, String tmp) {
        ObjectNode patient = body.with("patient");
        patient.remove("nhsNumber");
        patient.put("localId", tmp);
    }

    static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.asLong()));
        return ids;
    }

    static void assertViolation(Api.Response r, int status, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("violations").findValuesAsText("field")).as(r.toString()).contains(field);
    }
}
