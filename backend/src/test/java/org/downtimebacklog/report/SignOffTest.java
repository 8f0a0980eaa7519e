package org.downtimebacklog.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing an outage off: only with every exception named with a reason, once, by a lead of its sites. */
@MicronautTest(transactional = false)
class SignOffTest extends ApiTest {

    private Api.Response signOff(RecoveryOutage o, Api.User who, Object body) {
        return api.post("/api/outages/" + o.id() + "/sign-off", who.token(), body);
    }

    private static Map<String, Object> withReasons(RecoveryOutage o, String statement) {
        return Map.of("statement", statement, "exceptions", List.of(
                Map.of("ref", o.ref(5), "reason", "Ward query outstanding"),
                Map.of("ref", o.ref(6), "reason", "Pharmacist checks on Monday")));
    }

    private JsonNode report(RecoveryOutage o) {
        return api.get("/api/outages/" + o.id() + "/report", o.lead().token()).body();
    }

    @Test
    void anOpenOutageCannotBeSignedOff() {
        RecoveryOutage o = RecoveryOutage.build(api);
        Api.Response r = signOff(o, o.lead(), withReasons(o, "Done"));
        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(report(o).get("signOff").isNull()).isTrue();
    }

    @Test
    void everyOpenItemMustBeNamedWithAReason() {
        RecoveryOutage o = RecoveryOutage.build(api);
        o.close();

        Api.Response uncovered = signOff(o, o.lead(), Map.of("statement", "Done",
                "exceptions", List.of(Map.of("ref", o.ref(5), "reason", "Ward query outstanding"))));
        assertThat(uncovered.status()).as(uncovered.toString()).isEqualTo(409);
        List<String> left = new ArrayList<>();
        uncovered.body().get("uncovered").forEach(n -> left.add(n.asText()));
        assertThat(left).containsExactly(o.ref(6));

        Api.Response nothing = signOff(o, o.lead(), Map.of());
        assertThat(nothing.status()).isEqualTo(409);
        assertThat(nothing.body().get("uncovered")).hasSize(2);

        Api.Response noReason = signOff(o, o.lead(), Map.of("exceptions", List.of(
                Map.of("ref", o.ref(5), "reason", "Ward query outstanding"), Map.of("ref", o.ref(6), "reason", " "))));
        assertThat(noReason.status()).as(noReason.toString()).isEqualTo(422);
        assertThat(noReason.body().toString()).contains("exceptions[1].reason");

        Api.Response closedItem = signOff(o, o.lead(), Map.of("exceptions", List.of(
                Map.of("ref", o.ref(5), "reason", "a"), Map.of("ref", o.ref(6), "reason", "b"),
                Map.of("ref", o.ref(1), "reason", "c"))));
        assertThat(closedItem.status()).as(closedItem.toString()).isEqualTo(422);
        assertThat(closedItem.body().toString()).contains("exceptions[2].ref");

        Api.Response twice = signOff(o, o.lead(), Map.of("exceptions", List.of(
                Map.of("ref", o.ref(5), "reason", "a"), Map.of("ref", o.ref(5).toLowerCase(), "reason", "b"))));
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.body().toString()).contains("exceptions[1].ref");

        Api.Response malformed = signOff(o, o.lead(), "{\"exceptions\": \"all\"}");
        assertThat(malformed.status()).isEqualTo(400);

        assertThat(report(o).get("signOff").isNull()).isTrue();
    }

    @Test
    void withAReasonForEachExceptionItIsSignedOffAuditedAndShown() {
        RecoveryOutage o = RecoveryOutage.build(api);
        o.close();
        Api.Response r = signOff(o, o.lead(), withReasons(o, "Reconciled with the ward managers"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.body().get("signedBy").asText()).isEqualTo(o.lead().username());

        JsonNode signOff = report(o).get("signOff");
        assertThat(signOff.get("signedBy").asText()).isEqualTo(o.lead().username());
        assertThat(signOff.get("signedByName").asText()).isEqualTo("Test " + o.lead().username());
        assertThat(signOff.get("statement").asText()).isEqualTo("Reconciled with the ward managers");
        assertThat(signOff.at("/exceptions/0/ref").asText()).isEqualTo(o.ref(5));
        assertThat(signOff.at("/exceptions/0/reason").asText()).isEqualTo("Ward query outstanding");
        assertThat(signOff.at("/exceptions/1/kind").asText()).isEqualTo("OPEN_ITEM");
        assertThat(signOff.get("changedAfterSignOff")).isEmpty();
        assertThat(report(o).at("/retention/purgeFrom").isNull()).isFalse();

        JsonNode audited = api.lastAuditEvent(o.lead().username(), "OUTAGE_SIGNED_OFF");
        assertThat(audited.get("entityId").asLong()).isEqualTo(o.id());
        assertThat(audited.at("/changes/exceptions/new").toString()).contains(o.ref(6) + ": Pharmacist checks on Monday");

        // the same request again answers the sign-off made; any other is refused
        Api.Response again = signOff(o, o.lead(), withReasons(o, "Reconciled with the ward managers"));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.body().get("signedAt").asText()).isEqualTo(r.body().get("signedAt").asText());
        Api.Response other = signOff(o, o.lead(), withReasons(o, "Another statement"));
        assertThat(other.status()).isEqualTo(409);
        Api.User secondLead = api.createUser("TEAM_LEAD", o.staffed().site());
        assertThat(signOff(o, secondLead, withReasons(o, "Reconciled with the ward managers")).status()).isEqualTo(409);

        // an item may still be put right afterwards; the report says it changed after sign-off
        o.move(o.items().get(4), o.lead(), Map.of("to", "NOT_REQUIRED", "reason", "Ward answered: scanned"), 200);
        List<String> changed = new ArrayList<>();
        report(o).at("/signOff/changedAfterSignOff").forEach(n -> changed.add(n.asText()));
        assertThat(changed).containsExactly(o.ref(5));
    }

    @Test
    void anOutageWithEveryItemClosedIsSignedOffWithoutExceptionsAndCleared() {
        var staffed = org.downtimebacklog.support.StaffedOutage.open(api, "EHR");
        JsonNode item = staffed.log(b -> b.put("category", "OBSERVATIONS").put("targetSystem", "EHR"));
        staffed.recover("EHR");
        String etag = api.get("/api/items/" + item.get("id").asLong(), staffed.lead().token()).header("ETag");
        assertThat(api.post("/api/items/" + item.get("id").asLong() + "/transitions", staffed.lead().token(),
                Map.of("to", "NOT_REQUIRED", "reason", "Scanned"), "If-Match", etag).status()).isEqualTo(200);
        assertThat(api.post("/api/outages/" + staffed.id() + "/close", staffed.lead().token(), null).status())
                .isEqualTo(200);

        Api.Response r = api.post("/api/outages/" + staffed.id() + "/sign-off", staffed.lead().token(), Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.body().get("exceptions")).isEmpty();
        assertThat(r.body().get("statement").isNull()).isTrue();
        JsonNode report = api.get("/api/outages/" + staffed.id() + "/report", staffed.lead().token()).body();
        assertThat(report.at("/throughput/cleared").asBoolean()).isTrue();
        assertThat(report.at("/throughput/timeToClearMinutes").asLong()).isZero();
        assertThat(report.at("/timeline/3/event").asText()).isEqualTo("SIGNED_OFF");
    }

    @Test
    void theSameSignOffSentTwiceAtOnceIsMadeOnceAndAnsweredToBoth() throws Exception {
        // a double tap, or a proxy retrying a slow request: both get the sign-off, one makes it
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                var staffed = org.downtimebacklog.support.StaffedOutage.open(api, "EHR");
                assertThat(api.post("/api/outages/" + staffed.id() + "/close", staffed.lead().token(), null).status())
                        .isEqualTo(200);
                Map<String, Object> body = Map.of("statement", "Nothing was logged", "exceptions", List.of());
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Api.Response>> sent = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    sent.add(pool.submit(() -> {
                        start.await();
                        return api.post("/api/outages/" + staffed.id() + "/sign-off", staffed.lead().token(), body);
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (var f : sent) {
                    Api.Response r = f.get();
                    statuses.add(r.status());
                    assertThat(r.body().get("signedBy").asText()).as(r.toString()).isEqualTo(staffed.lead().username());
                }
                assertThat(statuses).containsExactlyInAnyOrder(201, 200);
                long made = 0;
                for (JsonNode event : api.auditEvents(staffed.lead().username(), api.adminToken())) {
                    if (event.get("action").asText().equals("OUTAGE_SIGNED_OFF")
                            && event.get("entityId").asLong() == staffed.id()) {
                        made++;
                    }
                }
                assertThat(made).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyATeamLeadOfTheOutagesSitesSignsOff() {
        RecoveryOutage o = RecoveryOutage.build(api);
        o.close();
        Api.User otherLead = api.createUser("TEAM_LEAD", Api.site());
        Api.Response other = signOff(o, otherLead, withReasons(o, "Done"));
        assertThat(other.status()).isEqualTo(404);
        Api.Response clerk = signOff(o, o.staffed().clerk(), withReasons(o, "Done"));
        assertThat(clerk.status()).isEqualTo(403);
        Api.User auditor = api.createUser("AUDITOR", o.staffed().site());
        assertThat(signOff(o, auditor, withReasons(o, "Done")).status()).isEqualTo(403);
        assertThat(report(o).get("signOff").isNull()).isTrue();
    }

    @Test
    void everySheetNotAccountedForNeedsAReasonToo() throws java.io.IOException {
        var staffed = org.downtimebacklog.support.StaffedOutage.open(api, "EHR");
        Api.Response pack = api.post("/api/form-packs", staffed.lead().token(), Map.of("site", staffed.site(),
                "ward", "Ward 7", "kind", "OBSERVATIONS_CHART", "count", 2, "outageId", staffed.id()));
        assertThat(pack.status()).as(pack.toString()).isEqualTo(201);
        List<String> sheets = pack.body().get("sheets").findValuesAsText("sheetId");
        JsonNode item = staffed.log(b -> b.put("category", "OBSERVATIONS").put("targetSystem", "EHR")
                .put("sheetId", sheets.get(0)));
        staffed.recover("EHR");
        String etag = api.get("/api/items/" + item.get("id").asLong(), staffed.lead().token()).header("ETag");
        assertThat(api.post("/api/items/" + item.get("id").asLong() + "/transitions", staffed.lead().token(),
                Map.of("to", "NOT_REQUIRED", "reason", "Monitor data replayed"), "If-Match", etag).status())
                .isEqualTo(200);
        // the paper holds two entries, one was logged; the second sheet never came back
        assertThat(api.post("/api/sheets/" + sheets.get(0) + "/complete", staffed.lead().token(),
                Map.of("declaredEntries", 2)).status()).isEqualTo(200);
        assertThat(api.post("/api/outages/" + staffed.id() + "/close", staffed.lead().token(), null).status())
                .isEqualTo(200);

        String path = "/api/outages/" + staffed.id();
        JsonNode report = api.get(path + "/report", staffed.lead().token()).body();
        assertThat(report.at("/sheets/accountedFor").asBoolean()).isFalse();
        assertThat(report.at("/sheets/totals/complete").asInt()).isEqualTo(1);
        assertThat(report.at("/sheets/totals/issued").asInt()).isEqualTo(1);
        List<String> listed = new ArrayList<>();
        report.at("/exceptions/sheets").forEach(e -> listed.add(e.get("ref").asText() + " " + e.get("kind").asText()));
        assertThat(listed).containsExactly(sheets.get(1) + " SHEET_OUT", sheets.get(0) + " SHEET_MISMATCH");

        Api.Response uncovered = api.post(path + "/sign-off", staffed.lead().token(), Map.of());
        assertThat(uncovered.status()).as(uncovered.toString()).isEqualTo(409);
        List<String> left = new ArrayList<>();
        uncovered.body().get("uncovered").forEach(n -> left.add(n.asText()));
        assertThat(left).containsExactly(sheets.get(1), sheets.get(0));

        Api.Response signed = api.post(path + "/sign-off", staffed.lead().token(), Map.of("exceptions", List.of(
                Map.of("ref", sheets.get(1).toLowerCase(), "reason", "Sheet left in the ward box unused"),
                Map.of("ref", sheets.get(0), "reason", "Second entry was a repeat, struck through"))));
        assertThat(signed.status()).as(signed.toString()).isEqualTo(201);
        assertThat(signed.body().at("/exceptions/0/ref").asText()).isEqualTo(sheets.get(1));
        assertThat(signed.body().at("/exceptions/0/kind").asText()).isEqualTo("SHEET_OUT");
        assertThat(signed.body().at("/exceptions/1/kind").asText()).isEqualTo("SHEET_MISMATCH");

        Api.Download pdf = api.download(path + "/report.pdf", staffed.lead().token());
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document)).contains("Sheets",
                    "Accounted for: no", "Ward 7: issued 1, in use 0, complete 1", "Sheets not accounted for: 2",
                    sheets.get(0) + "  SHEET_MISMATCH  Ward 7  (2 entries declared, 1 logged)",
                    sheets.get(1) + ": Sheet left in the ward box unused");
        }
    }
}
